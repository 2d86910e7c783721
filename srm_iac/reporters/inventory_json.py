"""The inventory as JSON: a versioned contract (``schema_version``) that later versions extend.

Top-level keys: ``schema_version``, ``kind`` (``srm-iac-inventory``), ``tool``,
``workspaces``, ``summary``, ``notes``, and one key per section shown: ``assets``,
``reconciliation`` (null without a registry) and ``gap_map``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from srm_iac.assets.assessment import Assessment, WorkspaceResult
from srm_iac.assets.inventory import Asset
from srm_iac.assets.reconcile import Outcome, Reconciliation, ReconItem
from srm_iac.gapmap import GapCell
from srm_iac.jsonout import dumps
from srm_iac.reporters.inventory_view import InventoryRenderOptions, Section

SCHEMA_VERSION = 1
DOCUMENT_KIND = "srm-iac-inventory"


def render(assessment: Assessment, options: InventoryRenderOptions) -> str:
    """The assessment as indented JSON with stable content."""
    return dumps(inventory_dict(assessment, options))


def inventory_dict(assessment: Assessment, options: InventoryRenderOptions) -> dict[str, Any]:
    """The JSON document as a dict."""
    owners = assessment.reconciliation.owners if assessment.reconciliation else {}
    listed = shown_assets(assessment, options)
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "kind": DOCUMENT_KIND,
        "tool": {"name": "srm-iac", "version": assessment.tool_version},
        "workspaces": [_workspace(result) for result in assessment.workspaces],
        "summary": _summary(assessment),
    }
    if Section.ASSETS in options.sections:
        document["assets"] = [asset_dict(asset, owners.get(asset.key)) for asset in listed]
    if Section.RECONCILIATION in options.sections:
        document["reconciliation"] = _reconciliation(assessment.reconciliation)
    if Section.GAPS in options.sections:
        document["gap_map"] = [gap_dict(cell) for cell in assessment.gaps]
    document["notes"] = list(assessment.notes)
    return document


def shown_assets(assessment: Assessment, options: InventoryRenderOptions) -> list[Asset]:
    """The assets a report lists: supporting resources only when asked for."""
    return [a for a in assessment.assets if options.include_supporting or a.kind.is_asset]


def _workspace(result: WorkspaceResult) -> dict[str, Any]:
    report = result.report
    return {
        "name": result.name,
        "input_kind": report.input_kind,
        "resources": report.stats.get("resources", 0),
        "assets": sum(1 for asset in result.assets if asset.kind.is_asset),
        "targets": {
            audit.target.value: {
                "compliance_rate": audit.compliance_rate,
                "compliant": audit.count_compliant,
                "partial": audit.count_partial,
                "gaps": audit.count_gaps,
                "inherited": audit.count_inherited,
            }
            for audit in report.targets
        },
    }


def _summary(assessment: Assessment) -> dict[str, Any]:
    assets = [asset for asset in assessment.assets if asset.kind.is_asset]
    summary: dict[str, Any] = {
        "workspaces": len(assessment.workspaces),
        "assets": len(assets),
        "supporting_resources": len(assessment.assets) - len(assets),
        "by_target": dict(sorted(Counter(a.target.value for a in assets).items())),
        "by_kind": dict(sorted(Counter(a.kind.value for a in assets).items())),
        "gap_map_cells": len(assessment.gaps),
    }
    if assessment.reconciliation is not None:
        summary["reconciliation"] = {
            outcome.value: assessment.reconciliation.count(outcome) for outcome in Outcome
        }
    return summary


def asset_dict(asset: Asset, owner: str | None) -> dict[str, Any]:
    """One asset as the JSON contract shows it."""
    location = asset.location
    return {
        "workspace": asset.workspace,
        "target": asset.target.value,
        "kind": asset.kind.value,
        "address": asset.address,
        "type": asset.resource_type,
        "name": asset.name or None,
        "models": list(asset.model_labels),
        "owner": owner,
        "location": (
            {"path": location.path, "start_line": location.start_line} if location else None
        ),
        "controls": {
            control.control_id: {"scope": control.scope.value, "status": control.status}
            for control in asset.controls
        },
    }


def _reconciliation(reconciliation: Reconciliation | None) -> dict[str, Any] | None:
    if reconciliation is None:
        return None
    return {
        "registry": reconciliation.registry,
        "as_of": reconciliation.as_of.isoformat(),
        "review_interval_days": reconciliation.review_interval_days,
        "entries": reconciliation.entries,
        "registered_assets": len(reconciliation.owners),
        "items": [_item(item) for item in reconciliation.items],
    }


def _item(item: ReconItem) -> dict[str, Any]:
    return {
        "outcome": item.outcome.value,
        "subject": item.subject,
        "workspace": item.workspace or None,
        "target": item.target or None,
        "kind": item.kind or None,
        "owner": item.owner or None,
        "detail": item.detail,
    }


def gap_dict(cell: GapCell) -> dict[str, Any]:
    """One gap-map cell as the JSON contract shows it."""
    return {
        "target": cell.target.value,
        "control_id": cell.control_id,
        "control_name": cell.control_name,
        "owner": cell.owner.value,
        "reason": cell.reason.value,
        "responsible": list(cell.responsible),
        "accountable": list(cell.accountable),
        "activities": list(cell.activities),
        "action": cell.action,
    }
