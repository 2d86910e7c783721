"""Markdown report (GitHub-flavoured), fit for a pull-request comment or a wiki page.

Layout: a hidden marker (so a bot can find its comment again), a one-line verdict, the audit
of each target, one table of the findings to review (failing, unknown until apply, not
evidenced) with the control's owner, the remediation of each listed check in a collapsible
block, waived findings, and notes.

The text stays within ``COMMENT_LIMIT`` (GitHub's comment size, counted here in UTF-8 bytes,
which is never less than GitHub's character count). When the full report is longer, the table
keeps the most important findings and says how many more the SARIF report holds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from srm_iac import __version__
from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import ControlStatus, Owner, Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.report import Report, TargetAudit
from srm_iac.reporters.interface import RenderOptions
from srm_iac.terminal import printable

MARKER = "<!-- srm-iac:summary -->"
"""First line of every markdown report: how the pull-request summary comment is recognised."""
COMMENT_LIMIT = 65_536
"""GitHub's maximum comment body; the report never exceeds it."""
TABLE_STATUSES = (Status.FAIL, Status.UNKNOWN, Status.NOT_EVIDENCED)
"""Finding statuses listed in the findings table, in this order."""
MAX_NOTES = 20
"""Notes listed before the rest are counted."""
MAX_WAIVED = 50
"""Waived findings listed before the rest are counted."""

STATUS_ICON = {
    "compliant": "✅",
    "partial": "🟡",
    "gap": "❌",
    "inherited": "☁️",
}
FINDING_ICON = {
    Status.FAIL: "❌",
    Status.UNKNOWN: "❔",
    Status.NOT_EVIDENCED: "⚪",
    Status.WAIVED: "💤",
    Status.PASS: "✅",
}
_ESCAPED = "\\`*[]<>|&~"
_BACKTICKS = re.compile("`+")
_PIPE = re.compile(r"(?<!\\)(\\*)\|")
"""A pipe and the whole run of backslashes before it (a match starts only where a run starts:
without the lookbehind, a long run with no pipe after it costs quadratic time)."""


def text(value: str) -> str:
    """Plain text made inert: markdown and HTML punctuation escaped, on one line.

    Underscores inside a word (``input_strength``) cannot start emphasis and are left alone.
    """
    value = " ".join(printable(value).split())
    escaped = []
    for n, char in enumerate(value):
        if char in _ESCAPED or (char == "_" and not _inside_word(value, n)):
            escaped.append(f"\\{char}")
        else:
            escaped.append(char)
    return "".join(escaped)


def _inside_word(value: str, n: int) -> bool:
    return 0 < n < len(value) - 1 and value[n - 1].isalnum() and value[n + 1].isalnum()


