"""``srm-iac catalog validate|list|show ID|changes``: inspect the control catalog."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from srm_iac.cli.common import add_catalog_option
from srm_iac.errors import UsageError
from srm_iac.jsonout import dumps
from srm_iac.model.enums import Target

if TYPE_CHECKING:
    from srm_iac.catalog.loader import Catalog
    from srm_iac.catalog.model import ChangelogEntry

    _Changes = dict[Target, list[ChangelogEntry]]


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
    changes = actions.add_parser(
        "changes",
        help="list the provider maps' changelog entries since a date",
        description="What changed in the responsibility maps (a provider feature that shifts "
        "part of a control, an owner revised) since DATE, per target, with when each map was "
        "last reviewed.",
    )
    changes.add_argument(
        "--since", required=True, type=iso_date, metavar="DATE", help="YYYY-MM-DD (inclusive)"
    )
    changes.add_argument(
        "--target", "-t", action="append", choices=[t.value for t in Target], help="only these"
    )
    changes.add_argument("--format", "-f", choices=("table", "json"), default="table")
    add_catalog_option(changes)
    changes.set_defaults(handler=run_changes)


def iso_date(text: str) -> dt.date:
    """argparse type for ISO dates."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {text!r} (use YYYY-MM-DD)") from None


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


def run_changes(args: argparse.Namespace) -> int:
    """Print the changelog entries dated on or after ``--since``, per target."""
    from srm_iac.cli.loading import catalog_from

    catalog = catalog_from(args)
    wanted = [Target(t) for t in args.target] if args.target else list(catalog.providers)
    changes = {
        target: sorted(
            (e for e in catalog.providers[target].changelog if e.date >= args.since),
            key=lambda e: e.date,
        )
        for target in wanted
    }
    render = _changes_json if args.format == "json" else _changes_text
    print(render(catalog, changes, args.since), end="")
    return 0


def _changes_json(catalog: Catalog, changes: _Changes, since: dt.date) -> str:

    document = {
        "since": since.isoformat(),
        "targets": {
            target.value: {
                "last_reviewed": catalog.providers[target].last_reviewed.isoformat(),
                "changes": [{"date": e.date.isoformat(), "summary": e.summary} for e in entries],
            }
            for target, entries in changes.items()
        },
    }
    return dumps(document)


def _changes_text(catalog: Catalog, changes: _Changes, since: dt.date) -> str:
    import textwrap

    lines = []
    for target, entries in changes.items():
        provider = catalog.providers[target]
        lines.append(f"{provider.name} ({target.value}), last reviewed {provider.last_reviewed}:")
        lines += [
            textwrap.fill(
                f"{entry.date}  {entry.summary}",
                width=100,
                initial_indent="  ",
                subsequent_indent=" " * 14,
            )
            for entry in entries
        ]
        if not entries:
            lines.append(f"  no changes since {since}")
    return "\n".join(lines) + "\n"
