"""The auditor: evidence per control (findings, attestations) -> one audit per target.

Pure and deterministic: no I/O, no clock (``today`` is an argument). Rules (DESIGN.md §5):

* provider-owned controls are inherited: shown, not required of the customer;
* an unassigned control is a gap of CRITICAL risk: nobody owns it;
* a customer or shared control is compliant only when its required evidence is there:
  infrastructure findings that pass (a NOT_EVIDENCED singleton may be covered by an
  attestation) and, where the catalog requires one, a valid attestation;
* a FAIL, or no evidence at all, is a gap (HIGH); UNKNOWN values, waived failures and a
  known gap that still needs an attestation make the control partial (MEDIUM);
* recommendations are ordered by risk rank (never by the risk string), then control id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from srm_iac.attestations import Attestation, Attestations, safe_link
from srm_iac.catalog.loader import Catalog
from srm_iac.catalog.model import Assignment, Control
from srm_iac.model.enums import ControlStatus, EvidenceKind, Owner, Risk, Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.report import ControlResult, Recommendation, TargetAudit

TOP_RECOMMENDATIONS = 5
_RISK = {
    ControlStatus.COMPLIANT: Risk.LOW,
    ControlStatus.INHERITED: Risk.LOW,
    ControlStatus.PARTIAL: Risk.MEDIUM,
    ControlStatus.GAP: Risk.HIGH,
}


@dataclass(frozen=True)
class AuditInput:
    """Everything the auditor needs for one target."""

    target: Target
    """The target to audit."""
    detected_by: tuple[str, ...]
    """Why the target is in scope."""
    findings: Sequence[Finding]
    """Findings for this target (any control)."""
    attestations: Attestations
    """Attestations in the run."""
    owner_overrides: dict[str, Owner]
    """Control id -> owner the organisation assigns instead of the catalog's."""
    today: dt.date
    """The date attestation expiry is judged against."""


def audit_target(catalog: Catalog, given: AuditInput) -> TargetAudit:
    """Audit every catalog control for one target."""
    provider = catalog.providers[given.target]
    if not provider.assignments:
        raise ValueError(f"no assignments for target {given.target.value}")
    by_control: dict[str, list[Finding]] = {}
    for finding in given.findings:
        by_control.setdefault(finding.control_id, []).append(finding)
    results = tuple(
        _audit_control(
            control,
            provider.assignments[control.id],
            given.owner_overrides.get(control.id),
            by_control.get(control.id, []),
            given.attestations.valid(given.target, control.id, given.today),
        )
        for control in catalog.controls
    )
    return TargetAudit(
        target=given.target,
        name=provider.name,
        detected_by=given.detected_by,
        provider_map_reviewed=provider.last_reviewed,
        controls=results,
        top_recommendations=recommendations(results),
    )


def recommendations(results: Iterable[ControlResult]) -> tuple[Recommendation, ...]:
    """Gaps and partial controls, highest risk first, then by control id; at most five."""
    open_items = [r for r in results if r.status in (ControlStatus.GAP, ControlStatus.PARTIAL)]
    open_items.sort(key=lambda r: (-r.risk.rank, r.control_id))
    return tuple(
        Recommendation(r.control_id, r.risk, r.status, _action(r))
        for r in open_items[:TOP_RECOMMENDATIONS]
    )


def _action(result: ControlResult) -> str:
    if result.owner is Owner.UNASSIGNED:
        return f"Assign an owner for {result.name}: {result.known_gap}"
    return result.customer_action


def _audit_control(
    control: Control,
    assignment: Assignment,
    owner_override: Owner | None,
    findings: list[Finding],
    attestations: list[Attestation],
) -> ControlResult:
    owner = owner_override or assignment.owner
    evidence = _finding_lines(findings) + _attestation_lines(attestations)
    if owner is Owner.PROVIDER:
        status, risk = ControlStatus.INHERITED, Risk.LOW
        evidence = [f"inherited from the provider: {assignment.provider_offers}", *evidence]
    elif owner is Owner.UNASSIGNED:
        status, risk = ControlStatus.GAP, Risk.CRITICAL
        evidence = [f"nobody owns this control: {assignment.gap}", *evidence]
    else:
        status, why = _customer_status(assignment, findings, attestations)
        risk = _RISK[status]
        evidence = [*evidence, *why]
    return ControlResult(
        control_id=control.id,
        name=control.name,
        owner=owner,
        status=status,
        risk=risk,
        evidence=tuple(evidence),
        customer_action=assignment.customer_must,
        known_gap=assignment.gap,
        owasp_llm=control.owasp_llm,
        nist_ai_rmf=control.nist_ai_rmf,
        attested=bool(attestations) and owner is not Owner.PROVIDER,
    )


def _customer_status(
    assignment: Assignment, findings: list[Finding], attestations: list[Attestation]
) -> tuple[ControlStatus, list[str]]:
    needs_infra = EvidenceKind.INFRASTRUCTURE in assignment.evidence
    needs_attestation = EvidenceKind.ATTESTATION in assignment.evidence
    statuses = {finding.status for finding in findings}
    attested = bool(attestations)
    if Status.FAIL in statuses:
        return ControlStatus.GAP, []
    uncovered = Status.NOT_EVIDENCED in statuses and not attested
    infra_missing = needs_infra and (not findings or uncovered)
    if infra_missing and not attested:
        return ControlStatus.GAP, ["no infrastructure evidence in this input and no attestation"]
    if needs_attestation and not attested and not needs_infra:
        return ControlStatus.GAP, ["no attestation: this control is evidenced by process"]
    if Status.UNKNOWN in statuses:
        return ControlStatus.PARTIAL, ["some values are unknown until apply"]
    if needs_attestation and not attested:
        reason = assignment.gap or "part of this control is process, not infrastructure"
        return ControlStatus.PARTIAL, [f"needs an attestation: {reason}"]
    if Status.WAIVED in statuses:
        return ControlStatus.PARTIAL, ["failing checks are waived, not fixed"]
    return ControlStatus.COMPLIANT, []


def _finding_lines(findings: list[Finding]) -> list[str]:
    lines = []
    for finding in sorted(findings, key=lambda f: f.sort_key):
        subject = finding.address or finding.target.value
        lines.append(f"{finding.status.value} {finding.check_id} {subject}: {finding.message}")
    return lines


def _attestation_lines(attestations: list[Attestation]) -> list[str]:
    return [
        f"ATTESTED by {entry.owner} until {entry.expires.isoformat()}: {entry.statement} "
        f"({', '.join(safe_link(link) for link in entry.evidence)})"
        for entry in sorted(attestations, key=lambda a: (a.date, a.owner, a.statement))
    ]
