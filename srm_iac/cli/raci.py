"""``srm-iac raci``: the AI-security RACI matrix."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from srm_iac.cli.common import add_catalog_option
from srm_iac.jsonout import dumps

if TYPE_CHECKING:
    from srm_iac.catalog.model import RaciActivity

FORMATS = ("table", "markdown", "json")


def register(commands: Any) -> None:
    """Add the ``raci`` subcommand."""
    parser = commands.add_parser("raci", help="print the AI-security RACI matrix")
    parser.add_argument("--format", "-f", choices=FORMATS, default="table")
    add_catalog_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the matrix in the chosen format."""
    from srm_iac.cli.loading import catalog_from

    activities = catalog_from(args).raci
    if args.format == "json":
        print(dumps([_as_dict(a) for a in activities]), end="")
    elif args.format == "markdown":
        print(render_markdown(activities), end="")
    else:
        print(render_table(activities), end="")
    return 0


def _as_dict(activity: RaciActivity) -> dict[str, Any]:
    return {
        "id": activity.id,
        "activity": activity.name,
        "responsible": list(activity.responsible),
        "accountable": list(activity.accountable),
        "consulted": list(activity.consulted),
        "informed": list(activity.informed),
        "controls": list(activity.controls),
    }


def render_markdown(activities: tuple[RaciActivity, ...]) -> str:
    """The matrix as a markdown table."""
    lines = [
        "| activity | responsible | accountable | consulted | informed | controls |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {a.name} | {', '.join(a.responsible)} | {', '.join(a.accountable)} | "
        f"{', '.join(a.consulted)} | {', '.join(a.informed)} | {', '.join(a.controls)} |"
        for a in activities
    ]
    return "\n".join(lines) + "\n"


def render_table(activities: tuple[RaciActivity, ...]) -> str:
    """The matrix as a terminal table (rich, plain when not a TTY)."""
    import io
    import sys

    from rich import box
    from rich.console import Console
    from rich.table import Table

    color = sys.stdout.isatty()
    table = Table(box=box.ROUNDED if color else box.ASCII, title="AI security RACI")
    for column in ("activity", "R", "A", "C", "I", "controls"):
        table.add_column(column, overflow="fold")
    for a in activities:
        table.add_row(
            a.name,
            "\n".join(a.responsible),
            "\n".join(a.accountable),
            "\n".join(a.consulted),
            "\n".join(a.informed),
            "\n".join(a.controls),
        )
    buffer = io.StringIO()
    Console(file=buffer, width=140, force_terminal=color, no_color=not color).print(table)
    return buffer.getvalue()
