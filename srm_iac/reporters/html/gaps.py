"""The gap map: controls nobody owns, and customer halves with neither evidence nor attestation.

Derived from the report alone (``ControlResult`` plus the findings of its control), so another
gap map (one that also names the team that should own each gap) can replace ``gap_map``
without touching the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from srm_iac.model.enums import ControlStatus, Owner, Status, Target
from srm_iac.model.report import ControlResult, Report, TargetAudit
from srm_iac.reporters.html import palette
from srm_iac.reporters.html.markup import Html, el
from srm_iac.reporters.table import first_sentence

NO_OWNER = "nobody owns this control"
NO_EVIDENCE = "no evidence and no attestation"
_EVIDENCE = frozenset({Status.PASS, Status.FAIL, Status.UNKNOWN, Status.WAIVED})
"""Finding statuses that show the infrastructure was examined (NOT_EVIDENCED does not)."""


@dataclass(frozen=True)
class Gap:
    """One control on one target that nobody has covered."""

    target: Target
    """The target."""
    control: ControlResult
    """The audited control."""
    reason: str
    """``NO_OWNER`` or ``NO_EVIDENCE``."""

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


def gap_map(report: Report) -> list[Gap]:
    """Every uncovered control x target, highest risk first, then target and control order."""
    gaps = [gap for audit in report.targets for gap in _target_gaps(report, audit)]
    targets = list(Target)
    return sorted(
        gaps,
        key=lambda g: (-g.control.risk.rank, targets.index(g.target), g.control.control_id),
    )


def _target_gaps(report: Report, audit: TargetAudit) -> list[Gap]:
    examined = {
        f.control_id for f in report.findings if f.target is audit.target and f.status in _EVIDENCE
    }
    gaps = []
    for control in audit.controls:
        if control.owner is Owner.UNASSIGNED:
            gaps.append(Gap(audit.target, control, NO_OWNER))
        elif (
            control.status is ControlStatus.GAP
            and not control.attested
            and control.control_id not in examined
        ):
            gaps.append(Gap(audit.target, control, NO_EVIDENCE))
    return gaps


def render_gap_map(report: Report) -> Html:
    """The gap map section body: a table, or a sentence when there is nothing to show."""
    gaps = gap_map(report)
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
            for name in ("Risk", "Target", "Control", "Owner", "Why", "What to do")
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
        el("td", gap.action, class_="prose"),
        data_risk=control.risk.value,
    )
