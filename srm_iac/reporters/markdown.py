"""Markdown report (GitHub-flavoured), fit for a pull-request comment or a wiki page."""

from __future__ import annotations

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Status
from srm_iac.model.findings import Finding
from srm_iac.model.report import Report, TargetAudit
from srm_iac.reporters.interface import RenderOptions
from srm_iac.reporters.styles import SHOWN_STATUSES

MARKER = "<!-- srm-iac:summary -->"
STATUS_ICON = {
    "compliant": "✅",
    "partial": "🟡",
    "gap": "❌",
    "inherited": "☁️",
}


def cell(text: str) -> str:
    """Text made safe for one markdown table cell."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def code(text: str) -> str:
    """Inline code that survives backticks inside ``text``."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{text.replace(chr(10), ' ')}{fence}"


def render(report: Report, catalog: Catalog, options: RenderOptions) -> str:
    """The whole report as markdown."""
    del options
    lines = [MARKER, f"## srm-iac: {verdict(report)}", ""]
    if report.source:
        lines.append(
            f"Checked {code(report.source)} ({report.input_kind}): "
            f"{report.stats.get('resources', 0)} resources, "
            f"{report.stats.get('ai_resources', 0)} AI resources."
        )
        lines.append("")
    for audit in report.targets:
        lines.extend(_target(audit))
    if report.source:
        lines.extend(_findings(report, catalog))
    lines.extend(
        f"> **Internal error** in check {failure.check_id}: {failure.error}"
        for failure in report.failures
    )
    if report.notes:
        lines.append("")
        lines.extend(f"> {cell(note)}" for note in report.notes)
    lines.append("")
    return "\n".join(lines)


def verdict(report: Report) -> str:
    """One line: the state of the run."""
    failing = sum(1 for f in report.findings if f.status is Status.FAIL)
    gaps = sum(audit.count_gaps for audit in report.targets)
    if not report.targets:
        return "no AI resources found"
    if failing:
        return f"{failing} failing check(s), {gaps} control gap(s)"
    if gaps:
        return f"no failing checks, {gaps} control gap(s) to close"
    return "all AI security controls evidenced"


def _target(audit: TargetAudit) -> list[str]:
    lines = [
        f"### {audit.name} ({code(audit.target.value)})",
        "",
        f"**{audit.compliance_rate:.1f}%** compliant: {audit.count_compliant} compliant, "
        f"{audit.count_partial} partial, {audit.count_gaps} gaps, "
        f"{audit.count_inherited} inherited (provider map reviewed "
        f"{audit.provider_map_reviewed.isoformat()}).",
        "",
        "| control | name | owner | status | risk |",
        "|---|---|---|---|---|",
    ]
    for control in audit.controls:
        icon = STATUS_ICON[control.status.value]
        lines.append(
            f"| {control.control_id} | {cell(control.name)} | {control.owner.value} "
            f"| {icon} {control.status.value} | {control.risk.value} |"
        )
    if audit.top_recommendations:
        lines += ["", "**Top recommendations**", ""]
        lines += [
            f"{n}. **{item.risk.value}** {item.control_id}: {cell(item.action)}"
            for n, item in enumerate(audit.top_recommendations, 1)
        ]
    lines.append("")
    return lines


def _findings(report: Report, catalog: Catalog) -> list[str]:
    shown = [f for f in report.findings if f.status in SHOWN_STATUSES]
    passed = sum(1 for f in report.findings if f.status is Status.PASS)
    lines = [f"### Findings ({len(shown)} to review, {passed} passed)", ""]
    if not shown:
        return lines
    lines += [
        "| status | severity | check | resource | control | message |",
        "|---|---|---|---|---|---|",
    ]
    lines += [_finding_row(finding, catalog) for finding in _ordered(shown)]
    lines.append("")
    return lines


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key))


def _finding_row(finding: Finding, catalog: Catalog) -> str:
    spec = catalog.check(finding.check_id)
    subject = code(finding.address) if finding.address else f"({finding.target.value})"
    if finding.location:
        subject += f" {code(str(finding.location))}"
    return (
        f"| {finding.status.value} | {finding.severity.value} | {finding.check_id} "
        f"| {cell(subject)} | {finding.control_id} | {cell(spec.title + ': ' + finding.message)} |"
    )
