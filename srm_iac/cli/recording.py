"""``--record`` and ``--history``: store a run in the history database (check, audit, inventory)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from srm_iac.errors import UsageError

if TYPE_CHECKING:
    from srm_iac.config import RunConfig
    from srm_iac.history.db import HistoryDatabase
    from srm_iac.history.records import WorkspaceRun
    from srm_iac.model.report import Report
    from srm_iac.model.trend import TrendPoint


def add_history_option(parser: argparse.ArgumentParser) -> None:
    """``--history FILE``: the history database to use."""
    parser.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help="history database (default: history: in the config, else .srm-iac/history.db)",
    )


def add_record_options(parser: argparse.ArgumentParser) -> None:
    """``--record`` and ``--history FILE``."""
    parser.add_argument(
        "--record",
        action="store_true",
        help="store this run in the history database (see `srm-iac history` and `diff`)",
    )
    add_history_option(parser)


def history_path(args: argparse.Namespace, config: RunConfig) -> Path:
    """``--history``, else ``history:`` in the config, else ``.srm-iac/history.db``."""
    from srm_iac.history.connect import DEFAULT_HISTORY_PATH

    given: Path | None = getattr(args, "history", None)
    return given or config.history_path or DEFAULT_HISTORY_PATH


def open_database(path: Path, *, create: bool) -> HistoryDatabase:
    """Open the history at ``path`` (migrating it), timestamped by the clock."""
    from srm_iac.clock import now, timestamp
    from srm_iac.history.connect import open_history

    return open_history(path, create=create, now=timestamp(now()))


def check_record_options(args: argparse.Namespace) -> None:
    """``--history`` without ``--record`` would silently do nothing (unless html draws its
    trend from it): refuse it."""
    if getattr(args, "history", None) is None or args.record:
        return
    if getattr(args, "format", None) != "html":
        raise UsageError(
            "--history names where --record stores the run (and where --format html reads "
            "its trend): add --record"
        )


def html_trend(
    args: argparse.Namespace, config: RunConfig, workspace: str, report: Report
) -> tuple[TrendPoint, ...]:
    """The trend the html format draws: this workspace's recorded runs and this one.

    Read only when ``--record`` or ``--history`` asks for the history; empty otherwise.
    """
    if getattr(args, "format", None) != "html" or not (args.record or args.history):
        return ()
    from srm_iac.clock import today
    from srm_iac.history.trend import trend_points

    path = history_path(args, config)
    rates = []
    if path.is_file():
        database = open_database(path, create=False)
        try:
            rates = database.workspace_rates(workspace)
        finally:
            database.close()
    return trend_points(rates, report, today())


def record_run(
    args: argparse.Namespace,
    config: RunConfig,
    command: str,
    inputs: Sequence[str],
    workspaces: Sequence[WorkspaceRun],
) -> None:
    """Store the run when ``--record`` was given; say where on standard error."""
    if not args.record:
        return
    from srm_iac import __version__
    from srm_iac.clock import now, timestamp
    from srm_iac.history.records import run_record

    path = history_path(args, config)
    record = run_record(command, inputs, workspaces, timestamp(now()), __version__)
    database = open_database(path, create=True)
    try:
        run_id = database.record(record)
    finally:
        database.close()
    print(f"srm-iac: recorded run {run_id} in {path}", file=sys.stderr)
