"""The RACI matrix: who is Responsible, Accountable, Consulted and Informed per activity."""

from __future__ import annotations

from srm_iac.catalog.loader import Catalog
from srm_iac.reporters.html.markup import Html, el

_COLUMNS = ("Activity", "Responsible", "Accountable", "Consulted", "Informed", "Controls")


def render_raci(catalog: Catalog) -> Html:
    """The catalog's RACI matrix as a table."""
    head = el("tr", [el("th", name, scope="col") for name in _COLUMNS])
    rows = [
        el(
            "tr",
            el("th", activity.name, scope="row"),
            el("td", _people(activity.responsible)),
            el("td", _people(activity.accountable)),
            el("td", _people(activity.consulted)),
            el("td", _people(activity.informed)),
            el("td", _people(activity.controls), class_="mono"),
        )
        for activity in catalog.raci
    ]
    return el(
        "div",
        el(
            "table",
            el("caption", "AI security RACI matrix (from the catalog)"),
            el("thead", head),
            el("tbody", rows),
            class_="data raci",
        ),
        class_="table-scroll",
    )


def _people(names: tuple[str, ...]) -> Html | str:
    if not names:
        return "-"
    return el("ul", [el("li", name) for name in names], class_="plain")
