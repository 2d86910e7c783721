"""The responsibility heat map: controls (rows) x targets (columns), owner and status per cell.

Targets the report audited come first. The catalog's other targets follow as muted "not in
scope" columns that still show the owner from the catalog: the owner is catalog data, true
whether or not this input touches the target, and seeing the same control owned differently
by another provider is what a shared-responsibility review is about. The status of those
cells is never guessed.
"""

from __future__ import annotations

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Owner, Risk, Target
from srm_iac.model.report import ControlResult, Report
from srm_iac.reporters.html import palette
from srm_iac.reporters.html.markup import Html, el


def columns(report: Report, catalog: Catalog) -> list[tuple[Target, bool]]:
    """(target, audited) per column: audited targets in report order, then the others."""
    audited = [audit.target for audit in report.targets]
    others = [target for target in Target if target not in audited and target in catalog.providers]
    return [(t, True) for t in audited] + [(t, False) for t in others]


def render_heatmap(report: Report, catalog: Catalog) -> Html:
    """The heat map table and its legend."""
    results = {
        (audit.target, control.control_id): control
        for audit in report.targets
        for control in audit.controls
    }
    cols = columns(report, catalog)
    head = el(
        "tr",
        el("th", "Control", scope="col", class_="corner"),
        [_column_header(target, audited) for target, audited in cols],
    )
    rows = [
        el(
            "tr",
            el(
                "th",
                el("span", control.id, class_="mono control-id"),
                el("span", control.name, class_="control-name"),
                scope="row",
            ),
            [
                _cell(target, control.id, results.get((target, control.id)), catalog)
                for target, _ in cols
            ],
        )
        for control in catalog.controls
    ]
    table = el(
        "table",
        el(
            "caption",
            "Who owns each control on each target, and its status. "
            "Each cell names the status (first line) and the owner (second line).",
        ),
        el("thead", head),
        el("tbody", rows),
        class_="heatmap",
        id="heatmap",
    )
    return el("div", _legend(), el("div", table, class_="table-scroll"))


def _column_header(target: Target, audited: bool) -> Html:
    note = None if audited else el("span", "not in this report", class_="column-note")
    return el(
        "th",
        el("span", target.display_name, class_="column-name"),
        note,
        scope="col",
        class_=None if audited else "muted-column",
        data_target=target.value,
    )


def _cell(target: Target, control_id: str, result: ControlResult | None, catalog: Catalog) -> Html:
    if result is None:
        key = palette.OUT_OF_SCOPE
        owner: Owner = catalog.assignment(target, control_id).owner
    else:
        key = result.status.value
        owner = result.owner
    swatch = palette.CELL[key]
    owner_label = palette.OWNER_LABEL[owner]
    risk = (
        el("span", "critical risk", class_="cell-risk")
        if result and result.risk is Risk.CRITICAL
        else None
    )
    return el(
        "td",
        el("span", swatch.label, class_="cell-status"),
        el("span", owner_label, class_="cell-owner"),
        risk,
        class_=f"cell cell-{key}",
        data_control=control_id,
        data_target=target.value,
        data_status=key,
        data_owner=owner.value,
    )


def _legend() -> Html:
    items = [
        el(
            "li",
            el("span", swatch.label, class_=f"legend-swatch cell-{key}"),
            el("span", palette.CELL_MEANING[key], class_="legend-text"),
        )
        for key, swatch in palette.CELL.items()
    ]
    owners = el(
        "p",
        el("strong", "Owner"),
        " (second line of each cell): ",
        el("em", "provider"),
        " runs it for you; ",
        el("em", "customer"),
        " builds it; ",
        el("em", "shared"),
        " both have a half; ",
        el("em", "unassigned"),
        " means nobody does (always a critical gap).",
        class_="legend-owners",
    )
    return el(
        "div",
        el("h3", "How to read the heat map", class_="visually-hidden"),
        el("ul", items, class_="legend", aria_label="Heat map colours"),
        owners,
        class_="legend-box",
    )
