"""The inventory for a terminal (rich): workspaces, assets, reconciliation, gap map.

Per asset, control statuses are grouped: ``FAIL 002 003`` are findings on the asset itself;
``target: gap 001 005`` are controls with no finding on the asset, shown with their status for
the whole target. Control numbers drop the ``AI-SEC-`` prefix.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from srm_iac.assets.assessment import Assessment
from srm_iac.assets.inventory import Asset, Scope
from srm_iac.assets.reconcile import Outcome, Reconciliation
from srm_iac.model.enums import ControlStatus, Status
from srm_iac.reporters.inventory_json import shown_assets
from srm_iac.reporters.inventory_view import InventoryRenderOptions, Section
from srm_iac.reporters.styles import FINDING_STYLE, STATUS_STYLE
from srm_iac.reporters.terminal import box_style, escape, string_console
from srm_iac.terminal import printable

if TYPE_CHECKING:
    from rich.console import Console

_ASSET_ORDER = [s.value for s in (Status.FAIL, Status.UNKNOWN, Status.WAIVED, Status.PASS)]
_TARGET_ORDER = [s.value for s in ControlStatus]


def render(assessment: Assessment, options: InventoryRenderOptions) -> str:
    """The assessment as terminal text."""
    buffer = io.StringIO()
    console = string_console(buffer, color=options.color, width=options.width)
    _header(console, assessment, options)
    for section in options.sections:
        if section is Section.ASSETS:
            _assets(console, assessment, options)
        elif section is Section.RECONCILIATION:
            _reconciliation(console, assessment.reconciliation, options)
        else:
            _gaps(console, assessment, options)
    for note in assessment.notes:
        console.print(f"note: {printable(note)}", markup=False)
    return buffer.getvalue()


def _header(console: Console, assessment: Assessment, options: InventoryRenderOptions) -> None:
    from rich.table import Table

    assets = [a for a in assessment.assets if a.kind.is_asset]
    console.print(
        f"srm-iac {assessment.tool_version}: AI asset inventory: {len(assets)} assets in "
        f"{len(assessment.workspaces)} workspace(s)"
    )
    table = Table(box=box_style(options.color), title="Workspaces", title_justify="left")
    for column in ("workspace", "input", "resources", "assets", "compliance by target"):
        table.add_column(column, overflow="fold")
    for result in assessment.workspaces:
        rates = "\n".join(
            f"{audit.target.value} {audit.compliance_rate:.1f}% "
            f"({audit.count_gaps} gap{'' if audit.count_gaps == 1 else 's'})"
            for audit in result.report.targets
        )
        table.add_row(
            escape(result.name),
            result.report.input_kind,
            str(result.report.stats.get("resources", 0)),
            str(sum(1 for a in result.assets if a.kind.is_asset)),
            rates or "no AI target",
        )
    console.print(table)
    console.print()


def _assets(console: Console, assessment: Assessment, options: InventoryRenderOptions) -> None:
    listed = shown_assets(assessment, options)
    hidden = len(assessment.assets) - len(listed)
    title = f"AI assets ({len(listed)})"
    if hidden:
        title += f"; {hidden} supporting resources not listed (--all lists them)"
    console.print(title if listed else f"{title}: none found")
    console.print()
    for result in assessment.workspaces:
        assets = [asset for asset in listed if asset.workspace == result.name]
        if assets:
            _workspace_assets(console, result.name, assets, assessment, options)


def _workspace_assets(
    console: Console,
    workspace: str,
    assets: list[Asset],
    assessment: Assessment,
    options: InventoryRenderOptions,
) -> None:
    from rich.table import Table

    owners = assessment.reconciliation.owners if assessment.reconciliation else {}
    table = Table(box=box_style(options.color), title=escape(workspace), title_justify="left")
    columns = ["target", "kind", "address"]
    columns += ["owner"] if assessment.reconciliation else []
    for column in (*columns, "on this asset", "target-level only"):
        table.add_column(column, overflow="fold")
    for asset in assets:
        owner = [escape(owners.get(asset.key, "-"))] if assessment.reconciliation else []
        table.add_row(
            asset.target.value,
            asset.kind.value,
            escape(asset.address),
            *owner,
            _grouped(asset, Scope.ASSET),
            _grouped(asset, Scope.TARGET),
        )
    console.print(table)
    console.print()


def _grouped(asset: Asset, scope: Scope) -> str:
    groups: dict[str, list[str]] = {}
    for control in asset.controls:
        if control.scope is scope:
            groups.setdefault(control.status, []).append(control.control_id.rsplit("-", 1)[-1])
    order = _ASSET_ORDER if scope is Scope.ASSET else _TARGET_ORDER
    lines = []
    for status in sorted(groups, key=lambda s: order.index(s) if s in order else len(order)):
        style = _style(status, scope)
        lines.append(f"[{style}]{status}[/] {' '.join(groups[status])}")
    return "\n".join(lines) or "-"


def _style(status: str, scope: Scope) -> str:
    if scope is Scope.ASSET:
        return FINDING_STYLE[Status(status)]
    return STATUS_STYLE[ControlStatus(status)]


def _reconciliation(
    console: Console, reconciliation: Reconciliation | None, options: InventoryRenderOptions
) -> None:
    from rich.table import Table

    if reconciliation is None:
        console.print("Reconciliation: no registry given (--registry FILE or registry: in config)")
        console.print()
        return
    counts = ", ".join(f"{o.value} {reconciliation.count(o)}" for o in Outcome)
    console.print(
        f"Reconciliation with {escape(reconciliation.registry)} as of "
        f"{reconciliation.as_of.isoformat()}: {len(reconciliation.owners)} registered assets; "
        f"{counts}"
    )
    if not reconciliation.items:
        console.print("every asset is registered, approved and reviewed")
        console.print()
        return
    table = Table(box=box_style(options.color))
    for column in ("outcome", "subject [workspace]", "target / kind", "owner", "detail"):
        table.add_column(escape(column), overflow="fold")
    for item in reconciliation.items:
        style = "bold red" if item.outcome.is_problem else "dim"
        subject = item.subject + (f"\n[{item.workspace}]" if item.workspace else "")
        table.add_row(
            f"[{style}]{item.outcome.value}[/]",
            escape(subject),
            " / ".join(part for part in (item.target, item.kind) if part) or "-",
            escape(item.owner or "-"),
            escape(item.detail),
        )
    console.print(table)
    console.print()


def _gaps(console: Console, assessment: Assessment, options: InventoryRenderOptions) -> None:
    from rich.table import Table

    if not assessment.gaps:
        console.print("Gap map: every control in scope has an owner and evidence or attestation")
        console.print()
        return
    table = Table(
        box=box_style(options.color),
        title=f"Gap map ({len(assessment.gaps)}): nobody owns it, or nobody has evidenced it",
        title_justify="left",
    )
    for column in ("target", "control", "reason", "owner", "should own (R)", "accountable (A)"):
        table.add_column(column, overflow="fold")
    for cell in assessment.gaps:
        table.add_row(
            cell.target.value,
            f"{cell.control_id} {escape(cell.control_name)}",
            f"[bold red]{cell.reason.value}[/]",
            cell.owner.value,
            escape("\n".join(cell.responsible)),
            escape("\n".join(cell.accountable)),
        )
    console.print(table)
    console.print("what to do for each cell: --format json, or --format csv --view gaps")
    console.print()
