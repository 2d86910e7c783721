"""What every command that checks an input shares: its options and the input -> report step.

``check``, ``comment`` and ``pre-commit`` take the same inputs and options, so they are
defined once here; each command adds only what it does with the report.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from srm_iac.cli.common import add_catalog_option, severity
from srm_iac.errors import UsageError
from srm_iac.model.enums import Severity, Status

if TYPE_CHECKING:
    from srm_iac.catalog.loader import Catalog
    from srm_iac.model.inventory import Inventory
    from srm_iac.model.report import Report

DEFAULT_FAIL_ON = Severity.HIGH


@dataclass(frozen=True)
class CheckRun:
    """The outcome of checking one input."""

    catalog: Catalog
    """The catalog the checks and the audit used."""
    inventory: Inventory
    """What the input contained (its ``secrets`` must be scrubbed from every output)."""
    report: Report
    """Findings and audits."""
    fail_on: Severity
    """The failing threshold: ``--fail-on``, else the config's, else HIGH."""
    inputs: tuple[str, ...]
    """Every file the run read (never to be overwritten by ``--output``)."""

    def exit_code(self, *, keep_going: bool) -> int:
        """2 when a check raised (unless keep-going), 1 when a check fails at or above the bar."""
        return exit_code(self.report, self.fail_on, keep_going=keep_going)


def add_check_arguments(parser: argparse.ArgumentParser, *, path: bool = True) -> None:
    """The input and the options that change what the check reports."""
    from plan_parsers.interface import InputFormat

    if path:
        parser.add_argument(
            "path", nargs="?", default="-", metavar="PATH|-", help="input (default -)"
        )
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


def run_check(args: argparse.Namespace, path: str | None = None) -> CheckRun:
    """Load the input named by ``args`` (or ``path``), run every check, audit every target."""
    from plan_parsers.interface import InputFormat
    from plan_parsers.loader import SourceOptions, load_inventory, read_source
    from srm_iac.cli.loading import catalog_from, run_options
    from srm_iac.pipeline import check_inventory

    name = path if path is not None else args.path
    if name == "-" and sys.stdin.isatty():
        raise UsageError(
            "no input: give a plan file or directory, or pipe "
            f"`terraform show -json tfplan | srm-iac {args.command} -`"
        )
    catalog = catalog_from(args)
    options = run_options(args, catalog)
    source_options = SourceOptions(source_dir=args.source_dir, var_files=tuple(args.var_file))
    inventory = load_inventory(read_source(name), InputFormat(args.input_format), source_options)
    for problem in inventory.metadata.get("parse_errors", ()):
        print(f"srm-iac: warning: {problem}", file=sys.stderr)
    report = check_inventory(catalog, inventory, options)
    fail_on = args.fail_on or options.config.fail_on or DEFAULT_FAIL_ON
    inputs = (
        name,
        *(str(p) for p in (args.config, args.attestations) if p),
        *(str(p) for p in args.var_file),
    )
    return CheckRun(catalog, inventory, report, fail_on, inputs)


def warn_failures(report: Report) -> None:
    """One line on stderr for each check that raised."""
    for failure in report.failures:
        print(
            f"srm-iac: error: check {failure.check_id} raised {failure.error}; "
            "its findings are missing from this report",
            file=sys.stderr,
        )


def exit_code(report: Report, fail_on: Severity, *, keep_going: bool) -> int:
    """2 when a check raised (unless keep-going), 1 when a check fails at or above ``fail_on``."""
    if report.failures and not keep_going:
        return 2
    failing = any(
        f.status is Status.FAIL and f.severity.rank >= fail_on.rank for f in report.findings
    )
    return 1 if failing else 0
