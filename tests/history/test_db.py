"""The history database: round trips, listing, trends, and files it must refuse."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from srm_iac.errors import HistoryError
from srm_iac.history.connect import open_history
from srm_iac.history.db import HistoryDatabase
from srm_iac.history.migrations import LATEST_VERSION
from tests.history.factories import WS, asset_row, failing, gap, record

NOW = "2026-11-28T10:00:00Z"


def _open(path: Path, create: bool = True) -> HistoryDatabase:
    return open_history(path, create=create, now=NOW)


def test_record_and_load_round_trip(tmp_path: Path) -> None:
    database = _open(tmp_path / "h" / "history.db")
    run = record(
        controls=(gap("AI-SEC-002"), gap("AI-SEC-003", "compliant")),
        findings=(failing("SRM-AWS-005", "aws_bedrock_guardrail.g"),),
        assets=(asset_row("aws_bedrockagent_agent.a"),),
    )
    run_id = database.record(run)
    loaded = database.load(run_id)
    database.close()
    assert loaded == dataclasses.replace(run, run_id=run_id)
    assert (tmp_path / "h" / "history.db").is_file()


def test_runs_oldest_first_and_limit(tmp_path: Path) -> None:
    database = _open(tmp_path / "history.db")
    ids = [database.record(record(when=f"2026-11-2{n}T10:00:00Z")) for n in range(5)]
    assert [r.run_id for r in database.runs()] == ids
    assert [r.run_id for r in database.runs(2)] == ids[-2:]
    assert database.runs(1)[0].inputs == (WS,)
    assert database.load(999) is None


def test_trends_sum_workspaces(tmp_path: Path) -> None:
    database = _open(tmp_path / "history.db")
    run_id = database.record(record(workspaces=("a", "b"), compliant=3))
    (trend,) = database.trends([run_id])
    assert (trend.compliant, trend.required, trend.gaps, trend.workspaces) == (6, 20, 10, 2)
    assert trend.compliance_rate == 30.0
    assert database.trends([]) == []


def test_reading_a_missing_history_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="no history recorded yet"):
        _open(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.parametrize(
    "content", [b"this is not a database at all" * 200, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_corrupted_file_is_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(content)
    with pytest.raises(HistoryError) as raised:
        _open(path)
    message = raised.value.diagnostics()
    assert str(path) in message and "\n" not in message


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    _open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO schema_migrations VALUES (?, 'from the future', ?)",
            (LATEST_VERSION + 1, NOW),
        )
    with pytest.raises(HistoryError, match=f"schema version {LATEST_VERSION + 1} is newer"):
        _open(path)


def test_someone_elses_sqlite_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE users (name TEXT)")
    with pytest.raises(HistoryError, match="not an srm-iac history"):
        _open(path)
    with sqlite3.connect(path) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"users"}


def test_a_directory_is_not_a_history(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="not a file"):
        _open(tmp_path)
