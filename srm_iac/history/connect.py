"""Open the history database: create it, switch it to WAL mode, bring its schema up to date.

Safe with several writers (two CI jobs recording at once): the database runs in WAL mode
(readers and one writer at a time without blocking each other) and every connection waits up
to ``BUSY_TIMEOUT_SECONDS`` for a lock instead of failing. A file that is not a database, is
corrupted, belongs to another program or was written by a newer srm-iac is refused with one
``HistoryError`` line.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from srm_iac.errors import HistoryError
from srm_iac.history.db import HistoryDatabase, sqlite_reason
from srm_iac.history.migrations import migrate

DEFAULT_HISTORY_PATH = Path(".srm-iac") / "history.db"
"""Where runs are recorded unless ``--history`` or the config says otherwise."""
BUSY_TIMEOUT_SECONDS = 30.0
"""How long a connection waits for another writer before giving up."""


def open_history(path: Path, *, create: bool, now: str) -> HistoryDatabase:
    """Open (creating it when ``create``) and migrate the history database at ``path``.

    ``now`` is the migration timestamp. Raises ``HistoryError`` with one line when the file
    is missing (and not to be created), not a database, corrupted or written by a newer
    srm-iac.
    """
    name = str(path)
    if not create and not path.is_file():
        raise HistoryError(
            f"{name}: no history recorded yet",
            hint="record runs with `srm-iac check|audit|inventory --record`",
        )
    if path.exists() and not path.is_file():
        raise HistoryError(f"{name}: not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise HistoryError(f"{name}: cannot open ({sqlite_reason(exc)})") from None
    try:
        _use_wal(connection)
        connection.execute("PRAGMA foreign_keys=ON")
        migrate(connection, name, now)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        connection.close()
        raise HistoryError(f"{name}: {sqlite_reason(exc)}") from None
    except BaseException:
        connection.close()
        raise
    return HistoryDatabase(connection, name)


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL mode (kept in the file). SQLite answers "locked" at once, without waiting,
    when two connections switch a new database at the same moment, so retry until the busy
    timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01 + random.random() * 0.05)  # noqa: S311 - jitter, not security
