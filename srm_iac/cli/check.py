"""``srm-iac check [PATH|-]``: check a plan before apply and audit every AI target in it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from srm_iac.cli.checkrun import add_check_arguments, exit_code
from srm_iac.cli.common import add_output_options, emit
from srm_iac.cli.recording import add_record_options, check_record_options

if TYPE_CHECKING:
    from srm_iac.baseline import BaselineFile
    from srm_iac.cli.checkrun import CheckRun
    from srm_iac.config import RunConfig
    from srm_iac.model.report import Report


def register(commands: Any) -> None:
    """Add the ``check`` subcommand."""
    from srm_iac.reporters.formats import OutputFormat

    parser = commands.add_parser(
        "check",
        help="check a Terraform plan, a Pulumi preview, or a directory of .tf files, before apply",
        description="Check infrastructure before it is created. Reads `terraform show -json` "
        "or `pulumi preview --json` output from a file, a directory holding plan.json or "
        "preview.json, or standard input (`-`); a directory without a plan is scanned as "
        "Terraform source (.tf files, needs `pip install 'srm-iac[hcl]'`). A plan next to its "
        ".tf files, or given --source-dir, gets file and line numbers on its findings and "
        "honours inline srm-iac:ignore comments.",
    )
    add_check_arguments(parser)
    add_output_options(parser, [f.value for f in OutputFormat])
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="report only findings that are not in this baseline (from --write-baseline)",
    )
    parser.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="accept every current finding: write them to FILE (exit 0 unless a check raised)",
    )
    add_record_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the check and write the report."""
    from plan_parsers.workspaces import workspace_name
    from srm_iac.cli.checkrun import run_check, warn_failures
    from srm_iac.cli.loading import config_from
    from srm_iac.cli.recording import history_path, html_trend
    from srm_iac.reporters.formats import OutputFormat
    from srm_iac.reporters.interface import RenderOptions

    check_record_options(args)
    baseline = _load_baseline(args.baseline)
    result = run_check(args)
    config = config_from(args, result.catalog)
    workspace = workspace_name(args.path)
    history = history_path(args, config) if args.record or args.history else None
    inputs = (
        *result.inputs,
        *([str(args.baseline)] if args.baseline else []),
        *([str(history)] if history else []),
    )
    report = result.report
    if baseline is not None:
        from srm_iac.baseline import apply_baseline

        report = apply_baseline(report, baseline, str(args.baseline))
    output_format = OutputFormat(args.format)
    color = output_format is OutputFormat.TABLE and args.output is None and sys.stdout.isatty()
    trend = html_trend(args, config, workspace, result.report)
    render_options = RenderOptions(color=color, trend=trend, teams=config.teams)
    text = output_format.renderer()(report, result.catalog, render_options)
    emit(text, args.output, inputs, result.inventory.secrets)
    warn_failures(report)
    if args.write_baseline is not None:
        report = _write_baseline(args.write_baseline, result, inputs)
    _record(args, config, workspace, result)
    return exit_code(report, result.fail_on, keep_going=args.keep_going)


def _load_baseline(path: Path | None) -> BaselineFile | None:
    """The baseline of ``--baseline`` (imported only when one is given)."""
    if path is None:
        return None
    from srm_iac.baseline import load_baseline

    return load_baseline(path)


def _write_baseline(path: Path, result: CheckRun, inputs: tuple[str, ...]) -> Report:
    """Write the baseline of every current finding; the report it leaves (nothing new)."""
    from srm_iac.baseline import apply_baseline, baseline_of, render_baseline

    written = baseline_of(result.report)
    emit(render_baseline(written), path, inputs, result.inventory.secrets)
    print(f"srm-iac: wrote {len(written.findings)} findings to {path}", file=sys.stderr)
    return apply_baseline(result.report, written, str(path))


def _record(args: argparse.Namespace, config: RunConfig, workspace: str, result: CheckRun) -> None:
    """Store the run (every finding, whatever the baseline) when ``--record``."""
    if not args.record:
        return
    from srm_iac.assets.inventory import build_assets
    from srm_iac.cli.recording import record_run
    from srm_iac.history.records import WorkspaceRun

    assets = build_assets(workspace, result.inventory, result.report)
    record_run(args, config, "check", [args.path], [WorkspaceRun(workspace, result.report, assets)])
