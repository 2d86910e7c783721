"""The findings table: filters, status and severity badges, remediation and source location.

Rows carry their filter keys in ``data-*`` attributes; the page script hides the rows that do
not match the selected filters. Without the script every row stays visible.
"""

from __future__ import annotations

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Severity, Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.report import Report
from srm_iac.reporters.html import palette
from srm_iac.reporters.html.markup import Html, el

STATUS_ORDER = (Status.FAIL, Status.NOT_EVIDENCED, Status.UNKNOWN, Status.WAIVED, Status.PASS)
OPEN = "open"
"""Filter value meaning "every status but PASS"."""


def ordered(findings: tuple[Finding, ...]) -> list[Finding]:
    """Findings as the table lists them: by status, then severity (highest first), then key."""
    return sorted(
        findings,
        key=lambda f: (STATUS_ORDER.index(f.status), -f.severity.rank, f.sort_key),
    )


def render_findings(report: Report, catalog: Catalog) -> Html:
    """The findings section body."""
    if not report.source:
        return el(
            "p",
            "This is a catalog audit: no infrastructure was read, so there are no findings. "
            "Run srm-iac check on a plan or on Terraform source to list them.",
            class_="empty",
        )
    if not report.findings:
        return el("p", "No check applied to this input.", class_="empty")
    rows = [_row(finding, catalog) for finding in ordered(report.findings)]
    head = el(
        "tr",
        [
            el("th", name, scope="col")
            for name in ("Status", "Severity", "Check", "Resource", "Finding and remediation")
        ],
    )
    table = el(
        "table",
        el("caption", "Every check result; filter with the controls above the table."),
        el("thead", head),
        el("tbody", rows),
        class_="data findings",
        id="findings-table",
    )
    return el(
        "div",
        _filters(report),
        el("div", table, class_="table-scroll"),
        el(
            "p",
            "No finding matches these filters.",
            id="findings-empty",
            class_="empty",
            hidden=True,
        ),
    )


def _filters(report: Report) -> Html:
    findings = report.findings
    statuses = [s for s in STATUS_ORDER if any(f.status is s for f in findings)]
    severities = [
        s for s in sorted(Severity, key=lambda s: -s.rank) if any(f.severity is s for f in findings)
    ]
    targets = [t for t in Target if any(f.target is t for f in findings)]
    controls = sorted({f.control_id for f in findings})
    status_options = [
        ("", f"All statuses ({len(findings)})"),
        (
            OPEN,
            f"To review: not passed ({sum(1 for f in findings if f.status is not Status.PASS)})",
        ),
        *[
            (s.value, f"{palette.FINDING[s].label} ({sum(1 for f in findings if f.status is s)})")
            for s in statuses
        ],
    ]
    return el(
        "form",
        _select("status", "Status", status_options),
        _select(
            "severity",
            "Severity",
            [("", "All severities"), *[(s.value, palette.SEVERITY[s].label) for s in severities]],
        ),
        _select(
            "target",
            "Target",
            [("", "All targets"), *[(t.value, t.display_name) for t in targets]],
        ),
        _select("control", "Control", [("", "All controls"), *[(c, c) for c in controls]]),
        el("button", "Show all", type="reset", class_="reset"),
        el(
            "p",
            f"{len(findings)} of {len(findings)} findings shown",
            id="finding-count",
            class_="count",
            role="status",
            aria_live="polite",
        ),
        id="finding-filters",
        class_="filters",
        aria_label="Filter findings",
    )


def _select(name: str, label: str, options: list[tuple[str, str]]) -> Html:
    field_id = f"filter-{name}"
    return el(
        "div",
        el("label", label, for_=field_id),
        el(
            "select",
            [el("option", text, value=value) for value, text in options],
            id=field_id,
            name=name,
        ),
        class_="field",
    )


def _row(finding: Finding, catalog: Catalog) -> Html:
    spec = catalog.check(finding.check_id)
    status = palette.FINDING[finding.status]
    severity = palette.SEVERITY[finding.severity]
    severity_badge = (
        el("span", severity.label, class_="sub")
        if finding.status is Status.PASS
        else el("span", severity.label, class_=f"badge level-{finding.severity.value.lower()}")
    )
    return el(
        "tr",
        el("td", el("span", status.label, class_=f"badge finding-{finding.status.value.lower()}")),
        el("td", severity_badge),
        el(
            "td",
            el("span", finding.check_id, class_="mono"),
            el("span", finding.control_id, class_="mono sub"),
        ),
        el("td", _subject(finding), class_="subject"),
        el("td", _details(finding, spec.title, spec.fix, spec.references), class_="prose"),
        data_status=finding.status.value,
        data_severity=finding.severity.value,
        data_target=finding.target.value,
        data_control=finding.control_id,
    )


def _subject(finding: Finding) -> list[Html]:
    parts = [
        el("code", finding.address)
        if finding.address
        else el("span", "whole target (no single resource)", class_="sub"),
        el("span", finding.target.display_name, class_="sub"),
    ]
    if finding.location:
        parts.append(el("span", "at ", el("code", str(finding.location)), class_="sub location"))
    return parts


def _details(
    finding: Finding, title: str, fix: str, references: tuple[str, ...]
) -> list[Html | None]:
    links = [
        el("li", el("a", url, href=url, rel="noopener noreferrer") if _linkable(url) else url)
        for url in references
    ]
    waiver = (
        el("p", el("strong", "Waived: "), finding.waiver, class_="waiver")
        if finding.waiver
        else None
    )
    remediation = (
        None
        if finding.status is Status.PASS
        else el(
            "details",
            el("summary", "Remediation"),
            el("p", fix),
            el("ul", links, class_="references", aria_label="References") if links else None,
            class_="remediation",
        )
    )
    return [
        el("p", el("strong", title), class_="finding-title"),
        el("p", finding.message, class_="finding-message"),
        waiver,
        remediation,
    ]


def _linkable(url: str) -> bool:
    return url.startswith("https://") and not any(c.isspace() for c in url)
