"""The gap map: controls nobody owns, and customer halves with neither evidence nor attestation.

Which controls are on it, and the teams that should own them (RACI Responsible and
Accountable, in the organisation's names), come from ``srm_iac.gapmap``, the same map
``srm-iac inventory`` shows; this module only lays it out for the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from srm_iac.catalog.loader import Catalog
from srm_iac.gapmap import GapReason
from srm_iac.gapmap import gap_map as shared_gap_map
from srm_iac.model.enums import Owner, Target
from srm_iac.model.report import ControlResult, Report
from srm_iac.reporters.html import palette
from srm_iac.reporters.html.markup import Html, el
from srm_iac.reporters.table import first_sentence

NO_OWNER = "nobody owns this control"
NO_EVIDENCE = "no evidence and no attestation"


@dataclass(frozen=True)
class Gap:
    """One control on one target that nobody has covered."""

    target: Target
    """The target."""
    control: ControlResult
    """The audited control."""
    reason: str
    """``NO_OWNER`` or ``NO_EVIDENCE``."""
    responsible: tuple[str, ...] = ()
    """Teams that should do the work (RACI Responsible)."""
    accountable: tuple[str, ...] = ()
    """Teams accountable for it (RACI Accountable)."""

    @property
    def why(self) -> str:
        """Why it is a gap (for a control nobody owns, the first sentence of the known gap)."""
        if self.control.owner is Owner.UNASSIGNED and self.control.known_gap:
            return f"{self.reason}: {first_sentence(self.control.known_gap)}"
        return self.reason

    @property
    def action(self) -> str:
        """What closes the gap, in one sentence (recommendations and evidence say more)."""
        if self.control.owner is Owner.UNASSIGNED:
            return "Name a team that owns it (the RACI matrix below suggests who)."
        return first_sentence(self.control.customer_action)


def gap_map(report: Report, catalog: Catalog, teams: Mapping[str, str] | None = None) -> list[Gap]:
    """Every uncovered control x target, highest risk first, then target and control order."""
    controls = {
        (audit.target, control.control_id): control
        for audit in report.targets
        for control in audit.controls
    }
    gaps = [
        Gap(
            target=cell.target,
            control=controls[(cell.target, cell.control_id)],
            reason=NO_OWNER if cell.reason is GapReason.UNASSIGNED else NO_EVIDENCE,
            responsible=cell.responsible,
            accountable=cell.accountable,
        )
        for cell in shared_gap_map(catalog, [report], teams or {})
    ]
    targets = list(Target)
    return sorted(
        gaps,
        key=lambda g: (-g.control.risk.rank, targets.index(g.target), g.control.control_id),
    )


def render_gap_map(report: Report, catalog: Catalog, teams: Mapping[str, str]) -> Html:
    """The gap map section body: a table, or a sentence when there is nothing to show."""
    gaps = gap_map(report, catalog, teams)
    if not gaps:
        return el(
            "p",
            "No gaps of this kind: every control has an owner, and every customer half has "
            "evidence or an attestation.",
            class_="empty",
        )
    head = el(
        "tr",
        [
            el("th", name, scope="col")
            for name in ("Risk", "Target", "Control", "Owner", "Why", "Should own", "What to do")
        ],
    )
    rows = [_row(gap) for gap in gaps]
    return el(
        "div",
        el(
            "table",
            el("caption", f"{len(gaps)} control(s) nobody has covered"),
            el("thead", head),
            el("tbody", rows),
            class_="data gap-map",
        ),
        class_="table-scroll",
    )


def _row(gap: Gap) -> Html:
    control = gap.control
    swatch = palette.RISK[control.risk]
    return el(
        "tr",
        el("td", el("span", swatch.label, class_=f"badge level-{control.risk.value.lower()}")),
        el("td", gap.target.display_name),
        el(
            "th",
            el("span", control.control_id, class_="mono"),
            " ",
            control.name,
            scope="row",
        ),
        el("td", palette.OWNER_LABEL[control.owner]),
        el("td", gap.why, class_="why"),
        el("td", _should_own(gap), class_="prose"),
        el("td", gap.action, class_="prose"),
        data_risk=control.risk.value,
    )


def _should_own(gap: Gap) -> str:
    """``R: team, team; A: team`` from the RACI matrix."""
    return f"R: {', '.join(gap.responsible)}; A: {', '.join(gap.accountable)}"
