"""History databases for the fuzzer: a real one, changed through SQL and in its bytes.

SQL changes put what the schema's types do not stop into the tables (SQLite stores text in
an INTEGER column when it does not look like a number): text where counts are, huge and
negative numbers, blobs, JSON that is not a list, escape sequences in names; they also
delete rows, drop tables and claim a newer schema version. Byte changes truncate the file or
flip bytes in its pages, as a crashed disk or a hostile artifact would.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from srm_iac.history.connect import open_history
from tests.history.factories import asset_row, failing, gap, record
from tests.robustness.mutations import byte_mutation

NOW = "2026-11-28T10:00:00Z"

COLUMNS = {
    "runs": ("recorded_at", "command", "tool_version", "inputs", "workspaces"),
    "target_results": (
        "workspace",
        "target",
        "total",
        "compliant",
        "partial",
        "gaps",
        "inherited",
        "compliance_rate",
    ),
    "control_results": ("workspace", "target", "control_id", "owner", "status", "risk", "attested"),
    "findings": ("workspace", "check_id", "address", "status", "severity", "fingerprint"),
    "assets": ("workspace", "target", "kind", "address", "resource_type"),
}
VALUES: tuple[object, ...] = (
    "",
    "abc",
    "x" * 100_000,
    -1,
    0,
    2**63 - 1,
    -(2**63),
    1e308,
    -0.5,
    b"\x00\xff\xfe",
    "not json",
    '{"a": 1}',
    "[1, [2]]",
    "\x1b[2J\u202e",
    "GAP",
    "FAIL",
    "aws_bedrock",
)
STATEMENTS = (
    "DELETE FROM target_results",
    "DELETE FROM runs WHERE id = (SELECT MIN(id) FROM runs)",
    "DROP TABLE findings",
    "DROP TABLE schema_migrations",
    "UPDATE schema_migrations SET version = 999",
    "INSERT INTO schema_migrations (version, description, applied_at) VALUES (-1, 'x', 'y')",
    "PRAGMA user_version = 77",
    "CREATE TABLE extra (x)",
)


@cache
def seed_database() -> bytes:
    """A history of three runs with targets, controls, findings and assets."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "history.db"
        database = open_history(path, create=True, now=NOW)
        for day, compliant in ((26, 3), (27, 4), (28, 6)):
            database.record(
                record(
                    when=f"2026-11-{day}T10:00:00Z",
                    compliant=compliant,
                    controls=(gap("AI-SEC-002"), gap("AI-SEC-003", "compliant")),
                    findings=(failing("SRM-AWS-005", f"aws_bedrock_guardrail.g{day}"),),
                    assets=(asset_row("aws_bedrockagent_agent.a"),),
                )
            )
        database.close()
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.close()
        return path.read_bytes()


@dataclass(frozen=True)
class HistoryCase:
    """SQL to run on the seed database, then a change to its bytes."""

    sql: tuple[tuple[str, tuple[object, ...]], ...]
    """Statements with parameters."""
    damage: bytes | None
    """The file's bytes after a byte-level change, or None to keep them."""


@st.composite
def history_cases(draw: st.DrawFn) -> HistoryCase:
    """Hostile values in random cells, dropped tables, newer versions, damaged pages."""
    sql: list[tuple[str, tuple[object, ...]]] = []
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.integers(0, 4)) == 0:
            sql.append((draw(st.sampled_from(STATEMENTS)), ()))
            continue
        table = draw(st.sampled_from(sorted(COLUMNS)))
        column = draw(st.sampled_from(COLUMNS[table]))
        value = draw(st.sampled_from(VALUES))
        sql.append(
            (
                f"UPDATE {table} SET {column} = ? WHERE rowid % 2 = ?",
                (value, draw(st.integers(0, 1))),
            )
        )
    damage = None
    if draw(st.integers(0, 3)) == 0:
        damage = draw(byte_mutation(seed_database()))
    return HistoryCase(tuple(sql), damage)


def write_case(case: HistoryCase, path: Path) -> None:
    """Build the database of ``case`` at ``path`` (replacing what was there)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(seed_database())
    connection = sqlite3.connect(path)
    for statement, parameters in case.sql:
        try:
            connection.execute(statement, parameters)
            connection.commit()
        except sqlite3.Error:
            connection.rollback()
    connection.close()
    if case.damage is not None:
        path.write_bytes(case.damage)
