"""Run checks over an inventory: catalog metadata in, sorted findings out.

Checks run only for targets the inventory shows. A check that raises becomes a
``CheckFailure`` (never a pass, never silently skipped). Severity overrides, waivers from
the config and inline ``srm-iac:ignore`` suppressions from source are applied here, so every
input kind gets them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from srm_iac.catalog.loader import Catalog
from srm_iac.catalog.model import CheckSpec
from srm_iac.model.enums import Status
from srm_iac.model.findings import Finding
from srm_iac.model.inventory import Resource, Suppression
from srm_iac.model.report import CheckFailure
from srm_iac.rules.check import Check, CheckContext, Result

_WAIVABLE = (Status.FAIL, Status.UNKNOWN, Status.NOT_EVIDENCED)


@dataclass
class EngineResult:
    """Findings, failures and notes of one engine run."""

    findings: list[Finding] = field(default_factory=list)
    """Every finding, sorted."""
    failures: list[CheckFailure] = field(default_factory=list)
    """Checks that raised."""
    notes: list[str] = field(default_factory=list)
    """Expired waivers and similar warnings."""


def run_checks(
    catalog: Catalog, checks: Sequence[Check], context: CheckContext, today: dt.date
) -> EngineResult:
    """Evaluate ``checks`` for the detected targets of ``context``."""
    outcome = EngineResult()
    expired: set[str] = set()
    for check in checks:
        spec = catalog.check(check.id)
        if spec.deprecated or spec.target not in context.targets:
            continue
        try:
            results = list(check.evaluate(context))
        except Exception as exc:  # noqa: BLE001 - a failing check is reported, not fatal here
            outcome.failures.append(CheckFailure(check.id, type(exc).__name__))
            continue
        for result in results:
            outcome.findings.append(_finding(spec, result, context, today, expired))
    outcome.findings.sort(key=lambda finding: finding.sort_key)
    outcome.notes.extend(sorted(expired))
    outcome.notes.extend(unknown_suppressions(catalog, context.inventory.resources))
    return outcome


def _finding(
    spec: CheckSpec, result: Result, context: CheckContext, today: dt.date, expired: set[str]
) -> Finding:
    resource = result.resource
    address = resource.address if resource else ""
    status, waiver_reason, in_source = result.status, "", False
    waivable = status in _WAIVABLE
    config = context.config
    waiver = config.waiver_for(spec.id, address) if waivable and config.waivers else None
    if waiver is not None:
        if waiver.expires > today:
            status, waiver_reason = Status.WAIVED, waiver.reason
        else:
            expired.add(
                f"waiver for {spec.id} on {waiver.address} expired on "
                f"{waiver.expires.isoformat()}; it no longer applies"
            )
    if resource is not None and resource.suppressions and status in _WAIVABLE:
        suppression = _suppression(spec.id, resource, today, expired)
        if suppression is not None:
            status, waiver_reason, in_source = Status.WAIVED, suppression.reason, True
    return Finding(
        check_id=spec.id,
        control_id=spec.control,
        target=spec.target,
        status=status,
        severity=context.config.severity_overrides.get(spec.id, spec.severity),
        message=result.message,
        address=address,
        resource_type=resource.type if resource else "",
        attribute=result.attribute,
        location=resource.location if resource else None,
        waiver=waiver_reason,
        waived_in_source=in_source,
    )


def _suppression(
    check_id: str, resource: Resource, today: dt.date, expired: set[str]
) -> Suppression | None:
    """The inline suppression of ``check_id`` on ``resource`` that is in force, if any."""
    for suppression in resource.suppressions:
        if suppression.check_id != check_id:
            continue
        if suppression.applies(today):
            return suppression
        assert suppression.expires is not None
        expired.add(
            f"srm-iac:ignore {check_id} at {suppression.location} expired on "
            f"{suppression.expires.isoformat()}; it no longer applies"
        )
    return None


def unknown_suppressions(catalog: Catalog, resources: Iterable[Resource]) -> list[str]:
    """Notes for inline suppressions that name a check the catalog does not have."""
    known = {spec.id for spec in catalog.checks}
    notes = {
        f"srm-iac:ignore at {suppression.location} names unknown check {suppression.check_id}; "
        "it is ignored"
        for resource in resources
        for suppression in resource.suppressions
        if suppression.check_id not in known
    }
    return sorted(notes)
