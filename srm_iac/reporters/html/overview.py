"""The overview: key figures, one card per target, top recommendations, evidence per control."""

from __future__ import annotations

from srm_iac.model.enums import ControlStatus, Risk, Status
from srm_iac.model.report import Report, TargetAudit
from srm_iac.reporters.html import charts, palette
from srm_iac.reporters.html.markup import Html, el

DETECTED_SHOWN = 4


def render_key_figures(report: Report) -> Html:
    """A row of headline numbers for the whole run."""
    failing = report.count_findings(Status.FAIL)
    gaps = report.count_gaps
    unassigned = sum(
        1 for audit in report.targets for c in audit.controls if c.owner.value == "unassigned"
    )
    ai_resources = report.stats.get("ai_resources", 0)
    figures = [
        (len(report.targets), "target audited", "targets audited"),
        (gaps, "control gap", "control gaps"),
        (unassigned, "control nobody owns", "controls nobody owns"),
    ]
    if report.source:
        figures += [
            (failing, "failing check", "failing checks"),
            (ai_resources, "AI resource read", "AI resources read"),
        ]
    return el(
        "ul",
        [
            el(
                "li",
                el("span", value, class_="figure-value"),
                el("span", one if value == 1 else many),
            )
            for value, one, many in figures
        ],
        class_="figures",
        aria_label="Key figures",
    )


def render_target_cards(report: Report) -> Html:
    """One card per audited target."""
    return el("div", [_card(audit) for audit in report.targets], class_="cards")


def _card(audit: TargetAudit) -> Html:
    heading_id = f"card-{audit.target.value}"
    counts = [
        (ControlStatus.COMPLIANT, "compliant"),
        (ControlStatus.PARTIAL, "partial"),
        (ControlStatus.GAP, "gaps"),
        (ControlStatus.INHERITED, "inherited"),
    ]
    stats = el(
        "dl",
        [
            el(
                "div",
                el("dt", el("span", class_=f"dot bar-{status.value}"), label),
                el("dd", audit.count(status)),
            )
            for status, label in counts
        ],
        class_="counts",
    )
    required = len(audit.controls) - audit.count_inherited
    gauge_label = f"{audit.compliance_rate:.1f}% compliant"
    return el(
        "article",
        el(
            "h3",
            audit.name,
            " ",
            el("span", audit.target.value, class_="mono sub"),
            id=heading_id,
        ),
        el(
            "div",
            charts.gauge(audit.compliance_rate, gauge_label),
            el(
                "div",
                el(
                    "p",
                    el("strong", f"{audit.compliance_rate:.1f}%"),
                    " compliant",
                    el(
                        "span",
                        f"{audit.count_compliant} of the {required} controls the customer "
                        "must implement",
                        class_="sub",
                    ),
                    class_="rate",
                ),
                charts.status_bar(audit),
                stats,
                _risks(audit),
                class_="card-stats",
            ),
            class_="card-main",
        ),
        el(
            "p",
            *_why_in_scope(audit),
            ". Provider map reviewed ",
            el("time", audit.provider_map_reviewed.isoformat()),
            ".",
            class_="sub detected",
        ),
        class_="card",
        aria_labelledby=heading_id,
    )


def _risks(audit: TargetAudit) -> Html:
    chips = [
        el("li", el("span", f"{risk.title()} {count}", class_=f"badge level-{risk.lower()}"))
        for risk, count in audit.risk_summary.items()
        if count
    ]
    return el(
        "div",
        el("span", "Risk", class_="risk-label", id=f"risk-{audit.target.value}"),
        el("ul", chips, class_="chips", aria_labelledby=f"risk-{audit.target.value}"),
        class_="risks",
    )


def _why_in_scope(audit: TargetAudit) -> list[Html | str]:
    if audit.detected_by == ("--target",):
        return ["Audited because the command named it (", el("code", "--target"), ")"]
    return ["In scope because of ", _detected(audit)]


def _detected(audit: TargetAudit) -> Html:
    shown = [el("code", item) for item in audit.detected_by[:DETECTED_SHOWN]]
    parts: list[Html | str] = []
    for index, item in enumerate(shown):
        if index:
            parts.append(", ")
        parts.append(item)
    more = len(audit.detected_by) - DETECTED_SHOWN
    if more > 0:
        parts.append(f" and {more} more")
    return el("span", parts)


def render_recommendations(report: Report) -> Html:
    """Top recommendations per target, highest risk first (as the auditor ranks them)."""
    blocks = []
    for audit in report.targets:
        names = {control.control_id: control.name for control in audit.controls}
        items = [
            el(
                "li",
                el(
                    "span", palette.RISK[item.risk].label, class_=f"badge level-{_level(item.risk)}"
                ),
                " ",
                el("span", item.control_id, class_="mono"),
                " ",
                el("strong", names.get(item.control_id, "")),
                " ",
                el("span", f"({item.status.value})", class_="sub"),
                el("p", item.action),
            )
            for item in audit.top_recommendations
        ]
        body = (
            el("ol", items, class_="recommendations")
            if items
            else el("p", "Nothing to do: every control is compliant or inherited.", class_="empty")
        )
        blocks.append(el("div", el("h3", audit.name), body, class_="recommendation-block"))
    return el("div", blocks, class_="recommendation-grid")


def _level(risk: Risk) -> str:
    return risk.value.lower()


def render_evidence(report: Report) -> Html:
    """Per target, collapsed: every control's status and the evidence behind it."""
    blocks = []
    for audit in report.targets:
        rows = [
            el(
                "tr",
                el(
                    "th",
                    el("span", c.control_id, class_="mono"),
                    " ",
                    c.name,
                    scope="row",
                ),
                el("td", palette.CELL[c.status.value].label),
                el("td", palette.OWNER_LABEL[c.owner]),
                el("td", el("ul", [el("li", line) for line in c.evidence]) if c.evidence else "-"),
            )
            for c in audit.controls
        ]
        head = el(
            "tr",
            [el("th", n, scope="col") for n in ("Control", "Status", "Owner", "Evidence")],
        )
        blocks.append(
            el(
                "details",
                el("summary", f"Evidence per control: {audit.name}"),
                el(
                    "div",
                    el("table", el("thead", head), el("tbody", rows), class_="data evidence"),
                    class_="table-scroll",
                ),
                class_="evidence-block",
            )
        )
    return el("div", blocks)
