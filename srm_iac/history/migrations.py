"""The history database's schema, as an ordered list of migrations.

The ``schema_migrations`` table lists every migration applied (version, description, time).
Opening a database applies the missing ones in one ``BEGIN IMMEDIATE`` transaction, so two
processes opening an old (or new, empty) database at once upgrade it exactly once: the second
waits for the first, then finds nothing left to do. A database whose version is newer than
the newest migration here was written by a newer srm-iac and is refused, never downgraded.

Migrations are append-only: a released migration is never edited, a change is a new one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from srm_iac.errors import HistoryError


@dataclass(frozen=True)
class Migration:
    """One step of the schema."""

    version: int
    """The schema version after this step (1, 2, ...)."""
    description: str
    """What the step adds."""
    statements: tuple[str, ...]
    """SQL statements, run in order inside the upgrade transaction."""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "runs with per-target results, per-control results and findings",
        (
            """CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                recorded_at TEXT NOT NULL,
                command TEXT NOT NULL,
                tool_version TEXT NOT NULL,
                inputs TEXT NOT NULL,
                workspaces TEXT NOT NULL
            )""",
            """CREATE TABLE target_results (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                workspace TEXT NOT NULL,
                target TEXT NOT NULL,
                total INTEGER NOT NULL,
                compliant INTEGER NOT NULL,
                partial INTEGER NOT NULL,
                gaps INTEGER NOT NULL,
                inherited INTEGER NOT NULL,
                compliance_rate REAL NOT NULL,
                PRIMARY KEY (run_id, workspace, target)
            )""",
            """CREATE TABLE control_results (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                workspace TEXT NOT NULL,
                target TEXT NOT NULL,
                control_id TEXT NOT NULL,
                owner TEXT NOT NULL,
                status TEXT NOT NULL,
                risk TEXT NOT NULL,
                attested INTEGER NOT NULL,
                PRIMARY KEY (run_id, workspace, target, control_id)
            )""",
            """CREATE TABLE findings (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                workspace TEXT NOT NULL,
                check_id TEXT NOT NULL,
                control_id TEXT NOT NULL,
                target TEXT NOT NULL,
                address TEXT NOT NULL,
                status TEXT NOT NULL,
                severity TEXT NOT NULL,
                fingerprint TEXT NOT NULL
            )""",
            "CREATE INDEX findings_by_run ON findings (run_id, workspace, fingerprint)",
        ),
    ),
    Migration(
        2,
        "the AI assets of each run",
        (
            """CREATE TABLE assets (
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                workspace TEXT NOT NULL,
                target TEXT NOT NULL,
                kind TEXT NOT NULL,
                address TEXT NOT NULL,
                resource_type TEXT NOT NULL,
                PRIMARY KEY (run_id, workspace, target, address)
            )""",
            "ALTER TABLE runs ADD COLUMN assets_recorded INTEGER NOT NULL DEFAULT 0",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
"""The schema version this srm-iac writes."""

_BOOKKEEPING = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


def schema_version(connection: sqlite3.Connection) -> int:
    """The highest migration applied (0 for a new database)."""
    row = connection.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(connection: sqlite3.Connection, name: str, applied_at: str) -> int:
    """Bring the database up to ``LATEST_VERSION``; returns the version it was at before.

    ``connection`` must be in autocommit mode (``isolation_level=None``): the upgrade is one
    explicit ``BEGIN IMMEDIATE`` transaction, rolled back entirely when a step fails.
    """
    current = _applied_version(connection)
    if current is not None:
        _refuse_newer(current, name)
        if current == LATEST_VERSION:
            return current  # up to date: no write lock taken
    connection.execute("BEGIN IMMEDIATE")
    try:
        _refuse_foreign(connection, name)
        connection.execute(_BOOKKEEPING)
        before = schema_version(connection)
        _refuse_newer(before, name)
        for migration in MIGRATIONS:
            if migration.version > before:
                _apply(connection, migration, applied_at)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return before


def _applied_version(connection: sqlite3.Connection) -> int | None:
    """The schema version, read without taking a write lock; None before bookkeeping exists."""
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    return schema_version(connection) if found else None


def _refuse_newer(version: int, name: str) -> None:
    if version > LATEST_VERSION:
        raise HistoryError(
            f"{name}: history schema version {version} is newer than this srm-iac "
            f"supports ({LATEST_VERSION})",
            hint="upgrade srm-iac, or give another --history file",
        )


def _apply(connection: sqlite3.Connection, migration: Migration, applied_at: str) -> None:
    for statement in migration.statements:
        connection.execute(statement)
    connection.execute(
        "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
        (migration.version, migration.description, applied_at),
    )


def _refuse_foreign(connection: sqlite3.Connection, name: str) -> None:
    """Never write into an SQLite database that some other program owns."""
    tables = {
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if tables and "schema_migrations" not in tables:
        raise HistoryError(
            f"{name}: an SQLite database that is not an srm-iac history",
            hint="give another --history file",
        )
