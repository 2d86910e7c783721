"""Wire an inventory through detection, the checks and the auditor into one Report.

The only place (besides the CLI and the policy pack) that knows every stage; each stage is
pure, so the same inventory always gives the same report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from srm_iac import __version__
from srm_iac.attestations import NO_ATTESTATIONS, Attestations
from srm_iac.auditor import AuditInput, audit_target
from srm_iac.catalog.loader import Catalog
from srm_iac.config import DEFAULT_CONFIG, RunConfig
from srm_iac.model.enums import Target
from srm_iac.model.inventory import Inventory
from srm_iac.model.report import Report
from srm_iac.rules.check import Check, CheckContext
from srm_iac.rules.engine import run_checks
from srm_iac.rules.targets import detect_targets

STALE_PROVIDER_MAP_DAYS = 180
_UNCHECKED_AI_TYPES = ("awscc_bedrock_",)


@dataclass(frozen=True)
class RunOptions:
    """What a run needs besides the input."""

    today: dt.date
    """Date against which expiry of attestations and waivers is judged."""
    config: RunConfig = DEFAULT_CONFIG
    """The organisation's configuration."""
    attestations: Attestations = NO_ATTESTATIONS
    """Attestations in force."""


def check_inventory(
    catalog: Catalog,
    inventory: Inventory,
    options: RunOptions,
    checks: Sequence[Check] | None = None,
) -> Report:
    """Run every check over ``inventory`` and audit each detected target."""
    targets = detect_targets(inventory)
    if checks is None:
        from srm_iac.rules.registry import checks_for

        checks = checks_for(targets)
    context = CheckContext(inventory=inventory, config=options.config, targets=targets)
    outcome = run_checks(catalog, checks, context, options.today)
    audits = tuple(
        audit_target(
            catalog,
            AuditInput(
                target=target,
                detected_by=detection.evidence,
                findings=[f for f in outcome.findings if f.target is target],
                attestations=options.attestations,
                owner_overrides=options.config.owner_overrides.get(target, {}),
                today=options.today,
            ),
        )
        for target, detection in targets.items()
    )
    notes = [
        *inventory.notes,
        *_unchecked_types(inventory),
        *outcome.notes,
        *options.attestations.issues(options.today),
        *_stale_maps(catalog, list(targets), options.today),
    ]
    if not targets:
        notes.append("no AI resources found: nothing to audit")
    return Report(
        tool_version=__version__,
        source=inventory.source,
        input_kind=inventory.kind.value,
        targets=audits,
        findings=tuple(outcome.findings),
        notes=tuple(notes),
        failures=tuple(outcome.failures),
        stats={
            "resources": len(inventory.resources),
            "ai_resources": len({a for d in targets.values() for a in d.evidence}),
        },
    )


def audit_only(catalog: Catalog, targets: Sequence[Target], options: RunOptions) -> Report:
    """Audit targets from the catalog and attestations alone (no infrastructure input)."""
    audits = tuple(
        audit_target(
            catalog,
            AuditInput(
                target=target,
                detected_by=("--target",),
                findings=[],
                attestations=options.attestations,
                owner_overrides=options.config.owner_overrides.get(target, {}),
                today=options.today,
            ),
        )
        for target in sorted(set(targets), key=list(Target).index)
    )
    notes = [
        *options.attestations.issues(options.today),
        *_stale_maps(catalog, list(targets), options.today),
    ]
    return Report(
        tool_version=__version__, source="", input_kind="", targets=audits, notes=tuple(notes)
    )


def _stale_maps(catalog: Catalog, targets: list[Target], today: dt.date) -> list[str]:
    notes = []
    for target in targets:
        reviewed = catalog.providers[target].last_reviewed
        age = (today - reviewed).days
        if age > STALE_PROVIDER_MAP_DAYS:
            notes.append(
                f"the {target.value} responsibility map was last reviewed {age} days ago "
                f"({reviewed.isoformat()}); provider features may have changed"
            )
    return notes


def _unchecked_types(inventory: Inventory) -> list[str]:
    unchecked = sorted(t for t in inventory.types if t.startswith(_UNCHECKED_AI_TYPES))
    return [f"{t}: AI resource type recognised but not checked" for t in unchecked]
