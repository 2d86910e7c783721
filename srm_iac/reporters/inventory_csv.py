"""The inventory as CSV (one section per file: assets, reconciliation or gaps).

Spreadsheets execute cells that start with ``=``, ``+``, ``-`` or ``@`` (and tab or carriage
return) as formulas; such cells are prefixed with a single quote so they stay text
(OWASP "CSV injection"). Values come from user-controlled files (addresses, names, registry
text), so every cell is treated this way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from srm_iac.assets.assessment import Assessment
from srm_iac.assets.inventory import Asset
from srm_iac.reporters.inventory_json import shown_assets
from srm_iac.reporters.inventory_view import InventoryRenderOptions, Section

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """``value``, quoted with a leading ``'`` when a spreadsheet would run it as a formula."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


def render(assessment: Assessment, options: InventoryRenderOptions) -> str:
    """The first section of ``options.sections`` as CSV with a header row."""
    section = options.sections[0] if options.sections else Section.ASSETS
    if section is Section.ASSETS:
        header, rows = _assets(assessment, options)
    elif section is Section.RECONCILIATION:
        header, rows = _reconciliation(assessment)
    else:
        header, rows = _gaps(assessment)
    return _write(header, rows)


def _write(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _assets(
    assessment: Assessment, options: InventoryRenderOptions
) -> tuple[list[str], list[list[str]]]:
    listed = shown_assets(assessment, options)
    owners = assessment.reconciliation.owners if assessment.reconciliation else {}
    header = [
        "workspace",
        "target",
        "kind",
        "address",
        "type",
        "name",
        "owner",
        "models",
        "location",
        *assessment.control_ids,
    ]
    return header, [_asset_row(asset, owners.get(asset.key, "")) for asset in listed]


def _asset_row(asset: Asset, owner: str) -> list[str]:
    return [
        asset.workspace,
        asset.target.value,
        asset.kind.value,
        asset.address,
        asset.resource_type,
        asset.name,
        owner,
        " ".join(asset.model_labels),
        str(asset.location) if asset.location else "",
        *(control.label for control in asset.controls),
    ]


def _reconciliation(assessment: Assessment) -> tuple[list[str], list[list[str]]]:
    header = ["outcome", "workspace", "target", "kind", "subject", "owner", "detail"]
    items = assessment.reconciliation.items if assessment.reconciliation else ()
    rows = [
        [i.outcome.value, i.workspace, i.target, i.kind, i.subject, i.owner, i.detail]
        for i in items
    ]
    return header, rows


def _gaps(assessment: Assessment) -> tuple[list[str], list[list[str]]]:
    header = [
        "target",
        "control_id",
        "control_name",
        "owner",
        "reason",
        "responsible",
        "accountable",
        "activities",
        "action",
    ]
    rows = [
        [
            cell.target.value,
            cell.control_id,
            cell.control_name,
            cell.owner.value,
            cell.reason.value,
            "; ".join(cell.responsible),
            "; ".join(cell.accountable),
            "; ".join(cell.activities),
            cell.action,
        ]
        for cell in assessment.gaps
    ]
    return header, rows
