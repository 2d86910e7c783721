"""The AI assets of one workspace, each with the status of every control for it.

An asset's control status comes from the findings on that asset's address (the worst of
them). A control with no finding on the asset shows the target-level result of the audit
instead (compliant, partial, gap or inherited), marked with scope ``target`` so nobody reads
it as evidence about that asset.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from srm_iac.assets.identity import asset_name, models_used
from srm_iac.assets.kinds import AssetKind, asset_kind
from srm_iac.model.enums import Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.inventory import Inventory, SourceLocation
from srm_iac.model.report import Report, TargetAudit
from srm_iac.rules.targets import detected_resources

_WORST_FIRST = (Status.FAIL, Status.UNKNOWN, Status.WAIVED, Status.NOT_EVIDENCED, Status.PASS)


class Scope(StrEnum):
    """Where a control status on an asset comes from."""

    ASSET = "asset"
    """Findings on this asset."""
    TARGET = "target"
    """No finding on this asset: the control's audited status for the whole target."""


@dataclass(frozen=True, slots=True)
class AssetControl:
    """The status of one control for one asset."""

    control_id: str
    """Control id, e.g. ``AI-SEC-002``."""
    scope: Scope
    """``asset`` (a finding status) or ``target`` (an audited control status)."""
    status: str
    """A finding status (PASS, FAIL ...) or a control status (compliant, gap ...)."""

    @property
    def label(self) -> str:
        """``FAIL`` for asset findings, ``target:gap`` for target-level results."""
        return self.status if self.scope is Scope.ASSET else f"target:{self.status}"


@dataclass(frozen=True, slots=True)
class Asset:
    """One AI asset found in one workspace."""

    workspace: str
    """The workspace (plan, preview or source directory) it was found in."""
    target: Target
    """The deployment target it belongs to."""
    kind: AssetKind
    """What it is: model, endpoint, agent, knowledge base, guardrail, account, compute ..."""
    address: str
    """Its resource address in the workspace."""
    resource_type: str
    """Its (Terraform) resource type."""
    name: str
    """Its provider-side name, when known and not sensitive; else empty."""
    models: tuple[tuple[str, ...], ...]
    """Models it uses, each as identifiers an approval pattern may match (label first)."""
    location: SourceLocation | None
    """Where it is declared, when known."""
    controls: tuple[AssetControl, ...]
    """One status per catalog control, in control order."""

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity across runs: workspace, target and address."""
        return (self.workspace, self.target.value, self.address)

    @property
    def model_labels(self) -> tuple[str, ...]:
        """One label per model used."""
        return tuple(identifiers[0] for identifiers in self.models)


def build_assets(workspace: str, inventory: Inventory, report: Report) -> tuple[Asset, ...]:
    """Every detected AI resource of ``inventory`` as an asset, sorted by target and address."""
    audits = {audit.target: audit for audit in report.targets}
    findings = _findings_by_subject(report.findings)
    assets = [
        Asset(
            workspace=workspace,
            target=target,
            kind=asset_kind(resource.type),
            address=resource.address,
            resource_type=resource.type,
            name=asset_name(resource),
            models=models_used(resource),
            location=resource.location,
            controls=_controls(audits[target], findings.get((target, resource.address), [])),
        )
        for target, resources in detected_resources(inventory).items()
        if target in audits
        for resource in resources
    ]
    return tuple(sorted(assets, key=lambda a: (list(Target).index(a.target), a.address)))


def _findings_by_subject(findings: Iterable[Finding]) -> dict[tuple[Target, str], list[Finding]]:
    grouped: dict[tuple[Target, str], list[Finding]] = {}
    for finding in findings:
        if finding.address:
            grouped.setdefault((finding.target, finding.address), []).append(finding)
    return grouped


def _controls(audit: TargetAudit, findings: list[Finding]) -> tuple[AssetControl, ...]:
    statuses: dict[str, set[Status]] = {}
    for finding in findings:
        statuses.setdefault(finding.control_id, set()).add(finding.status)
    return tuple(
        AssetControl(result.control_id, Scope.ASSET, _worst(statuses[result.control_id]).value)
        if result.control_id in statuses
        else AssetControl(result.control_id, Scope.TARGET, result.status.value)
        for result in audit.controls
    )


def _worst(statuses: set[Status]) -> Status:
    return next(status for status in _WORST_FIRST if status in statuses)
