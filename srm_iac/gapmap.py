"""The gap map: every control x target that nobody owns or nobody has evidenced.

A cell is on the map when, for a target in scope,

* the control's owner is ``unassigned`` (nobody owns it), or
* the owner is the customer (or shared) and the customer half has no evidence and no
  attestation in any scanned workspace: no finding other than NOT_EVIDENCED, no valid
  attestation. A failing check is evidence that someone owns the control and got it wrong;
  it belongs to the findings, not to the gap map.

Each cell names who should own it according to the RACI matrix: the Responsible and
Accountable roles of every activity that covers the control (the first activity listed in
the matrix first), translated to the organisation's team names (``teams:`` in the config).
Pure: reports in, cells out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Owner, Status, Target
from srm_iac.model.report import ControlResult, Report


class GapReason(StrEnum):
    """Why a control x target is on the gap map."""

    UNASSIGNED = "unassigned"
    """Nobody owns the control on this target."""
    NO_EVIDENCE = "no_evidence"
    """The customer half has no evidence and no attestation."""


@dataclass(frozen=True, slots=True)
class GapCell:
    """One control x target on the gap map."""

    target: Target
    """The target."""
    control_id: str
    """The control."""
    control_name: str
    """The control's name."""
    owner: Owner
    """Who owns it (catalog, after the organisation's overrides)."""
    reason: GapReason
    """Why it is on the map."""
    responsible: tuple[str, ...]
    """Teams that should do the work (RACI Responsible), primary activity first."""
    accountable: tuple[str, ...]
    """Teams accountable for it (RACI Accountable), primary activity first."""
    activities: tuple[str, ...]
    """The RACI activities that cover the control."""
    action: str
    """What to do: assign an owner, or the customer action the catalog gives."""


def raci_roles(catalog: Catalog) -> set[str]:
    """Every role name the RACI matrix uses (R, A, C or I)."""
    return {
        role
        for activity in catalog.raci
        for role in (
            *activity.responsible,
            *activity.accountable,
            *activity.consulted,
            *activity.informed,
        )
    }


def gap_map(
    catalog: Catalog, reports: Sequence[Report], teams: Mapping[str, str]
) -> tuple[GapCell, ...]:
    """The gap map over the reports of every scanned workspace, in target and control order."""
    cells = []
    for target in Target:
        results = [
            control
            for report in reports
            for audit in report.targets
            if audit.target is target
            for control in audit.controls
        ]
        if not results:
            continue
        attested = {r.control_id for r in results if r.attested}
        evidenced = _evidenced_controls(reports, target) | attested
        for control in catalog.controls:
            result = next(r for r in results if r.control_id == control.id)
            reason = _reason(result, evidenced)
            if reason is not None:
                cells.append(_cell(catalog, target, result, reason, teams))
    return tuple(cells)


def _evidenced_controls(reports: Sequence[Report], target: Target) -> set[str]:
    return {
        finding.control_id
        for report in reports
        for finding in report.findings
        if finding.target is target and finding.status is not Status.NOT_EVIDENCED
    }


def _reason(result: ControlResult, evidenced: set[str]) -> GapReason | None:
    if result.owner is Owner.UNASSIGNED:
        return GapReason.UNASSIGNED
    if result.owner is Owner.PROVIDER or result.control_id in evidenced:
        return None
    return GapReason.NO_EVIDENCE


def _cell(
    catalog: Catalog,
    target: Target,
    result: ControlResult,
    reason: GapReason,
    teams: Mapping[str, str],
) -> GapCell:
    activities = [a for a in catalog.raci if result.control_id in a.controls]
    action = (
        f"Assign an owner: {result.known_gap}"
        if reason is GapReason.UNASSIGNED
        else result.customer_action
    )
    return GapCell(
        target=target,
        control_id=result.control_id,
        control_name=result.name,
        owner=result.owner,
        reason=reason,
        responsible=_teams((r for a in activities for r in a.responsible), teams),
        accountable=_teams((r for a in activities for r in a.accountable), teams),
        activities=tuple(a.name for a in activities),
        action=action,
    )


def _teams(roles: Iterable[str], teams: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(teams.get(role, role) for role in roles))
