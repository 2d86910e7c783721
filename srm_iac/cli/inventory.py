"""``srm-iac inventory [PATH...]``: AI assets across workspaces, reconciliation, gap map."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from srm_iac.cli.common import add_catalog_option, add_output_options
from srm_iac.cli.recording import add_record_options, check_record_options
from srm_iac.errors import SrmError, UsageError

if TYPE_CHECKING:
    from srm_iac.assets.assessment import Assessment, RegistryInput, WorkspaceResult
    from srm_iac.catalog.loader import Catalog
    from srm_iac.model.inventory import Inventory
    from srm_iac.pipeline import RunOptions
    from srm_iac.reporters.inventory_view import InventoryFormat, Section

INVENTORY_FORMATS = ("table", "json", "csv")
VIEWS = ("assets", "reconciliation", "gaps")


def register(commands: Any) -> None:
    """Add the ``inventory`` subcommand."""
    parser = commands.add_parser(
        "inventory",
        help="list the AI assets of many workspaces, reconcile them with a registry, map gaps",
        description="Walk the given plans, preview files and directories (a monorepo: each "
        "directory holding a plan/preview file or .tf files is one workspace), list every AI "
        "asset with the status of each control for it, reconcile the assets with a registry "
        "of approved ones (--registry), and map the controls nobody owns or has evidenced. "
        "Exit 1 when reconciliation finds a problem.",
    )
    parser.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="inputs (default: .)"
    )
    add_output_options(parser, INVENTORY_FORMATS)
    parser.add_argument(
        "--view",
        choices=VIEWS,
        action="append",
        help="section to show (repeatable; default: all; csv: assets)",
    )
    parser.add_argument(
        "--all",
        dest="include_supporting",
        action="store_true",
        help="also list supporting resources (logging, IAM, network configuration)",
    )
    parser.add_argument("--registry", type=Path, metavar="FILE", help="approved AI assets")
    parser.add_argument("--config", type=Path, metavar="FILE", help="srm-iac config file")
    parser.add_argument("--attestations", type=Path, metavar="FILE", help="attestation file")
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="skip a workspace that cannot be read (or a check that raised) instead of exit 2",
    )
    add_record_options(parser)
    add_catalog_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Assess every workspace and write the inventory."""
    from srm_iac.assets.assessment import assemble
    from srm_iac.cli.common import catalog_files, emit, user_files
    from srm_iac.cli.loading import catalog_from, run_options
    from srm_iac.cli.recording import record_run
    from srm_iac.history.records import WorkspaceRun
    from srm_iac.reporters.inventory_view import InventoryFormat, InventoryRenderOptions

    check_record_options(args)
    output_format = InventoryFormat(args.format)
    sections = _sections(args.view, output_format)
    catalog = catalog_from(args)
    options = run_options(args, catalog)
    registry = _registry(args, options)
    scan = _assess_all(args, catalog, options)
    assessment = assemble(catalog, scan.results, options, registry, scan.notes)
    color = output_format is InventoryFormat.TABLE and args.output is None and sys.stdout.isatty()
    render_options = InventoryRenderOptions(
        sections=sections, include_supporting=args.include_supporting, color=color
    )
    text = output_format.renderer()(assessment, render_options)
    named = (args.config, args.attestations, registry.name if registry else None)
    inputs = [
        *args.paths,
        *scan.read,
        *(str(p) for p in named if p),
        *user_files(args, options.attestations.source),
        *(str(p) for p in catalog_files(catalog)),
    ]
    if args.record or args.history:
        from srm_iac.cli.recording import history_path

        inputs.append(str(history_path(args, options.config)))
    emit(text, args.output, inputs, scan.secrets)
    record_run(
        args,
        options.config,
        "inventory",
        args.paths,
        [WorkspaceRun(r.name, r.report, r.assets) for r in scan.results],
    )
    return _exit_code(assessment, scan.check_failed and not args.keep_going)


def _sections(views: list[str] | None, output_format: InventoryFormat) -> tuple[Section, ...]:
    from srm_iac.reporters.inventory_view import InventoryFormat, Section

    chosen = tuple(dict.fromkeys(Section(v) for v in views or ()))
    if output_format is InventoryFormat.CSV:
        if len(chosen) > 1:
            raise UsageError("csv holds one table: give a single --view")
        return chosen or (Section.ASSETS,)
    return chosen or tuple(Section)


def _registry(args: argparse.Namespace, options: RunOptions) -> RegistryInput | None:
    from srm_iac.assets.assessment import RegistryInput
    from srm_iac.assets.registry import load_registry

    path: Path | None = args.registry or options.config.registry_path
    if path is None:
        return None
    return RegistryInput(registry=load_registry(path), name=str(path))


@dataclass
class _Scan:
    """What reading every workspace produced."""

    results: list[WorkspaceResult] = field(default_factory=list)
    """One per workspace read."""
    secrets: set[str] = field(default_factory=set)
    """Sensitive values of every input, scrubbed from the output."""
    notes: list[str] = field(default_factory=list)
    """Workspaces skipped with --keep-going."""
    check_failed: bool = False
    """A check raised in some workspace."""
    read: list[str] = field(default_factory=list)
    """Every file read (``--output`` never overwrites one)."""


def _assess_all(args: argparse.Namespace, catalog: Catalog, options: RunOptions) -> _Scan:
    """Check every workspace under ``args.paths``."""
    from plan_parsers.workspaces import discover_workspaces
    from srm_iac.assets.assessment import assess_workspace

    scan = _Scan()
    for workspace in discover_workspaces(args.paths):
        try:
            inventory = _load(workspace.path)
        except SrmError as exc:
            if not args.keep_going:
                raise
            scan.notes.append(f"{workspace.name}: skipped: {exc.diagnostics()}")
            print(f"srm-iac: warning: {scan.notes[-1]}", file=sys.stderr)
            continue
        for problem in inventory.metadata.get("parse_errors", ()):
            print(f"srm-iac: warning: {workspace.name}: {problem}", file=sys.stderr)
        scan.secrets |= inventory.secrets
        scan.read += [workspace.path, *inventory.metadata.get("read_files", ())]
        result = assess_workspace(catalog, workspace.name, inventory, options)
        for failure in result.report.failures:
            scan.check_failed = True
            print(
                f"srm-iac: error: {workspace.name}: check {failure.check_id} raised "
                f"{failure.error}; its findings are missing",
                file=sys.stderr,
            )
        scan.results.append(result)
    return scan


def _load(path: str) -> Inventory:
    from plan_parsers.loader import SourceOptions, load_inventory, read_source
    from srm_iac.cli.checkrun import max_input_size

    if path == "-" and sys.stdin.isatty():
        raise UsageError("no input on standard input: pipe a plan into `srm-iac inventory -`")
    limit = max_input_size(argparse.Namespace())
    source = read_source(path, max_bytes=limit)
    return load_inventory(source, options=SourceOptions(max_input_bytes=limit))


def _exit_code(assessment: Assessment, check_failed: bool) -> int:
    if check_failed:
        return 2
    reconciliation = assessment.reconciliation
    return 1 if reconciliation is not None and reconciliation.problems else 0
