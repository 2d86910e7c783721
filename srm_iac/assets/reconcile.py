"""Reconcile the AI assets found with the registry of approved ones.

Outcomes, in the order they are reported:

* ``unregistered``: an asset no registry entry matches ("shadow AI");
* ``unapproved_model``: an asset uses a model its entry does not approve;
* ``review_overdue``: an entry's approval is older than the review interval;
* ``missing``: an entry matches no asset although its workspaces were scanned (it no longer
  exists, or moved: update the registry);
* ``not_scanned``: an entry whose ``workspace`` pattern matches no scanned workspace
  (information, not a problem: this run could not see it).

Pure: ``today`` is an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from srm_iac.assets.inventory import Asset
from srm_iac.assets.registry import Registry, RegistryEntry


class Outcome(StrEnum):
    """What reconciliation says about an asset or a registry entry."""

    UNREGISTERED = "unregistered"
    UNAPPROVED_MODEL = "unapproved_model"
    REVIEW_OVERDUE = "review_overdue"
    MISSING = "missing"
    NOT_SCANNED = "not_scanned"

    @property
    def is_problem(self) -> bool:
        """Everything but ``not_scanned`` needs someone to act."""
        return self is not Outcome.NOT_SCANNED


@dataclass(frozen=True, slots=True)
class ReconItem:
    """One reconciliation result."""

    outcome: Outcome
    """What is wrong (or, for ``not_scanned``, what could not be seen)."""
    subject: str
    """The asset's address, or the registry entry's pattern."""
    workspace: str = ""
    """The asset's workspace; empty for entry-level results."""
    target: str = ""
    """The asset's target (or the entry's, when it names one)."""
    kind: str = ""
    """The asset's kind (or the entry's, when it names one)."""
    owner: str = ""
    """The owner team the registry gives; empty for unregistered assets."""
    detail: str = ""
    """One line of explanation."""


@dataclass(frozen=True)
class Reconciliation:
    """The result of reconciling a run's assets with a registry."""

    registry: str
    """The registry file."""
    as_of: dt.date
    """The date approvals were judged against."""
    review_interval_days: int
    """How old an approval may get."""
    entries: int
    """Entries in the registry."""
    owners: dict[tuple[str, str, str], str]
    """Asset key -> owner team, for every registered asset."""
    items: tuple[ReconItem, ...]
    """Results, in outcome order, then by workspace and subject."""

    def count(self, outcome: Outcome) -> int:
        """How many results have ``outcome``."""
        return sum(1 for item in self.items if item.outcome is outcome)

    @property
    def problems(self) -> tuple[ReconItem, ...]:
        """Results someone must act on."""
        return tuple(item for item in self.items if item.outcome.is_problem)


@dataclass(frozen=True)
class ReconcileInput:
    """What reconciliation compares."""

    assets: Sequence[Asset]
    """Assets found (supporting resources are ignored)."""
    workspaces: Sequence[str]
    """Every workspace scanned, with or without assets."""
    registry: Registry
    """The approved assets."""
    registry_name: str
    """How to name the registry in output (its path)."""
    today: dt.date
    """Approvals are judged against this date."""
    review_interval_days: int
    """How old an approval may get."""


def reconcile(given: ReconcileInput) -> Reconciliation:
    """Compare the assets with the registry."""
    entries = given.registry.assets
    matched: dict[int, list[Asset]] = {index: [] for index in range(len(entries))}
    owners: dict[tuple[str, str, str], str] = {}
    items: list[ReconItem] = []
    for asset in (a for a in given.assets if a.kind.is_asset):
        index = _entry_of(entries, asset)
        if index is None:
            items.append(_unregistered(asset, entries))
            continue
        matched[index].append(asset)
        owners[asset.key] = entries[index].owner
        items.extend(_unapproved_models(asset, entries[index]))
    for index, entry in enumerate(entries):
        items.extend(_entry_results(entry, matched[index], given))
    order = list(Outcome)
    items.sort(key=lambda i: (order.index(i.outcome), i.workspace, i.target, i.subject, i.detail))
    return Reconciliation(
        registry=given.registry_name,
        as_of=given.today,
        review_interval_days=given.review_interval_days,
        entries=len(entries),
        owners=owners,
        items=tuple(items),
    )


def _entry_of(entries: Sequence[RegistryEntry], asset: Asset) -> int | None:
    for index, entry in enumerate(entries):
        if entry.matches(asset.workspace, asset.target, asset.kind, asset.address, asset.name):
            return index
    return None


def _item(outcome: Outcome, asset: Asset, owner: str, detail: str) -> ReconItem:
    return ReconItem(
        outcome=outcome,
        subject=asset.address,
        workspace=asset.workspace,
        target=asset.target.value,
        kind=asset.kind.value,
        owner=owner,
        detail=detail,
    )


def _unregistered(asset: Asset, entries: Sequence[RegistryEntry]) -> ReconItem:
    detail = f"no registry entry matches this {asset.kind.value.replace('_', ' ')}"
    if not asset.name and any(entry.name for entry in entries):
        detail += " (its name is not known before apply, so name patterns cannot match it)"
    return _item(Outcome.UNREGISTERED, asset, "", detail)


def _unapproved_models(asset: Asset, entry: RegistryEntry) -> list[ReconItem]:
    approved = ", ".join(entry.approved_models) or "no model"
    return [
        _item(
            Outcome.UNAPPROVED_MODEL,
            asset,
            entry.owner,
            f"uses model {identifiers[0]}, which entry {entry.pattern} does not approve "
            f"(approved: {approved})",
        )
        for identifiers in asset.models
        if not entry.approves(identifiers)
    ]


def _entry_results(
    entry: RegistryEntry, assets: list[Asset], given: ReconcileInput
) -> list[ReconItem]:
    base = ReconItem(
        outcome=Outcome.MISSING,
        subject=entry.pattern,
        target=entry.target.value if entry.target else "",
        kind=entry.kind.value if entry.kind else "",
        owner=entry.owner,
    )
    if not assets:
        if not any(entry.in_scope(workspace) for workspace in given.workspaces):
            return [
                replace(
                    base,
                    outcome=Outcome.NOT_SCANNED,
                    detail=f"no scanned workspace matches workspace={entry.workspace}",
                )
            ]
        return [replace(base, detail="registered, but no asset in the scan matches it")]
    age = (given.today - entry.reviewed).days
    if age <= given.review_interval_days:
        return []
    return [
        replace(
            base,
            outcome=Outcome.REVIEW_OVERDUE,
            detail=f"approval reviewed {entry.reviewed.isoformat()}, {age} days ago (review every "
            f"{given.review_interval_days} days); covers {len(assets)} asset"
            f"{'s' if len(assets) != 1 else ''}",
        )
    ]
