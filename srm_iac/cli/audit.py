"""``srm-iac audit --target T``: the responsibility audit from the catalog and attestations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from srm_iac.cli.common import (
    add_catalog_option,
    add_output_options,
    catalog_files,
    emit,
    severity,
    user_files,
)
from srm_iac.cli.recording import add_record_options, check_record_options
from srm_iac.model.enums import Risk, Severity, Target
from srm_iac.model.report import Report

if TYPE_CHECKING:
    from srm_iac.config import RunConfig

AUDIT_FORMATS = ("table", "json", "markdown", "html")


def register(commands: Any) -> None:
    """Add the ``audit`` subcommand."""
    parser = commands.add_parser(
        "audit",
        help="audit targets from the catalog and attestations (no infrastructure input)",
        description="Show, per control, who owns it on the target and whether the customer "
        "half is attested. Without infrastructure evidence every customer control needs an "
        "attestation.",
    )
    parser.add_argument(
        "--target",
        "-t",
        action="append",
        required=True,
        choices=[t.value for t in Target],
        help="target to audit (repeatable)",
    )
    parser.add_argument("--attestations", type=Path, metavar="FILE", help="attestation file")
    parser.add_argument("--config", type=Path, metavar="FILE", help="srm-iac config file")
    parser.add_argument(
        "--fail-on",
        type=severity,
        metavar="RISK",
        help="exit 1 when a control gap has this risk or higher (default: high)",
    )
    add_output_options(parser, AUDIT_FORMATS)
    add_record_options(parser)
    add_catalog_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the audit and write the report."""
    from srm_iac.cli.loading import catalog_from, run_options
    from srm_iac.cli.recording import html_trend
    from srm_iac.pipeline import audit_only
    from srm_iac.reporters.formats import OutputFormat
    from srm_iac.reporters.interface import RenderOptions

    check_record_options(args)
    catalog = catalog_from(args)
    options = run_options(args, catalog)
    report = audit_only(catalog, [Target(t) for t in args.target], options)
    output_format = OutputFormat(args.format)
    color = output_format is OutputFormat.TABLE and args.output is None and sys.stdout.isatty()
    trend = html_trend(args, options.config, "", report)
    render_options = RenderOptions(color=color, trend=trend, teams=options.config.teams)
    text = output_format.renderer()(report, catalog, render_options)
    inputs = [
        *user_files(args, options.attestations.source),
        *(str(p) for p in catalog_files(catalog)),
    ]
    if args.record or args.history:
        from srm_iac.cli.recording import history_path

        inputs.append(str(history_path(args, options.config)))
    emit(text, args.output, inputs, ())
    _record(args, options.config, report)
    threshold = args.fail_on or options.config.fail_on or Severity.HIGH
    return 1 if gaps_at_or_above(report, Risk(threshold.value)) else 0


def _record(args: argparse.Namespace, config: RunConfig, report: Report) -> None:
    """Store the audit when ``--record`` (no infrastructure: no workspace, no assets)."""
    from srm_iac.cli.recording import record_run
    from srm_iac.history.records import WorkspaceRun

    targets = [audit.target.value for audit in report.targets]
    record_run(args, config, "audit", targets, [WorkspaceRun("", report, None)])


def gaps_at_or_above(report: Report, threshold: Risk) -> bool:
    """True when a gap control has a risk at or above ``threshold``."""
    return any(
        control.status.value == "gap" and control.risk.rank >= threshold.rank
        for audit in report.targets
        for control in audit.controls
    )
