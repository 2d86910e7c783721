"""``srm-iac catalog validate|list|show ID``: inspect the control catalog."""

from __future__ import annotations

import argparse
from typing import Any

from srm_iac.cli.common import add_catalog_option
from srm_iac.errors import UsageError


def register(commands: Any) -> None:
    """Add the ``catalog`` subcommand and its actions."""
    parser = commands.add_parser("catalog", help="validate and browse the control catalog")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    actions.required = True
    validate = actions.add_parser("validate", help="validate every catalog file")
    add_catalog_option(validate)
    validate.set_defaults(handler=run_validate)
    listing = actions.add_parser("list", help="list the controls and who owns them per target")
    add_catalog_option(listing)
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="show one control across every target")
    show.add_argument("control_id", metavar="ID", help="control id, e.g. AI-SEC-002")
    add_catalog_option(show)
    show.set_defaults(handler=run_show)


def run_validate(args: argparse.Namespace) -> int:
    """Validate the catalog; errors are raised as CatalogError (exit 2)."""
    from srm_iac.catalog.loader import catalog_summary
    from srm_iac.cli.loading import catalog_from

    catalog = catalog_from(args)
    counts = catalog_summary(catalog)
    print(
        f"catalog OK: {catalog.root}: {counts['controls']} controls x {counts['targets']} "
        f"targets ({counts['assignments']} assignments), {counts['checks']} checks, "
        f"{counts['raci_activities']} RACI activities"
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print one line per control with the owner on each target."""
    from srm_iac.cli.loading import catalog_from

    catalog = catalog_from(args)
    targets = list(catalog.providers)
    header = ["control", "name", *(t.value for t in targets)]
    rows = [
        [c.id, c.name, *(catalog.assignment(t, c.id).owner.value for t in targets)]
        for c in catalog.controls
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(value).ljust(width) for value, width in zip(row, widths, strict=True)))
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print a control and its assignment on every target."""
    from srm_iac.cli.loading import catalog_from

    catalog = catalog_from(args)
    control_id = args.control_id.upper()
    if not catalog.has_control(control_id):
        raise UsageError(f"unknown control {args.control_id}; see `srm-iac catalog list`")
    control = catalog.control(control_id)
    print(f"{control.id} {control.name} [{control.category}]")
    print(f"OWASP LLM 2025: {', '.join(control.owasp_llm)}; NIST AI RMF: {control.nist_ai_rmf}")
    print(control.description)
    for target, provider in catalog.providers.items():
        assignment = provider.assignments[control.id]
        print(f"\n{provider.name} ({target.value}): owner {assignment.owner.value}")
        print(f"  provider offers: {assignment.provider_offers}")
        if assignment.customer_must:
            print(f"  customer must:   {assignment.customer_must}")
        if assignment.gap:
            print(f"  known gap:       {assignment.gap}")
    checks = [c.id for c in catalog.checks if c.control == control.id]
    if checks:
        print(f"\nchecks: {', '.join(checks)}")
    return 0
