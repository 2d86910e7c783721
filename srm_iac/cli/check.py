"""``srm-iac check [PATH|-]``: check a plan before apply and audit every AI target in it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from srm_iac.cli.common import add_catalog_option, add_output_options, emit, severity
from srm_iac.errors import UsageError
from srm_iac.model.enums import Severity, Status
from srm_iac.model.report import Report

DEFAULT_FAIL_ON = Severity.HIGH


def register(commands: Any) -> None:
    """Add the ``check`` subcommand."""
    from plan_parsers.interface import InputFormat
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
    parser.add_argument("path", nargs="?", default="-", metavar="PATH|-", help="input (default -)")
    parser.add_argument(
        "--source-dir",
        type=Path,
        metavar="DIR",
        help="Terraform source of the plan: findings get file:line, inline suppressions apply",
    )
    parser.add_argument(
        "--var-file",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="variable values for a source scan (repeatable; after terraform.tfvars and "
        "*.auto.tfvars, like terraform -var-file)",
    )
    add_output_options(parser, [f.value for f in OutputFormat])
    parser.add_argument(
        "--fail-on",
        type=severity,
        metavar="SEVERITY",
        help="exit 1 when a check fails at or above this severity (default: high)",
    )
    parser.add_argument("--config", type=Path, metavar="FILE", help="srm-iac config file")
    parser.add_argument("--attestations", type=Path, metavar="FILE", help="attestation file")
    parser.add_argument(
        "--input-format",
        choices=[f.value for f in InputFormat],
        default=InputFormat.AUTO.value,
        help="force the input format instead of detecting it",
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="report a check that raised as an internal error but do not exit 2 for it",
    )
    add_catalog_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the check and write the report."""
    from plan_parsers.interface import InputFormat
    from plan_parsers.loader import SourceOptions, load_inventory, read_source
    from srm_iac.cli.loading import catalog_from, run_options
    from srm_iac.pipeline import check_inventory
    from srm_iac.reporters.formats import OutputFormat
    from srm_iac.reporters.interface import RenderOptions

    if args.path == "-" and sys.stdin.isatty():
        raise UsageError(
            "no input: give a plan file or directory, or pipe "
            "`terraform show -json tfplan | srm-iac check -`"
        )
    catalog = catalog_from(args)
    options = run_options(args, catalog)
    source_options = SourceOptions(source_dir=args.source_dir, var_files=tuple(args.var_file))
    inventory = load_inventory(
        read_source(args.path), InputFormat(args.input_format), source_options
    )
    for problem in inventory.metadata.get("parse_errors", ()):
        print(f"srm-iac: warning: {problem}", file=sys.stderr)
    report = check_inventory(catalog, inventory, options)
    output_format = OutputFormat(args.format)
    color = output_format is OutputFormat.TABLE and args.output is None and sys.stdout.isatty()
    text = output_format.renderer()(report, catalog, RenderOptions(color=color))
    inputs = [
        args.path,
        *(str(p) for p in (args.config, args.attestations) if p),
        *(str(p) for p in args.var_file),
    ]
    emit(text, args.output, inputs, inventory.secrets)
    for failure in report.failures:
        print(
            f"srm-iac: error: check {failure.check_id} raised {failure.error}; "
            "its findings are missing from this report",
            file=sys.stderr,
        )
    fail_on = args.fail_on or options.config.fail_on or DEFAULT_FAIL_ON
    return exit_code(report, fail_on, keep_going=args.keep_going)


def exit_code(report: Report, fail_on: Severity, *, keep_going: bool) -> int:
    """2 when a check raised (unless keep-going), 1 when a check fails at or above ``fail_on``."""
    if report.failures and not keep_going:
        return 2
    failing = any(
        f.status is Status.FAIL and f.severity.rank >= fail_on.rank for f in report.findings
    )
    return 1 if failing else 0
