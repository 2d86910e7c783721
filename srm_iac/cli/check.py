"""``srm-iac check [PATH|-]``: check a plan before apply and audit every AI target in it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from srm_iac.cli.checkrun import add_check_arguments
from srm_iac.cli.common import add_output_options, emit


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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the check and write the report."""
    from srm_iac.cli.checkrun import run_check, warn_failures
    from srm_iac.reporters.formats import OutputFormat
    from srm_iac.reporters.interface import RenderOptions

    result = run_check(args)
    output_format = OutputFormat(args.format)
    color = output_format is OutputFormat.TABLE and args.output is None and sys.stdout.isatty()
    text = output_format.renderer()(result.report, result.catalog, RenderOptions(color=color))
    emit(text, args.output, result.inputs, result.inventory.secrets)
    warn_failures(result.report)
    return result.exit_code(keep_going=args.keep_going)
