"""Run checks over an inventory: catalog metadata in, sorted findings out.

Checks run only for targets the inventory shows. A check that raises becomes a
``CheckFailure`` (never a pass, never silently skipped). Severity overrides and waivers from
the config are applied here, so every input kind gets them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from srm_iac.catalog.loader import Catalog
from srm_iac.catalog.schema import CheckSpec
from srm_iac.model.enums import Status
from srm_iac.model.findings import Finding
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
    return outcome


def _finding(
    spec: CheckSpec, result: Result, context: CheckContext, today: dt.date, expired: set[str]
) -> Finding:
    resource = result.resource
    address = resource.address if resource else ""
    status, waiver_reason = result.status, ""
    waiver = context.config.waiver_for(spec.id, address) if status in _WAIVABLE else None
    if waiver is not None:
        if waiver.expires > today:
            status, waiver_reason = Status.WAIVED, waiver.reason
        else:
            expired.add(
                f"waiver for {spec.id} on {waiver.address} expired on "
                f"{waiver.expires.isoformat()}; it no longer applies"
            )
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
    )
