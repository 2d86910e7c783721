"""The auditor's rules, over every owner x evidence combination."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from srm_iac.attestations import NO_ATTESTATIONS, Attestation, Attestations
from srm_iac.auditor import AuditInput, audit_target
from srm_iac.catalog.loader import Catalog
from srm_iac.catalog.model import Assignment
from srm_iac.catalog.schema import validate
from srm_iac.model.enums import ControlStatus, Owner, Risk, Severity, Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.report import TargetAudit

TODAY = dt.date(2026, 11, 28)
TARGET = Target.AWS_BEDROCK
CONTROL = "AI-SEC-002"


def with_assignments(catalog: Catalog, **changes: dict[str, Any]) -> Catalog:
    """A copy of the catalog whose aws_bedrock assignments are replaced per control."""
    provider = catalog.providers[TARGET]
    assignments = dict(provider.assignments)
    for control_id, fields in changes.items():
        assignments[control_id.replace("_", "-")] = validate(Assignment, fields)
    new_provider = dataclasses.replace(provider, assignments=assignments)
    providers = {**catalog.providers, TARGET: new_provider}
    return dataclasses.replace(catalog, providers=providers)


def assignment(owner: str, evidence: list[str] | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {"owner": owner, "provider_offers": "offers", "gap": "known gap"}
    if owner in ("customer", "shared"):
        fields.update(customer_must="do the thing", evidence=evidence or ["infrastructure"])
    return fields


def finding(status: Status, control: str = CONTROL, address: str = "r.x") -> Finding:
    return Finding(
        check_id="SRM-AWS-005",
        control_id=control,
        target=TARGET,
        status=status,
        severity=Severity.HIGH,
        message="m",
        address=address,
    )


def attestation(
    control: str = CONTROL, *, date: str = "2026-10-01", expires: str = "2027-01-01"
) -> Attestation:
    return validate(
        Attestation,
        {
            "control": control,
            "target": TARGET.value,
            "statement": "red-teamed",
            "evidence": ["https://user:tok@wiki.example.com/report?sig=abc#x"],
            "owner": "appsec",
            "date": date,
            "expires": expires,
        },
    )


def audit(
    catalog: Catalog,
    findings: list[Finding] = (),  # type: ignore[assignment]
    attestations: Attestations = NO_ATTESTATIONS,
) -> TargetAudit:
    return audit_target(catalog, AuditInput(TARGET, ("x",), findings, attestations, {}, TODAY))


def status_of(result: TargetAudit, control: str = CONTROL) -> tuple[ControlStatus, Risk]:
    control_result = next(c for c in result.controls if c.control_id == control)
    return control_result.status, control_result.risk


ATTESTED = object()
CASES = [
    # owner, evidence kinds, findings, attested, expected status, expected risk
    ("provider", None, [], False, ControlStatus.INHERITED, Risk.LOW),
    ("provider", None, [Status.FAIL], False, ControlStatus.INHERITED, Risk.LOW),
    ("unassigned", None, [], False, ControlStatus.GAP, Risk.CRITICAL),
    ("unassigned", None, [Status.PASS], True, ControlStatus.GAP, Risk.CRITICAL),
]
for owner in ("customer", "shared"):
    CASES += [
        (owner, ["infrastructure"], [], False, ControlStatus.GAP, Risk.HIGH),
        (owner, ["infrastructure"], [Status.PASS], False, ControlStatus.COMPLIANT, Risk.LOW),
        (
            owner,
            ["infrastructure"],
            [Status.PASS, Status.FAIL],
            False,
            ControlStatus.GAP,
            Risk.HIGH,
        ),
        (owner, ["infrastructure"], [Status.FAIL], True, ControlStatus.GAP, Risk.HIGH),
        (
            owner,
            ["infrastructure"],
            [Status.PASS, Status.UNKNOWN],
            False,
            ControlStatus.PARTIAL,
            Risk.MEDIUM,
        ),
        (owner, ["infrastructure"], [Status.NOT_EVIDENCED], False, ControlStatus.GAP, Risk.HIGH),
        (
            owner,
            ["infrastructure"],
            [Status.NOT_EVIDENCED],
            True,
            ControlStatus.COMPLIANT,
            Risk.LOW,
        ),
        (owner, ["infrastructure"], [], True, ControlStatus.COMPLIANT, Risk.LOW),
        (owner, ["infrastructure"], [Status.WAIVED], False, ControlStatus.PARTIAL, Risk.MEDIUM),
        (owner, ["attestation"], [], False, ControlStatus.GAP, Risk.HIGH),
        (owner, ["attestation"], [], True, ControlStatus.COMPLIANT, Risk.LOW),
        (owner, ["attestation"], [Status.PASS], False, ControlStatus.GAP, Risk.HIGH),
        (
            owner,
            ["infrastructure", "attestation"],
            [Status.PASS],
            False,
            ControlStatus.PARTIAL,
            Risk.MEDIUM,
        ),
        (
            owner,
            ["infrastructure", "attestation"],
            [Status.PASS],
            True,
            ControlStatus.COMPLIANT,
            Risk.LOW,
        ),
        (owner, ["infrastructure", "attestation"], [], False, ControlStatus.GAP, Risk.HIGH),
        (
            owner,
            ["infrastructure", "attestation"],
            [Status.UNKNOWN],
            True,
            ControlStatus.PARTIAL,
            Risk.MEDIUM,
        ),
    ]


@pytest.mark.parametrize(
    ("owner", "evidence", "statuses", "attested", "expected", "risk"),
    CASES,
    ids=[
        f"{c[0]}-{'+'.join(c[1] or ['-'])}-{'+'.join(s.value for s in c[2]) or 'none'}"
        f"{'-attested' if c[3] else ''}"
        for c in CASES
    ],
)
def test_owner_by_evidence(
    catalog: Catalog,
    owner: str,
    evidence: list[str] | None,
    statuses: list[Status],
    attested: bool,
    expected: ControlStatus,
    risk: Risk,
) -> None:
    changed = with_assignments(catalog, **{CONTROL: assignment(owner, evidence)})
    attestations = Attestations("a.yaml", (attestation(),)) if attested else NO_ATTESTATIONS
    result = audit(changed, [finding(s) for s in statuses], attestations)
    assert status_of(result) == (expected, risk)


def test_expired_attestation_counts_as_missing(catalog: Catalog) -> None:
    changed = with_assignments(catalog, **{CONTROL: assignment("customer", ["attestation"])})
    expired = Attestations("a.yaml", (attestation(expires="2026-11-28"),))
    assert status_of(audit(changed, [], expired))[0] is ControlStatus.GAP
    assert "expired on 2026-11-28" in expired.issues(TODAY)[0]


def test_future_dated_attestation_does_not_count(catalog: Catalog) -> None:
    changed = with_assignments(catalog, **{CONTROL: assignment("customer", ["attestation"])})
    future = Attestations("a.yaml", (attestation(date="2026-12-01", expires="2027-06-01"),))
    assert status_of(audit(changed, [], future))[0] is ControlStatus.GAP
    assert "in the future" in future.issues(TODAY)[0]


def test_attested_evidence_is_reported_as_attested_never_pass(catalog: Catalog) -> None:
    changed = with_assignments(catalog, **{CONTROL: assignment("customer", ["attestation"])})
    result = audit(changed, [], Attestations("a.yaml", (attestation(),)))
    control = next(c for c in result.controls if c.control_id == CONTROL)
    assert control.attested
    assert any(line.startswith("ATTESTED by appsec") for line in control.evidence)
    assert not any(line.startswith("PASS") for line in control.evidence)


def test_evidence_links_lose_credentials_query_and_fragment(catalog: Catalog) -> None:
    changed = with_assignments(catalog, **{CONTROL: assignment("customer", ["attestation"])})
    result = audit(changed, [], Attestations("a.yaml", (attestation(),)))
    text = " ".join(next(c for c in result.controls if c.control_id == CONTROL).evidence)
    assert "https://wiki.example.com/report" in text
    assert "tok" not in text and "sig=" not in text and "#x" not in text


def test_recommendations_rank_by_risk_not_by_string(catalog: Catalog) -> None:
    changed = with_assignments(
        catalog,
        **{
            "AI-SEC-001": assignment("customer"),  # no evidence: gap, HIGH
            "AI-SEC-002": assignment("customer"),  # unknown: partial, MEDIUM
            "AI-SEC-003": assignment("unassigned"),  # CRITICAL
        },
    )
    result = audit(changed, [finding(Status.UNKNOWN, "AI-SEC-002")])
    ranked = [(r.control_id, r.risk) for r in result.top_recommendations]
    assert ranked[0] == ("AI-SEC-003", Risk.CRITICAL)
    risks = [r.risk.rank for r in result.top_recommendations]
    assert risks == sorted(risks, reverse=True)
    assert ("AI-SEC-002", Risk.MEDIUM) not in ranked[:1]
    assert len(result.top_recommendations) <= 5


def test_recommendations_break_ties_by_control_id(catalog: Catalog) -> None:
    result = audit(catalog)  # no evidence at all: every customer/shared control is a gap
    high = [r.control_id for r in result.top_recommendations if r.risk is Risk.HIGH]
    assert high == sorted(high)


def test_unassigned_ranks_above_everything(catalog: Catalog) -> None:
    changed = with_assignments(catalog, AI_SEC_010=assignment("unassigned"))
    result = audit(changed)
    assert result.top_recommendations[0].control_id == "AI-SEC-010"
    assert result.top_recommendations[0].action.startswith("Assign an owner")


def test_controls_are_matched_by_id_not_position(catalog: Catalog) -> None:
    reordered = dataclasses.replace(catalog, controls=tuple(reversed(catalog.controls)))
    result = audit(reordered, [finding(Status.PASS, "AI-SEC-007")])
    changed_pass = next(c for c in result.controls if c.control_id == "AI-SEC-007")
    assert changed_pass.evidence[0].startswith("PASS")


def test_compliance_rate_excludes_inherited_controls(catalog: Catalog) -> None:
    everything_provider = {f"AI-SEC-{n:03d}": assignment("provider") for n in range(2, 11)}
    changed = with_assignments(
        catalog, **everything_provider, **{"AI-SEC-001": assignment("customer")}
    )
    result = audit(changed, [finding(Status.PASS, "AI-SEC-001")])
    assert result.count_inherited == 9
    assert result.compliance_rate == 100.0


def test_target_without_assignments_is_an_error(catalog: Catalog) -> None:
    provider = dataclasses.replace(catalog.providers[TARGET], assignments={})
    broken = dataclasses.replace(catalog, providers={**catalog.providers, TARGET: provider})
    with pytest.raises(ValueError, match="no assignments"):
        audit(broken)


def test_owner_override_from_the_organisation(catalog: Catalog) -> None:
    result = audit_target(
        catalog,
        AuditInput(
            Target.SELF_HOSTED,
            ("x",),
            [],
            NO_ATTESTATIONS,
            {"AI-SEC-001": Owner.CUSTOMER, "AI-SEC-002": Owner.CUSTOMER},
            TODAY,
        ),
    )
    owners = {c.control_id: c.owner for c in result.controls}
    assert owners["AI-SEC-001"] is Owner.CUSTOMER
    assert all(
        c.risk is not Risk.CRITICAL
        for c in result.controls
        if c.control_id in ("AI-SEC-001", "AI-SEC-002")
    )


def test_risk_summary_is_ordered_highest_first(catalog: Catalog) -> None:
    assert list(audit(catalog).risk_summary) == ["CRITICAL", "HIGH", "MEDIUM", "LOW"]


def test_audit_is_deterministic(catalog: Catalog) -> None:
    findings = [finding(Status.FAIL, "AI-SEC-003", "b"), finding(Status.PASS, "AI-SEC-003", "a")]
    first = audit(catalog, findings)
    second = audit(catalog, list(reversed(findings)))
    assert first == second
