"""The terminal report (rich): a summary panel per target, controls, findings, next steps.

Colour and box drawing only when writing to a terminal; otherwise plain ASCII text.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Status
from srm_iac.model.report import Report, TargetAudit
from srm_iac.reporters.interface import RenderOptions
from srm_iac.reporters.styles import (
    FINDING_STYLE,
    RISK_STYLE,
    SEVERITY_STYLE,
    SHOWN_STATUSES,
    STATUS_STYLE,
)
from srm_iac.reporters.terminal import escape
from srm_iac.terminal import printable

if TYPE_CHECKING:
    from rich.console import Console


def _esc(text: str) -> str:
    return escape(text)


def render(report: Report, catalog: Catalog, options: RenderOptions) -> str:
    """The report as terminal text."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    _header(console, report)
    for audit in report.targets:
        _target(console, audit, options)
    _findings(console, report, catalog, options)
    _notes(console, report)
    return buffer.getvalue()


def _box(options: RenderOptions):  # type: ignore[no-untyped-def]
    from rich import box

    return box.ROUNDED if options.color else box.ASCII


def _header(console: Console, report: Report) -> None:
    subject = report.source or "catalog audit"
    console.print(f"srm-iac {report.tool_version}: {_esc(subject)}")
    if report.source:
        stats = report.stats
        console.print(
            f"{stats.get('resources', 0)} resources read, {stats.get('ai_resources', 0)} AI "
            f"resources, {len(report.targets)} target(s) in scope"
        )
    console.print()


def _target(console: Console, audit: TargetAudit, options: RenderOptions) -> None:
    from rich.panel import Panel
    from rich.table import Table

    risks = ", ".join(f"{risk} {count}" for risk, count in audit.risk_summary.items() if count)
    summary = (
        f"compliance {audit.compliance_rate:.1f}%  |  compliant {audit.count_compliant}  "
        f"partial {audit.count_partial}  gaps {audit.count_gaps}  "
        f"inherited {audit.count_inherited}  |  risk: {risks}\n"
        f"provider map reviewed {audit.provider_map_reviewed.isoformat()}; "
        f"in scope because of {_esc(_detected(audit))}"
    )
    title = _esc(f"{audit.name} ({audit.target.value})")
    console.print(Panel(summary, title=title, box=_box(options)))
    table = Table(box=_box(options), show_lines=False, expand=False)
    for column in ("control", "name", "owner", "status", "risk"):
        table.add_column(column)
    for control in audit.controls:
        table.add_row(
            control.control_id,
            _esc(control.name),
            control.owner.value,
            f"[{STATUS_STYLE[control.status]}]{control.status.value}[/]",
            f"[{RISK_STYLE[control.risk]}]{control.risk.value}[/]",
        )
    console.print(table)
    if audit.top_recommendations:
        console.print("Top recommendations:")
        for number, item in enumerate(audit.top_recommendations, 1):
            console.print(
                f"  {number}. [{RISK_STYLE[item.risk]}]{item.risk.value}[/] "
                f"{item.control_id}: {_esc(first_sentence(item.action))}",
            )
    console.print()


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (the terminal shows the rest in JSON and markdown)."""
    cut = text.find(". ")
    return text if cut == -1 else text[: cut + 1]


def _detected(audit: TargetAudit) -> str:
    shown = ", ".join(audit.detected_by[:3])
    more = len(audit.detected_by) - 3
    return f"{shown} and {more} more" if more > 0 else shown


def _findings(console: Console, report: Report, catalog: Catalog, options: RenderOptions) -> None:
    from rich.table import Table

    if not report.source:
        return
    shown = [f for f in report.findings if f.status in SHOWN_STATUSES]
    passed = report.count_findings(Status.PASS)
    console.print(f"Findings: {len(shown)} to review, {passed} passed")
    if not shown:
        console.print()
        return
    table = Table(box=_box(options), expand=False)
    for column in ("status", "severity", "check", "resource", "message"):
        table.add_column(column, overflow="fold")
    for finding in sorted(shown, key=lambda f: (-f.severity.rank, f.sort_key)):
        subject = finding.address or f"({finding.target.value})"
        if finding.location:
            subject += f"\n{finding.location}"
        subject = _esc(subject)
        title = catalog.check(finding.check_id).title
        table.add_row(
            f"[{FINDING_STYLE[finding.status]}]{finding.status.value}[/]",
            f"[{SEVERITY_STYLE[finding.severity]}]{finding.severity.value}[/]",
            f"{finding.check_id}\n{finding.control_id}",
            subject,
            _esc(f"{title}: {finding.message}"),
        )
    console.print(table)
    console.print()


def _notes(console: Console, report: Report) -> None:
    for failure in report.failures:
        console.print(
            f"[bold red]internal error[/] in check {failure.check_id}: {_esc(failure.error)}"
        )
    for note in report.notes:
        console.print(f"note: {printable(note)}", markup=False)
