"""What a recorded run keeps: enough to show trends and diff two runs, nothing sensitive.

Stored per run: when (from ``srm_iac.clock``), which command, the tool version and the input
names; per workspace and target the control counts and compliance rate; per control its
owner, status and risk; per finding its check, address, status, severity and fingerprint;
and the AI assets (workspace, target, kind, address, type). Finding messages, evidence
lines, attribute values and asset names are never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from srm_iac.assets.inventory import Asset
from srm_iac.model.report import Report


@dataclass(frozen=True, slots=True)
class TargetRow:
    """Control counts of one target in one workspace."""

    workspace: str
    """The workspace (input name; empty for a catalog-only audit)."""
    target: str
    """Target id."""
    total: int
    """Controls audited."""
    compliant: int
    """Compliant controls."""
    partial: int
    """Partial controls."""
    gaps: int
    """Gap controls."""
    inherited: int
    """Provider-owned controls."""
    compliance_rate: float
    """Compliant over required controls, percent."""


@dataclass(frozen=True, slots=True)
class ControlRow:
    """The audited status of one control for one target in one workspace."""

    workspace: str
    """The workspace."""
    target: str
    """Target id."""
    control_id: str
    """Control id."""
    owner: str
    """Owner after overrides."""
    status: str
    """compliant, partial, gap or inherited."""
    risk: str
    """Risk of the status."""
    attested: bool
    """An attestation contributed."""


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding, without its message."""

    workspace: str
    """The workspace."""
    check_id: str
    """Check id."""
    control_id: str
    """Control id."""
    target: str
    """Target id."""
    address: str
    """Resource address; empty for target-level findings."""
    status: str
    """Finding status."""
    severity: str
    """Severity after overrides."""
    fingerprint: str
    """Stable id of the finding across runs."""


@dataclass(frozen=True, slots=True)
class AssetRow:
    """One AI asset."""

    workspace: str
    """The workspace."""
    target: str
    """Target id."""
    kind: str
    """Asset kind."""
    address: str
    """Resource address."""
    resource_type: str
    """Resource type."""


@dataclass(frozen=True)
class RunRecord:
    """One recorded run."""

    recorded_at: str
    """UTC time of the run, ``YYYY-MM-DDTHH:MM:SSZ``."""
    command: str
    """``check``, ``audit`` or ``inventory``."""
    tool_version: str
    """srm-iac version."""
    inputs: tuple[str, ...]
    """Input names as given on the command line."""
    workspaces: tuple[str, ...] = ()
    """Workspaces read (one per input for ``check``; empty name for a catalog-only audit)."""
    targets: tuple[TargetRow, ...] = ()
    """Per workspace and target."""
    controls: tuple[ControlRow, ...] = ()
    """Per workspace, target and control."""
    findings: tuple[FindingRow, ...] = ()
    """Every finding."""
    assets: tuple[AssetRow, ...] = ()
    """AI assets (supporting resources are not kept)."""
    assets_recorded: bool = False
    """The run looked at infrastructure, so ``assets`` is complete (empty means none)."""
    run_id: int | None = None
    """Id in the database, once stored."""


@dataclass(frozen=True)
class WorkspaceRun:
    """What one workspace of a run contributes to its record."""

    name: str
    """The workspace (input name; empty for a catalog-only audit)."""
    report: Report
    """Its report."""
    assets: Sequence[Asset] | None
    """Its assets; None when the run read no infrastructure (``audit``)."""


def run_record(
    command: str,
    inputs: Sequence[str],
    workspaces: Sequence[WorkspaceRun],
    recorded_at: str,
    tool_version: str,
) -> RunRecord:
    """The record of a run over ``workspaces``."""
    return RunRecord(
        recorded_at=recorded_at,
        command=command,
        tool_version=tool_version,
        inputs=tuple(inputs),
        workspaces=tuple(ws.name for ws in workspaces),
        targets=tuple(row for ws in workspaces for row in _targets(ws)),
        controls=tuple(row for ws in workspaces for row in _controls(ws)),
        findings=tuple(row for ws in workspaces for row in _findings(ws)),
        assets=tuple(
            AssetRow(ws.name, a.target.value, a.kind.value, a.address, a.resource_type)
            for ws in workspaces
            for a in ws.assets or ()
            if a.kind.is_asset
        ),
        assets_recorded=all(ws.assets is not None for ws in workspaces),
    )


def _targets(ws: WorkspaceRun) -> list[TargetRow]:
    return [
        TargetRow(
            workspace=ws.name,
            target=audit.target.value,
            total=len(audit.controls),
            compliant=audit.count_compliant,
            partial=audit.count_partial,
            gaps=audit.count_gaps,
            inherited=audit.count_inherited,
            compliance_rate=audit.compliance_rate,
        )
        for audit in ws.report.targets
    ]


def _controls(ws: WorkspaceRun) -> list[ControlRow]:
    return [
        ControlRow(
            workspace=ws.name,
            target=audit.target.value,
            control_id=control.control_id,
            owner=control.owner.value,
            status=control.status.value,
            risk=control.risk.value,
            attested=control.attested,
        )
        for audit in ws.report.targets
        for control in audit.controls
    ]


def _findings(ws: WorkspaceRun) -> list[FindingRow]:
    return [
        FindingRow(
            workspace=ws.name,
            check_id=f.check_id,
            control_id=f.control_id,
            target=f.target.value,
            address=f.address,
            status=f.status.value,
            severity=f.severity.value,
            fingerprint=f.fingerprint,
        )
        for f in ws.report.findings
    ]
