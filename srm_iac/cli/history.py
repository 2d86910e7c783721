"""``srm-iac history``: the compliance rate per target over the recorded runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from srm_iac.cli.common import add_output_options
from srm_iac.cli.recording import add_history_option
from srm_iac.model.enums import Target

if TYPE_CHECKING:
    from srm_iac.config import RunConfig

DEFAULT_LIMIT = 20


def positive(text: str) -> int:
    """argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not at least 1")
    return value


def register(commands: Any) -> None:
    """Add the ``history`` subcommand."""
    parser = commands.add_parser(
        "history",
        help="show the compliance rate per target over the recorded runs",
        description="List the runs recorded with --record (oldest first) and, per target, "
        "the compliance rate and gap count summed over the run's workspaces.",
    )
    parser.add_argument(
        "--target", "-t", action="append", choices=[t.value for t in Target], help="only these"
    )
    parser.add_argument(
        "--limit",
        "-n",
        type=positive,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"the last N runs (default {DEFAULT_LIMIT})",
    )
    add_output_options(parser, ("table", "json"))
    add_history_option(parser)
    parser.add_argument("--config", type=Path, metavar="FILE", help="srm-iac config file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the history."""
    from srm_iac.cli.common import emit
    from srm_iac.cli.recording import history_path, open_database
    from srm_iac.history.render_history import HistoryView, render_json, render_table

    config = history_config(args)
    path = history_path(args, config)
    database = open_database(path, create=False)
    try:
        runs = database.runs(args.limit)
        trends = database.trends([r.run_id for r in runs])
    finally:
        database.close()
    present = {trend.target for trend in trends}
    wanted = args.target or [t.value for t in Target]
    view = HistoryView(
        database=str(path),
        runs=runs,
        trends=trends,
        targets=[t for t in wanted if t in present],
    )
    color = args.format == "table" and args.output is None and sys.stdout.isatty()
    text = render_json(view) if args.format == "json" else render_table(view, color=color)
    emit(text, args.output, [str(path)], ())
    return 0


def history_config(args: argparse.Namespace) -> RunConfig:
    """The config, read only for its ``history:`` path (and validated like any run's)."""
    from srm_iac.config import DEFAULT_CONFIG

    if args.config is None:
        return DEFAULT_CONFIG
    from srm_iac.cli.loading import catalog_from, config_from

    return config_from(args, catalog_from(args))
