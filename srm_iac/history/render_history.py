"""``srm-iac history`` output: the compliance rate per target over the recorded runs."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from srm_iac.history.db import RunSummary, TargetTrend
from srm_iac.jsonout import dumps
from srm_iac.reporters.terminal import box_style, escape, string_console

SCHEMA_VERSION = 1
DOCUMENT_KIND = "srm-iac-history"


@dataclass(frozen=True)
class HistoryView:
    """The runs to show and their per-target trends."""

    database: str
    """The history file."""
    runs: Sequence[RunSummary]
    """Runs, oldest first."""
    trends: Sequence[TargetTrend]
    """Per run and target."""
    targets: Sequence[str]
    """Targets to show, in order."""


def render_json(view: HistoryView) -> str:
    """The history as JSON (``schema_version`` 1)."""
    by_run = _by_run(view)
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": DOCUMENT_KIND,
        "database": view.database,
        "runs": [
            {
                "id": run.run_id,
                "recorded_at": run.recorded_at,
                "command": run.command,
                "tool_version": run.tool_version,
                "inputs": list(run.inputs),
                "targets": {
                    trend.target: {
                        "compliance_rate": trend.compliance_rate,
                        "compliant": trend.compliant,
                        "required": trend.required,
                        "gaps": trend.gaps,
                        "workspaces": trend.workspaces,
                    }
                    for trend in by_run.get(run.run_id, [])
                    if trend.target in view.targets
                },
            }
            for run in view.runs
        ],
    }
    return dumps(document)


def render_table(view: HistoryView, *, color: bool, width: int = 140) -> str:
    """The history as a terminal table: one row per run, one column per target."""
    from rich.table import Table

    buffer = io.StringIO()
    console = string_console(buffer, color=color, width=width)
    if not view.runs:
        console.print(f"{escape(view.database)}: no runs recorded")
        return buffer.getvalue()
    by_run = _by_run(view)
    table = Table(
        box=box_style(color),
        title=escape(f"Compliance rate per target ({view.database})"),
        title_justify="left",
    )
    for column in ("run", "recorded (UTC)", "command", "inputs", *view.targets):
        table.add_column(column, overflow="fold")
    previous: dict[str, float] = {}
    for run in view.runs:
        cells = []
        trends = {t.target: t for t in by_run.get(run.run_id, [])}
        for target in view.targets:
            trend = trends.get(target)
            cells.append(_cell(trend, previous.get(target)) if trend else "-")
            if trend:
                previous[target] = trend.compliance_rate
        table.add_row(
            str(run.run_id),
            run.recorded_at.replace("T", " ").rstrip("Z"),
            run.command,
            escape(", ".join(run.inputs) or "-"),
            *cells,
        )
    console.print(table)
    return buffer.getvalue()


def _cell(trend: TargetTrend, previous: float | None) -> str:
    arrow = ""
    if previous is not None and trend.compliance_rate != previous:
        arrow = " [green]+[/]" if trend.compliance_rate > previous else " [bold red]-[/]"
    plural = "" if trend.gaps == 1 else "s"
    return f"{trend.compliance_rate:.1f}%{arrow}\n{trend.gaps} gap{plural}"


def _by_run(view: HistoryView) -> dict[int, list[TargetTrend]]:
    grouped: dict[int, list[TargetTrend]] = {}
    for trend in view.trends:
        grouped.setdefault(trend.run_id, []).append(trend)
    return grouped
