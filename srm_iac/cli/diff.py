"""``srm-iac diff [RUN_A] [RUN_B]``: what changed between two recorded runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from srm_iac.cli.common import add_output_options
from srm_iac.cli.history import positive
from srm_iac.cli.recording import add_history_option
from srm_iac.errors import UsageError

if TYPE_CHECKING:
    from srm_iac.history.db import HistoryDatabase
    from srm_iac.history.records import RunRecord


def register(commands: Any) -> None:
    """Add the ``diff`` subcommand."""
    parser = commands.add_parser(
        "diff",
        help="list new and closed gaps, new and removed assets, new and fixed failures",
        description="Compare two recorded runs (default: the last two; one id: that run and "
        "the latest). Exit 1 when the later run has new gaps or new failing findings.",
    )
    parser.add_argument("runs", nargs="*", type=positive, metavar="RUN", help="run ids")
    add_output_options(parser, ("table", "json"))
    add_history_option(parser)
    parser.add_argument("--config", type=Path, metavar="FILE", help="srm-iac config file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the differences between two runs."""
    from srm_iac.cli.common import emit
    from srm_iac.cli.history import history_config
    from srm_iac.cli.recording import history_path, open_database
    from srm_iac.history.diff import diff_runs
    from srm_iac.history.render_diff import render_json, render_table

    if len(args.runs) > 2:
        raise UsageError("diff compares two runs: give at most two run ids")
    path = history_path(args, history_config(args))
    database = open_database(path, create=False)
    try:
        before, after = _pair(database, args.runs)
    finally:
        database.close()
    result = diff_runs(before, after)
    color = args.format == "table" and args.output is None and sys.stdout.isatty()
    text = render_json(result) if args.format == "json" else render_table(result, color=color)
    emit(text, args.output, [str(path)], ())
    return 1 if result.regressed else 0


def _pair(database: HistoryDatabase, ids: list[int]) -> tuple[RunRecord, RunRecord]:
    if len(ids) < 2:
        latest = [run.run_id for run in database.runs(2)]
        needed = 2 - len(ids)
        if len(latest) < needed or (ids and not latest):
            raise UsageError(
                f"{database.name}: diff needs two recorded runs; record runs with --record"
            )
        ids = [*ids, latest[-1]] if ids else latest
    return _load(database, ids[0]), _load(database, ids[1])


def _load(database: HistoryDatabase, run_id: int) -> RunRecord:
    record = database.load(run_id)
    if record is None:
        raise UsageError(f"{database.name}: no run {run_id} (see `srm-iac history`)")
    return record
