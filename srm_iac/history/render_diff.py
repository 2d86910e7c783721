"""``srm-iac diff`` output: what changed between two recorded runs (table or JSON)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from srm_iac.history.diff import FindingChange, RunDiff, workspace_label
from srm_iac.history.records import AssetRow, ControlRow, RunRecord
from srm_iac.jsonout import dumps
from srm_iac.reporters.terminal import escape, string_console

if TYPE_CHECKING:
    from rich.console import Console

SCHEMA_VERSION = 1
DOCUMENT_KIND = "srm-iac-diff"


def render_json(diff: RunDiff) -> str:
    """The diff as JSON (``schema_version`` 1)."""
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": DOCUMENT_KIND,
        "before": _run(diff.before),
        "after": _run(diff.after),
        "compliance_rate": {
            rate.target: {"before": rate.before, "after": rate.after} for rate in diff.rates
        },
        "new_gaps": [_gap(row) for row in diff.new_gaps],
        "closed_gaps": [_gap(row) for row in diff.closed_gaps],
        "new_assets": [_asset(row) for row in diff.new_assets],
        "removed_assets": [_asset(row) for row in diff.removed_assets],
        "new_failures": [_finding(change) for change in diff.new_failures],
        "fixed_failures": [_finding(change) for change in diff.fixed_failures],
        "notes": list(diff.notes),
    }
    return dumps(document)


def _run(run: RunRecord) -> dict[str, Any]:
    return {
        "id": run.run_id,
        "recorded_at": run.recorded_at,
        "command": run.command,
        "inputs": list(run.inputs),
    }


def _gap(row: ControlRow) -> dict[str, Any]:
    return {
        "workspace": row.workspace,
        "target": row.target,
        "control_id": row.control_id,
        "owner": row.owner,
        "status": row.status,
        "risk": row.risk,
    }


def _asset(row: AssetRow) -> dict[str, Any]:
    return {
        "workspace": row.workspace,
        "target": row.target,
        "kind": row.kind,
        "address": row.address,
        "type": row.resource_type,
    }


def _finding(change: FindingChange) -> dict[str, Any]:
    f = change.finding
    return {
        "workspace": f.workspace,
        "check_id": f.check_id,
        "control_id": f.control_id,
        "target": f.target,
        "address": f.address,
        "severity": f.severity,
        "fingerprint": f.fingerprint,
        "status_now": change.now,
    }


def render_table(diff: RunDiff, *, color: bool, width: int = 140) -> str:
    """The diff as terminal text: one short list per kind of change."""
    buffer = io.StringIO()
    console = string_console(buffer, color=color, width=width)
    before, after = diff.before, diff.after
    console.print(
        f"Run {before.run_id} ({before.recorded_at}, {before.command}) -> "
        f"run {after.run_id} ({after.recorded_at}, {after.command})"
    )
    for rate in diff.rates:
        console.print(f"  {rate.target}: {_rate(rate.before)} -> {_rate(rate.after)}")
    _section(console, "New gaps", [_gap_line(r) for r in diff.new_gaps], "bold red")
    _section(console, "Closed gaps", [f"{_gap_line(r)} (now {r.status})" for r in diff.closed_gaps])
    _section(console, "New assets", [_asset_line(r) for r in diff.new_assets], "yellow")
    _section(console, "Removed assets", [_asset_line(r) for r in diff.removed_assets])
    _section(
        console, "New failing findings", [_finding_line(c) for c in diff.new_failures], "bold red"
    )
    _section(
        console,
        "Fixed failing findings",
        [f"{_finding_line(c)} (now {c.now})" for c in diff.fixed_failures],
    )
    for note in diff.notes:
        console.print(f"note: {note}", markup=False)
    return buffer.getvalue()


def _section(console: Console, title: str, lines: list[str], style: str = "green") -> None:
    console.print()
    console.print(f"[{style}]{title}[/] ({len(lines)})" if lines else f"{title}: none")
    for line in lines:
        console.print(f"  {escape(line)}")


def _rate(value: float | None) -> str:
    return "not in scope" if value is None else f"{value:.1f}%"


def _gap_line(row: ControlRow) -> str:
    return (
        f"{row.target} {row.control_id} owner {row.owner}, risk {row.risk} "
        f"[{workspace_label(row.workspace)}]"
    )


def _asset_line(row: AssetRow) -> str:
    return f"{row.target} {row.kind} {row.address} [{workspace_label(row.workspace)}]"


def _finding_line(change: FindingChange) -> str:
    f = change.finding
    subject = f.address or f"({f.target})"
    return f"{f.severity} {f.check_id} {subject} [{workspace_label(f.workspace)}]"
