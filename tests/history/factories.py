"""Run records built in code for history tests."""

from __future__ import annotations

from srm_iac.history.records import AssetRow, ControlRow, FindingRow, RunRecord, TargetRow

WS = "infra/prod"


def gap(control: str, status: str = "gap", workspace: str = WS) -> ControlRow:
    """A control row of the Bedrock target."""
    return ControlRow(workspace, "aws_bedrock", control, "customer", status, "HIGH", False)


def failing(check: str, address: str, status: str = "FAIL", workspace: str = WS) -> FindingRow:
    """A finding row; the fingerprint is derived from check and address like the real one."""
    return FindingRow(
        workspace, check, "AI-SEC-002", "aws_bedrock", address, status, "HIGH", f"{check}|{address}"
    )


def asset_row(address: str, workspace: str = WS) -> AssetRow:
    """An agent of the Bedrock target."""
    return AssetRow(workspace, "aws_bedrock", "agent", address, address.split(".")[0])


def record(
    *,
    when: str = "2026-11-28T10:00:00Z",
    controls: tuple[ControlRow, ...] = (),
    findings: tuple[FindingRow, ...] = (),
    assets: tuple[AssetRow, ...] = (),
    workspaces: tuple[str, ...] = (WS,),
    compliant: int = 4,
    assets_recorded: bool = True,
    command: str = "inventory",
) -> RunRecord:
    """A run over ``workspaces`` with one Bedrock target row per workspace."""
    return RunRecord(
        recorded_at=when,
        command=command,
        tool_version="0.1.0",
        inputs=workspaces,
        workspaces=workspaces,
        targets=tuple(
            TargetRow(w, "aws_bedrock", 10, compliant, 2, 10 - compliant - 2, 0, compliant * 10.0)
            for w in workspaces
        ),
        controls=controls,
        findings=findings,
        assets=assets,
        assets_recorded=assets_recorded,
    )
