"""What changed between two recorded runs (``srm-iac diff``). Pure: two records in, a diff out.

Only workspaces present in both runs are compared (a workspace scanned once has nothing to be
compared with; it is named in the notes). Within them:

* gaps: controls whose audited status is ``gap`` (per workspace and target), new and closed;
* assets: AI assets (workspace, target, address), new and removed;
* failing findings: FAIL findings by fingerprint, new and fixed (with the status now).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from srm_iac.history.records import AssetRow, ControlRow, FindingRow, RunRecord, TargetRow

GONE = "absent"
"""The status of a fixed finding whose resource or check no longer reports it."""


@dataclass(frozen=True, slots=True)
class RateChange:
    """A target's compliance rate in both runs (summed over the compared workspaces)."""

    target: str
    """Target id."""
    before: float | None
    """Rate in the first run; None when the target was not in scope."""
    after: float | None
    """Rate in the second run; None when the target was not in scope."""


@dataclass(frozen=True, slots=True)
class FindingChange:
    """A failing finding that appeared or went away."""

    finding: FindingRow
    """The finding (from the run where it fails)."""
    now: str
    """Its status in the second run (``FAIL`` for new ones, ``absent`` when gone)."""


@dataclass(frozen=True)
class RunDiff:
    """The differences from run ``before`` to run ``after``."""

    before: RunRecord
    """The earlier run."""
    after: RunRecord
    """The later run."""
    rates: tuple[RateChange, ...]
    """Compliance rate per target."""
    new_gaps: tuple[ControlRow, ...]
    """Gap controls in ``after`` that were not gaps in ``before``."""
    closed_gaps: tuple[ControlRow, ...]
    """Gap controls in ``before`` that are no longer gaps (as they are in ``after``)."""
    new_assets: tuple[AssetRow, ...]
    """Assets only in ``after``."""
    removed_assets: tuple[AssetRow, ...]
    """Assets only in ``before``."""
    new_failures: tuple[FindingChange, ...]
    """FAIL findings only in ``after``."""
    fixed_failures: tuple[FindingChange, ...]
    """FAIL findings of ``before`` that no longer fail."""
    notes: tuple[str, ...]
    """What could not be compared."""

    @property
    def regressed(self) -> bool:
        """True when the later run has new gaps or new failing findings."""
        return bool(self.new_gaps or self.new_failures)


def diff_runs(before: RunRecord, after: RunRecord) -> RunDiff:
    """Compare two runs over the workspaces they share."""
    shared = _workspaces(before) & _workspaces(after)
    notes = _workspace_notes(before, after, shared)
    new_assets: tuple[AssetRow, ...] = ()
    removed_assets: tuple[AssetRow, ...] = ()
    if before.assets_recorded and after.assets_recorded:
        new_assets, removed_assets = _asset_changes(before, after, shared)
    else:
        notes.append("assets are not compared: a run recorded no assets (audit, or an old schema)")
    new_gaps, closed_gaps = _gap_changes(before, after, shared)
    new_failures, fixed_failures = _failure_changes(before, after, shared)
    return RunDiff(
        before=before,
        after=after,
        rates=_rates(before, after, shared),
        new_gaps=new_gaps,
        closed_gaps=closed_gaps,
        new_assets=new_assets,
        removed_assets=removed_assets,
        new_failures=new_failures,
        fixed_failures=fixed_failures,
        notes=tuple(notes),
    )


def workspace_label(workspace: str) -> str:
    """How a workspace is shown; a catalog-only audit has none."""
    return workspace or "(catalog audit)"


def _workspaces(run: RunRecord) -> set[str]:
    return set(run.workspaces)


def _workspace_notes(before: RunRecord, after: RunRecord, shared: set[str]) -> list[str]:
    notes = []
    for run, label in ((before, "first"), (after, "second")):
        only = sorted(workspace_label(w) for w in _workspaces(run) - shared)
        if only:
            notes.append(f"only in the {label} run (not compared): {', '.join(only)}")
    return notes


