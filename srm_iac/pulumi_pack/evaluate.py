"""Run one check (or the whole audit) over Pulumi resources and say what to report.

No SDK here: the functions take a ``PulumiResource`` (resource policies) or the stack's
``StackAnalysis`` (stack policies, built once per ``AnalyzeStack`` call, see ``analysis.py``) and
return plain verdicts, so unit tests call them directly and ``policies.py`` only translates them
into CrossGuard calls.

How statuses become CrossGuard results:

- FAIL: a violation at the policy's enforcement level, on the resource's URN;
- UNKNOWN: an advisory "cannot verify until apply" (never a pass, never a mandatory failure);
- NOT_EVIDENCED: an advisory "not evidenced in this stack" (the evidence may live in another
  stack; an attestation in the audit covers it);
- WAIVED and PASS: nothing;
- a check that raised: a violation (the pack fails closed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from plan_parsers.pulumi_resources import PulumiResource
from srm_iac.attestations import NO_ATTESTATIONS, load_attestations
from srm_iac.catalog.loader import Catalog
from srm_iac.cli.common import redact
from srm_iac.model.enums import ControlStatus, Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.inventory import Inventory
from srm_iac.model.report import Report
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.pulumi_pack.analysis import StackAnalysis, crossguard_inventory
from srm_iac.pulumi_pack.scope import PolicyKind
from srm_iac.pulumi_pack.settings import PolicySettings
from srm_iac.rules.check import Check, CheckContext, Detection
from srm_iac.rules.common import join_names
from srm_iac.rules.engine import run_checks

CANNOT_VERIFY = "cannot verify until apply"
NOT_EVIDENCED = "not evidenced in this stack"


@dataclass
class Verdicts:
    """What a policy reports for one evaluation."""

    violations: list[tuple[str, str | None]] = field(default_factory=list)
    """(message, URN or None for the stack) at the policy's enforcement level."""
    advisories: list[str] = field(default_factory=list)
    """Messages reported as advisory whatever the policy's level."""
    not_applicable: str = ""
    """Why the policy does not apply (nothing else is reported then)."""


def evaluate_resource(
    catalog: Catalog,
    check: Check,
    resource: PulumiResource,
    settings: PolicySettings,
    today: dt.date,
) -> Verdicts:
    """Run ``check`` on the one resource a resource policy is asked about."""
    spec = catalog.check(check.id)
    inventory = crossguard_inventory([resource])
    judged = [r for r in inventory.resources if r.type in spec.resource_types]
    if not judged:
        return Verdicts(not_applicable=f"not a {join_names(spec.resource_types)} resource")
    targets = {spec.target: Detection(spec.target, tuple(r.address for r in judged))}
    return _run(catalog, check, PolicyKind.RESOURCE, inventory, targets, settings, today)


def evaluate_stack(
    catalog: Catalog,
    check: Check,
    stack: StackAnalysis,
    settings: PolicySettings,
    today: dt.date,
) -> Verdicts:
    """Run ``check`` over the whole stack, as a stack policy."""
    spec = catalog.check(check.id)
    if spec.target not in stack.targets:
        return Verdicts(not_applicable=f"no {spec.target.display_name} resources in this stack")
    return _run(catalog, check, PolicyKind.STACK, stack.inventory, stack.targets, settings, today)


def _run(
    catalog: Catalog,
    check: Check,
    kind: PolicyKind,
    inventory: Inventory,
    targets: Mapping[Target, Detection],
    settings: PolicySettings,
    today: dt.date,
) -> Verdicts:
    context = CheckContext(inventory=inventory, config=settings.config, targets=dict(targets))
    outcome = run_checks(catalog, [check], context, today)
    verdicts = Verdicts()
    for failure in outcome.failures:
        verdicts.violations.append(
            (f"internal error: the check raised {failure.error}; it cannot be verified", None)
        )
    urns = inventory.metadata.get("urns", {})
    for finding in outcome.findings:
        _add(verdicts, finding, urns.get(finding.address), inventory, kind)
    verdicts.advisories.extend(redact(note, inventory.secrets) for note in outcome.notes)
    return verdicts


def _add(
    verdicts: Verdicts,
    finding: Finding,
    urn: str | None,
    inventory: Inventory,
    kind: PolicyKind,
) -> None:
    attribute = f" ({finding.attribute})" if finding.attribute else ""
    where = f"{finding.address}: " if finding.address and kind is PolicyKind.STACK else ""
    text = redact(f"{where}{finding.message}{attribute}", inventory.secrets)
    if finding.status is Status.FAIL:
        verdicts.violations.append((text, urn))
    elif finding.status is Status.UNKNOWN:
        verdicts.advisories.append(f"{CANNOT_VERIFY}: {text}")
    elif finding.status is Status.NOT_EVIDENCED:
        verdicts.advisories.append(f"{NOT_EVIDENCED}: {text}")


@dataclass
class AuditOutcome:
    """The audit of a stack: the report, what to say about it, and the files to write."""

    report: Report
    """The full report (the same one ``srm-iac check`` renders)."""
    inventory: Inventory
    """The stack's inventory (its secrets scrub every output)."""
    verdicts: Verdicts
    """One violation per target with gaps."""


def audit_stack(
    catalog: Catalog,
    stack: StackAnalysis,
    settings: PolicySettings,
    today: dt.date,
) -> AuditOutcome:
    """Run every check and the auditor over the stack."""
    attestations = (
        load_attestations(settings.attestations_path, catalog)
        if settings.attestations_path
        else NO_ATTESTATIONS
    )
    inventory = stack.inventory
    report = check_inventory(
        catalog,
        inventory,
        RunOptions(today=today, config=settings.config, attestations=attestations),
    )
    verdicts = Verdicts()
    if not report.targets:
        verdicts.not_applicable = "no AI resources in this stack"
    for audit in report.targets:
        gaps = [c for c in audit.controls if c.status is ControlStatus.GAP]
        if not gaps:
            continue
        partial = [c.control_id for c in audit.controls if c.status is ControlStatus.PARTIAL]
        required = len(audit.controls) - audit.count_inherited
        text = (
            f"{audit.name}: {audit.count_compliant} of {required} customer controls compliant "
            f"({audit.compliance_rate:g}%); gaps: "
            + ", ".join(f"{c.control_id} {c.name} ({c.risk.value})" for c in gaps)
            + (f"; partial: {', '.join(partial)}" if partial else "")
        )
        verdicts.violations.append((redact(text, inventory.secrets), None))
    for failure in report.failures:
        verdicts.violations.append(
            (f"internal error: check {failure.check_id} raised {failure.error}", None)
        )
    return AuditOutcome(report=report, inventory=inventory, verdicts=verdicts)
