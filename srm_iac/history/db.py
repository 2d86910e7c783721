"""The history database (SQLite, stdlib ``sqlite3``): store runs, list them, load one.

A run is written in one ``BEGIN IMMEDIATE`` transaction, so readers never see half a run and
two writers never interleave (see ``srm_iac.history.connect`` for WAL mode and the busy
timeout). Any SQLite problem (corrupted, locked for too long, read-only) becomes one
``HistoryError`` line naming the file.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from srm_iac.errors import HistoryError
from srm_iac.history.records import AssetRow, ControlRow, FindingRow, RunRecord, TargetRow
from srm_iac.model.enums import ControlStatus, Status


@dataclass(frozen=True, slots=True)
class RunSummary:
    """A recorded run, without its rows."""

    run_id: int
    """Id (increasing in recording order)."""
    recorded_at: str
    """UTC time of the run."""
    command: str
    """``check``, ``audit`` or ``inventory``."""
    tool_version: str
    """srm-iac version."""
    inputs: tuple[str, ...]
    """Input names."""


@dataclass(frozen=True, slots=True)
class TargetTrend:
    """A target's results in one run, summed over the run's workspaces."""

    run_id: int
    """The run."""
    target: str
    """Target id."""
    compliant: int
    """Compliant controls."""
    required: int
    """Controls the customer must implement (not inherited)."""
    gaps: int
    """Gap controls."""
    workspaces: int
    """Workspaces in which the target was audited."""

    @property
    def compliance_rate(self) -> float:
        """Compliant over required, percent (100 when nothing is required)."""
        return 100.0 if self.required == 0 else round(100.0 * self.compliant / self.required, 1)


@dataclass(frozen=True, slots=True)
class WorkspaceRate:
    """A target's result in one workspace of one run."""

    recorded_at: str
    """UTC time of the run."""
    target: str
    """Target id."""
    compliant: int
    """Compliant controls."""
    required: int
    """Controls the customer must implement."""


class HistoryDatabase:
    """An open history database, migrated to the current schema."""

    def __init__(self, connection: sqlite3.Connection, name: str) -> None:
        self._connection = connection
        self.name = name
        """The file, as named to the user."""

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()

    def record(self, run: RunRecord) -> int:
        """Store ``run`` in one transaction; returns its id."""
        with self._errors(), self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO runs (recorded_at, command, tool_version, inputs, workspaces, "
                "assets_recorded) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    run.recorded_at,
                    run.command,
                    run.tool_version,
                    json.dumps(list(run.inputs)),
                    json.dumps(list(run.workspaces)),
                    int(run.assets_recorded),
                ),
            )
            run_id = int(cursor.lastrowid or 0)
            _insert_rows(db, run_id, run)
        return run_id

    def runs(self, limit: int | None = None) -> list[RunSummary]:
        """Recorded runs, oldest first; the last ``limit`` only when given."""
        query = "SELECT id, recorded_at, command, tool_version, inputs FROM runs ORDER BY id DESC"
        params: tuple[int, ...] = ()
        if limit is not None:
            query += " LIMIT ?"
            params = (limit,)
        with self._errors():
            rows = self._connection.execute(query, params).fetchall()
        return [_summary(row) for row in reversed(rows)]

    def trends(self, run_ids: list[int]) -> list[TargetTrend]:
        """Per run and target, the counts summed over workspaces."""
        if not run_ids:
            return []
        marks = ",".join("?" for _ in run_ids)
        with self._errors():
            rows = self._connection.execute(
                "SELECT run_id, target, SUM(compliant), SUM(total - inherited), SUM(gaps), "
                f"COUNT(*) FROM target_results WHERE run_id IN ({marks}) "
                "GROUP BY run_id, target ORDER BY run_id, target",
                run_ids,
            ).fetchall()
        return [TargetTrend(*row) for row in rows]

    def workspace_rates(self, workspace: str) -> list[WorkspaceRate]:
        """Per run (oldest first) and target, the results of one workspace."""
        with self._errors():
            rows = self._connection.execute(
                "SELECT r.recorded_at, t.target, t.compliant, t.total - t.inherited "
                "FROM target_results t JOIN runs r ON r.id = t.run_id "
                "WHERE t.workspace = ? ORDER BY r.id, t.target",
                (workspace,),
            ).fetchall()
            for row in rows:
                _require(row, _RATE_TYPES, "target_results")
                _require_date(row[0])
        return [WorkspaceRate(*row) for row in rows]

    def load(self, run_id: int) -> RunRecord | None:
        """The run with this id, or None."""
        with self._errors():
            db = self._connection
            row = db.execute(
                "SELECT id, recorded_at, command, tool_version, inputs, assets_recorded, "
                "workspaces FROM runs WHERE id = ?",
                (run_id,),
            ).fetchone()
            if row is None:
                return None
            summary = _summary(row[:5])
            return RunRecord(
                recorded_at=summary.recorded_at,
                command=summary.command,
                tool_version=summary.tool_version,
                inputs=summary.inputs,
                workspaces=_names(row[6]),
                targets=tuple(TargetRow(*r) for r in _rows(db, "target_results", run_id)),
                controls=tuple(
                    ControlRow(w, t, c, o, s, r, bool(a))
                    for w, t, c, o, s, r, a in _rows(db, "control_results", run_id)
                ),
                findings=tuple(FindingRow(*r) for r in _rows(db, "findings", run_id)),
                assets=tuple(AssetRow(*r) for r in _rows(db, "assets", run_id)),
                assets_recorded=bool(row[5]),
                run_id=summary.run_id,
            )

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connection
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            # a damaged page can hold text that is not UTF-8: sqlite3 fails decoding it
            raise HistoryError(f"{self.name}: {sqlite_reason(exc)}") from None