def code(value: str, *, in_table: bool = False) -> str:
    """Inline code that survives backticks (and, ``in_table``, pipes) inside ``value``."""
    body = " ".join(printable(value).split())
    if in_table:
        body = _PIPE.sub(_escaped_pipe, body)
    longest = max((len(run) for run in _BACKTICKS.findall(body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def _escaped_pipe(match: re.Match[str]) -> str:
    """A pipe that cannot end a table cell: GitHub's table scanner first pairs a backslash with
    the punctuation after it, so two backslashes then a pipe end the cell; the pipe needs an odd
    number of backslashes before it."""
    backslashes = match.group(1)
    return backslashes + ("\\|" if len(backslashes) % 2 == 0 else "\\\\|")


def size(document: str) -> int:
    """The length counted against ``COMMENT_LIMIT`` (UTF-8 bytes)."""
    return len(document.encode("utf-8", "surrogatepass"))


def render(report: Report, catalog: Catalog, options: RenderOptions) -> str:
    """The whole report as markdown, within ``COMMENT_LIMIT``."""
    del options
    return render_markdown(report, catalog)


def render_markdown(
    report: Report, catalog: Catalog, *, marker: str = MARKER, limit: int = COMMENT_LIMIT
) -> str:
    """The report as markdown headed by ``marker``, summarising findings beyond ``limit``."""
    listed = review_findings(report)
    layout = _Layout(report, catalog, marker, listed)
    document = layout.render(len(listed))
    if size(document) <= limit:
        return document
    fits, too_many = 0, len(listed)
    while too_many - fits > 1:
        middle = (fits + too_many) // 2
        if size(layout.render(middle)) <= limit:
            fits = middle
        else:
            too_many = middle
    document = layout.render(fits)
    return document if size(document) <= limit else _cut(document, limit)


def review_findings(report: Report) -> list[Finding]:
    """The findings the table lists: failing first, then unknown, then not evidenced."""
    order = {status: n for n, status in enumerate(TABLE_STATUSES)}
    chosen = [f for f in report.findings if f.status in order]
    return sorted(chosen, key=lambda f: (order[f.status], -f.severity.rank, f.sort_key))


def verdict(report: Report) -> str:
    """One line: the state of the run, with an icon."""
    if not report.targets:
        return "ℹ️ srm-iac: no AI resources found"
    failing = report.count_findings(Status.FAIL)
    unknown = report.count_findings(Status.UNKNOWN)
    gaps = report.count_gaps
    parts = [
        _plural(failing, "failing check"),
        f"{unknown} unknown until apply" if unknown else "",
        _plural(gaps, "control gap"),
    ]
    summary = ", ".join(part for part in parts if part)
    if failing:
        return f"❌ srm-iac: {summary}"
    if gaps or unknown:
        return f"🟡 srm-iac: {summary}"
    return "✅ srm-iac: all AI security controls evidenced"


def owner_of(report: Report, target: Target, control_id: str) -> Owner | None:
    """Who owns ``control_id`` on ``target`` according to the report's audit."""
    for audit in report.targets:
        if audit.target is target:
            for control in audit.controls:
                if control.control_id == control_id:
                    return control.owner
    return None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class _Layout:
    """The report's parts; ``render(n)`` lists only the first ``n`` table findings."""

    report: Report
    catalog: Catalog
    marker: str
    listed: Sequence[Finding]

    def render(self, shown: int) -> str:
        report = self.report
        lines = [self.marker] if self.marker else []
        lines += [f"## {verdict(report)}", ""]
        if report.source:
            lines += [
                f"Checked {code(report.source)} ({text(report.input_kind)}): "
                f"{report.stats.get('resources', 0)} resources, "
                f"{report.stats.get('ai_resources', 0)} AI resources.",
                "",
            ]
        for audit in report.targets:
            lines += _target(audit)
        if report.source:
            lines += self._findings(shown)
        lines += _failures_and_notes(report)
        lines += [f"<sub>srm-iac {__version__}</sub>", ""]
        return "\n".join(lines)

    def _findings(self, shown: int) -> list[str]:
        passed = self.report.count_findings(Status.PASS)
        lines = [f"### Findings: {len(self.listed)} to review, {passed} passed", ""]
        rows = self.listed[:shown]
        if rows:
            lines += [
                "| status | severity | check | resource | control | owner | finding |",
                "|---|---|---|---|---|---|---|",
                *(self._row(finding) for finding in rows),
                "",
            ]
        hidden = len(self.listed) - shown
        if hidden:
            lines += [f"... and {hidden} more, see the SARIF report.", ""]
        lines += self._waived(complete=not hidden)
        lines += self._remediation(rows)
        return lines

    def _row(self, finding: Finding) -> str:
        spec = self.catalog.check(finding.check_id)
        resource = (
            code(finding.address, in_table=True) if finding.address else f"({finding.target.value})"
        )
        if finding.location is not None:
            resource += f" at {code(str(finding.location), in_table=True)}"
        owner = owner_of(self.report, finding.target, finding.control_id)
        return (
            f"| {FINDING_ICON[finding.status]} {finding.status.value} "
            f"| {finding.severity.value} | {finding.check_id} | {resource} "
            f"| {finding.control_id} | {owner.value if owner else '?'} "
            f"| {text(spec.title)}: {text(finding.message)} |"
        )

    def _waived(self, *, complete: bool) -> list[str]:
        waived = [f for f in self.report.findings if f.status is Status.WAIVED]
        if not waived:
            return []
        if not complete:
            return [f"{_plural(len(waived), 'waived finding')}, see the SARIF report.", ""]
        lines = [f"<details><summary>{_plural(len(waived), 'waived finding')}</summary>", ""]
        for finding in waived[:MAX_WAIVED]:
            subject = code(finding.address) if finding.address else finding.target.value
            lines.append(f"- {finding.check_id} {subject}: {text(finding.waiver)}")
        if len(waived) > MAX_WAIVED:
            lines.append(f"- ... and {len(waived) - MAX_WAIVED} more")
        return [*lines, "", "</details>", ""]

    def _remediation(self, rows: Sequence[Finding]) -> list[str]:
        check_ids = sorted({finding.check_id for finding in rows})
        if not check_ids:
            return []
        lines = ["#### How to fix", ""]
        for check_id in check_ids:
            spec = self.catalog.check(check_id)
            title = html.escape(f"{spec.id}: {spec.title}", quote=False)
            lines += [
                f"<details><summary>{title}</summary>",
                "",
                f"{text(spec.fix)}",
                "",
                *(f"- <{url}>" for url in spec.references),
                "",
                "</details>",
                "",
            ]
        return lines


def _target(audit: TargetAudit) -> list[str]:
    lines = [
        f"### {text(audit.name)} ({code(audit.target.value)}): "
        f"{audit.compliance_rate:.1f}% compliant",
        "",
        f"{audit.count_compliant} compliant, {audit.count_partial} partial, "
        f"{_plural(audit.count_gaps, 'gap')}, {audit.count_inherited} inherited "
        f"(provider map reviewed {audit.provider_map_reviewed.isoformat()}).",
        "",
        *_open_controls(audit),
        f"<details><summary>{len(audit.controls)} controls"
        f"{', top recommendations' if audit.top_recommendations else ''}</summary>",
        "",
        "| control | name | owner | status | risk |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {control.control_id} | {text(control.name)} | {control.owner.value} "
        f"| {STATUS_ICON[control.status.value]} {control.status.value} | {control.risk.value} |"
        for control in audit.controls
    ]
    lines.append("")
    if audit.top_recommendations:
        lines += ["**Top recommendations**", ""]
        lines += [
            f"{n}. **{item.risk.value}** {item.control_id}: {text(item.action)}"
            for n, item in enumerate(audit.top_recommendations, 1)
        ]
        lines.append("")
    return [*lines, "</details>", ""]


def _open_controls(audit: TargetAudit) -> list[str]:
    """One visible line naming the gap and partial controls."""
    gaps = [c for c in audit.controls if c.status is ControlStatus.GAP]
    partial = [c for c in audit.controls if c.status is ControlStatus.PARTIAL]
    parts = []
    if gaps:
        named = ", ".join(f"{c.control_id} {text(c.name)} ({c.owner.value})" for c in gaps)
        parts.append(f"**Gaps**: {named}.")
    if partial:
        parts.append(f"**Partial**: {', '.join(c.control_id for c in partial)}.")
    return [" ".join(parts), ""] if parts else []


def _failures_and_notes(report: Report) -> list[str]:
    lines = [
        f"**Internal error** in check {failure.check_id} ({text(failure.error)}): its findings "
        "are missing from this report.\n"
        for failure in report.failures
    ]
    if report.notes:
        lines += ["**Notes**", ""]
        lines += [f"- {text(note)}" for note in report.notes[:MAX_NOTES]]
        if len(report.notes) > MAX_NOTES:
            lines.append(f"- ... and {len(report.notes) - MAX_NOTES} more notes")
        lines.append("")
    return lines


def _cut(document: str, limit: int) -> str:
    """Last resort: whole lines up to ``limit``, then a truncation note."""
    suffix = "\n\n... report truncated, see the SARIF report.\n"
    budget = limit - size(suffix)
    kept: list[str] = []
    used = 0
    for line in document.splitlines():
        used += size(line) + 1
        if used > budget:
            break
        kept.append(line)
    return "\n".join(kept) + suffix
