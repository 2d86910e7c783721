"""One assessment over many workspaces: assets, reconciliation and the gap map.

Each workspace is checked and audited on its own (the same pipeline as ``srm-iac check``);
the assessment puts the results side by side. Pure: inventories in, an ``Assessment`` out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from srm_iac import __version__
from srm_iac.assets.inventory import Asset, build_assets
from srm_iac.assets.reconcile import ReconcileInput, Reconciliation, reconcile
from srm_iac.assets.registry import Registry
from srm_iac.catalog.loader import Catalog
from srm_iac.gapmap import GapCell, gap_map
from srm_iac.model.inventory import Inventory
from srm_iac.model.report import Report
from srm_iac.pipeline import RunOptions, check_inventory


@dataclass(frozen=True)
class WorkspaceResult:
    """The check report and the assets of one workspace."""

    name: str
    """The workspace's name (its path)."""
    report: Report
    """The check and audit of the workspace."""
    assets: tuple[Asset, ...]
    """Its AI resources, supporting ones included."""


@dataclass(frozen=True)
class RegistryInput:
    """A registry to reconcile against, and how to name it."""

    registry: Registry
    """The approved assets."""
    name: str
    """Its path, as shown in output."""


@dataclass(frozen=True)
class Assessment:
    """Everything ``srm-iac inventory`` reports."""

    tool_version: str
    """srm-iac version."""
    control_ids: tuple[str, ...]
    """The catalog's controls, in order (the columns of per-asset statuses)."""
    workspaces: tuple[WorkspaceResult, ...]
    """Per workspace, in the order found."""
    gaps: tuple[GapCell, ...]
    """The gap map over every workspace."""
    reconciliation: Reconciliation | None
    """Reconciliation with the registry, when one was given."""
    notes: tuple[str, ...]
    """Warnings, each once, with the workspaces it concerns when not all of them."""

    @property
    def assets(self) -> tuple[Asset, ...]:
        """Every asset of every workspace, supporting resources included."""
        return tuple(asset for ws in self.workspaces for asset in ws.assets)


def assess_workspace(
    catalog: Catalog, name: str, inventory: Inventory, options: RunOptions
) -> WorkspaceResult:
    """Check one workspace and list its assets."""
    report = check_inventory(catalog, inventory, options)
    return WorkspaceResult(name=name, report=report, assets=build_assets(name, inventory, report))


def assemble(
    catalog: Catalog,
    results: Sequence[WorkspaceResult],
    options: RunOptions,
    registry: RegistryInput | None = None,
    extra_notes: Sequence[str] = (),
) -> Assessment:
    """Put the workspace results together with the gap map and, optionally, reconciliation."""
    reconciliation = None
    if registry is not None:
        reconciliation = reconcile(
            ReconcileInput(
                assets=[asset for result in results for asset in result.assets],
                workspaces=[result.name for result in results],
                registry=registry.registry,
                registry_name=registry.name,
                today=options.today,
                review_interval_days=options.config.review_interval_days,
            )
        )
    return Assessment(
        tool_version=__version__,
        control_ids=tuple(control.id for control in catalog.controls),
        workspaces=tuple(results),
        gaps=gap_map(catalog, [r.report for r in results], options.config.teams),
        reconciliation=reconciliation,
        notes=(*extra_notes, *_merged_notes(results)),
    )


def _merged_notes(results: Sequence[WorkspaceResult]) -> list[str]:
    where: dict[str, list[str]] = {}
    for result in results:
        for note in result.report.notes:
            where.setdefault(note, [])
            if result.name not in where[note]:
                where[note].append(result.name)
    everywhere = len(results)
    return [
        note if len(names) == everywhere else f"{note} ({', '.join(names)})"
        for note, names in where.items()
    ]
