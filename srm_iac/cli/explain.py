"""``srm-iac explain ID``: what a check looks at, why it matters and how to fix it."""

from __future__ import annotations

import argparse
from typing import Any

from srm_iac.cli.common import add_catalog_option
from srm_iac.errors import UsageError


def register(commands: Any) -> None:
    """Add the ``explain`` subcommand."""
    parser = commands.add_parser("explain", help="explain a check (e.g. SRM-AWS-004)")
    parser.add_argument("check_id", metavar="ID")
    add_catalog_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the check's explanation sections."""
    from srm_iac.cli.loading import catalog_from

    catalog = catalog_from(args)
    check_id = args.check_id.upper()
    if not catalog.has_check(check_id):
        raise UsageError(f"unknown check {args.check_id}")
    spec = catalog.check(check_id)
    control = catalog.control(spec.control)
    import textwrap  # only when explaining

    wrap = textwrap.TextWrapper(width=96, initial_indent="  ", subsequent_indent="  ")
    print(f"{spec.id}: {spec.title}")
    print(
        f"severity {spec.severity.value}; target {spec.target.value}; control {control.id} "
        f"{control.name} (OWASP {', '.join(control.owasp_llm)}; NIST AI RMF "
        f"{control.nist_ai_rmf})"
    )
    if spec.deprecated:
        print("DEPRECATED: this check no longer runs")
    print(f"resource types: {', '.join(spec.resource_types)}")
    for heading, text in (
        ("What it checks", spec.what),
        ("Why it matters", spec.why),
        ("How to fix", spec.fix),
    ):
        print(f"\n{heading}\n{wrap.fill(text)}")
    print("\nReferences")
    for url in spec.references:
        print(f"  {url}")
    return 0