def _gap_changes(
    before: RunRecord, after: RunRecord, shared: set[str]
) -> tuple[tuple[ControlRow, ...], tuple[ControlRow, ...]]:
    def gaps(run: RunRecord) -> dict[tuple[str, str, str], ControlRow]:
        return {
            (c.workspace, c.target, c.control_id): c
            for c in run.controls
            if c.status == "gap" and c.workspace in shared
        }

    old, new = gaps(before), gaps(after)
    now = {(c.workspace, c.target, c.control_id): c for c in after.controls}
    closed = [now.get(key, old[key]) for key in sorted(old.keys() - new.keys())]
    return tuple(new[key] for key in sorted(new.keys() - old.keys())), tuple(closed)


def _asset_changes(
    before: RunRecord, after: RunRecord, shared: set[str]
) -> tuple[tuple[AssetRow, ...], tuple[AssetRow, ...]]:
    def assets(run: RunRecord) -> dict[tuple[str, str, str], AssetRow]:
        return {(a.workspace, a.target, a.address): a for a in run.assets if a.workspace in shared}

    old, new = assets(before), assets(after)
    return (
        tuple(new[key] for key in sorted(new.keys() - old.keys())),
        tuple(old[key] for key in sorted(old.keys() - new.keys())),
    )


def _failure_changes(
    before: RunRecord, after: RunRecord, shared: set[str]
) -> tuple[tuple[FindingChange, ...], tuple[FindingChange, ...]]:
    old, new = _failing(before.findings, shared), _failing(after.findings, shared)
    statuses = _statuses(after.findings)
    appeared = [FindingChange(new[key], "FAIL") for key in _ordered(new.keys() - old.keys(), new)]
    fixed = [
        FindingChange(old[key], statuses.get(key, GONE))
        for key in _ordered(old.keys() - new.keys(), old)
    ]
    return tuple(appeared), tuple(fixed)


def _ordered(
    keys: set[tuple[str, str]], rows: dict[tuple[str, str], FindingRow]
) -> list[tuple[str, str]]:
    """Findings in report order: workspace, target, control, check, address."""
    return sorted(
        keys,
        key=lambda k: (k[0], rows[k].target, rows[k].control_id, rows[k].check_id, rows[k].address),
    )


def _failing(findings: Iterable[FindingRow], shared: set[str]) -> dict[tuple[str, str], FindingRow]:
    return {
        (f.workspace, f.fingerprint): f
        for f in findings
        if f.status == "FAIL" and f.workspace in shared
    }


def _statuses(findings: Iterable[FindingRow]) -> dict[tuple[str, str], str]:
    worst_first = ("FAIL", "UNKNOWN", "WAIVED", "NOT_EVIDENCED", "PASS")
    found: dict[tuple[str, str], str] = {}
    for f in findings:
        key = (f.workspace, f.fingerprint)
        current = found.get(key)
        if current is None or worst_first.index(f.status) < worst_first.index(current):
            found[key] = f.status
    return found


def _rates(before: RunRecord, after: RunRecord, shared: set[str]) -> tuple[RateChange, ...]:
    old, new = _rate_by_target(before.targets, shared), _rate_by_target(after.targets, shared)
    return tuple(RateChange(t, old.get(t), new.get(t)) for t in sorted(old.keys() | new.keys()))


def _rate_by_target(rows: Iterable[TargetRow], shared: set[str]) -> dict[str, float]:
    sums: dict[str, list[int]] = {}
    for row in rows:
        if row.workspace in shared:
            totals = sums.setdefault(row.target, [0, 0])
            totals[0] += row.compliant
            totals[1] += row.total - row.inherited
    return {
        target: 100.0 if required == 0 else round(100.0 * compliant / required, 1)
        for target, (compliant, required) in sums.items()
    }