_COLUMNS = {
    "target_results": "workspace, target, total, compliant, partial, gaps, inherited, "
    "compliance_rate",
    "control_results": "workspace, target, control_id, owner, status, risk, attested",
    "findings": "workspace, check_id, control_id, target, address, status, severity, fingerprint",
    "assets": "workspace, target, kind, address, resource_type",
}


_TEXT, _NUMBER = (str,), (int, float)
_TYPES: dict[str, tuple[tuple[type, ...], ...]] = {
    "target_results": (_TEXT, _TEXT, (int,), (int,), (int,), (int,), (int,), _NUMBER),
    "control_results": (_TEXT, _TEXT, _TEXT, _TEXT, _TEXT, _TEXT, (int,)),
    "findings": (_TEXT,) * 8,
    "assets": (_TEXT,) * 5,
}
"""What each column of a stored row must hold; SQLite itself stores anything anywhere."""
_RATE_TYPES = (_TEXT, _TEXT, _NUMBER, _NUMBER)
_CHOICES: dict[tuple[str, int], frozenset[str]] = {
    ("findings", 5): frozenset(status.value for status in Status),
    ("control_results", 4): frozenset(status.value for status in ControlStatus),
}
"""Columns holding an enumeration's values, by table and position."""


def _rows(db: sqlite3.Connection, table: str, run_id: int) -> list[tuple[Any, ...]]:
    columns = _COLUMNS[table]
    rows: list[tuple[Any, ...]] = db.execute(
        f"SELECT {columns} FROM {table} WHERE run_id = ? ORDER BY {columns}", (run_id,)
    ).fetchall()
    for row in rows:
        _require(row, _TYPES[table], table)
        for (name, position), allowed in _CHOICES.items():
            if name == table and row[position] not in allowed:
                raise sqlite3.DatabaseError(f"malformed {table} row (unknown value)")
    return rows


def _require(row: tuple[Any, ...], types: tuple[tuple[type, ...], ...], table: str) -> None:
    """A damaged or foreign database: a value of the wrong type is refused, never used."""
    if len(row) != len(types) or not all(
        isinstance(value, kinds) for value, kinds in zip(row, types, strict=False)
    ):
        raise sqlite3.DatabaseError(f"malformed {table} row (a value of the wrong type)")


def _require_date(recorded_at: str) -> None:
    try:
        dt.date.fromisoformat(recorded_at[:10])
    except ValueError:
        raise sqlite3.DatabaseError("malformed runs row (recorded_at is not a date)") from None


def _insert_rows(db: sqlite3.Connection, run_id: int, run: RunRecord) -> None:
    tables: dict[str, list[tuple[object, ...]]] = {
        "target_results": [
            (
                t.workspace,
                t.target,
                t.total,
                t.compliant,
                t.partial,
                t.gaps,
                t.inherited,
                t.compliance_rate,
            )
            for t in run.targets
        ],
        "control_results": [
            (c.workspace, c.target, c.control_id, c.owner, c.status, c.risk, int(c.attested))
            for c in run.controls
        ],
        "findings": [
            (
                f.workspace,
                f.check_id,
                f.control_id,
                f.target,
                f.address,
                f.status,
                f.severity,
                f.fingerprint,
            )
            for f in run.findings
        ],
        "assets": [(a.workspace, a.target, a.kind, a.address, a.resource_type) for a in run.assets],
    }
    for table, rows in tables.items():
        columns = _COLUMNS[table]
        marks = ", ".join("?" for _ in range(columns.count(",") + 2))
        db.executemany(
            f"INSERT INTO {table} (run_id, {columns}) VALUES ({marks})",
            [(run_id, *row) for row in rows],
        )


def _summary(row: tuple[Any, ...]) -> RunSummary:
    run_id, recorded_at, command, tool_version, inputs = row
    return RunSummary(
        run_id=int(run_id),
        recorded_at=str(recorded_at),
        command=str(command),
        tool_version=str(tool_version),
        inputs=_names(inputs),
    )


def _names(text: Any) -> tuple[str, ...]:
    """A JSON list of names as stored in ``runs``."""
    try:
        names = json.loads(str(text))
    except ValueError:
        return ()
    return tuple(str(n) for n in names) if isinstance(names, list) else ()


def sqlite_reason(exc: BaseException) -> str:
    """One line for an SQLite error, naming a damaged file as such."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, UnicodeDecodeError):
        text = "malformed text (not UTF-8)"
    if "not a database" in text or "malformed" in text:
        return f"not a readable srm-iac history database ({text})"
    return text
