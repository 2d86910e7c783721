"""Schema upgrades: a version-1 database written the way srm-iac 1 wrote it keeps its runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from srm_iac.errors import HistoryError
from srm_iac.history.connect import open_history
from srm_iac.history.migrations import LATEST_VERSION, MIGRATIONS, schema_version
from tests.history.factories import asset_row, record

# The version-1 schema, frozen here on purpose: the test must not follow later edits of the
# migrations it checks.
VERSION_1 = (
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)",
    "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at TEXT NOT NULL, "
    "command TEXT NOT NULL, tool_version TEXT NOT NULL, inputs TEXT NOT NULL, "
    "workspaces TEXT NOT NULL)",
    "CREATE TABLE target_results (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, "
    "workspace TEXT NOT NULL, target TEXT NOT NULL, total INTEGER NOT NULL, "
    "compliant INTEGER NOT NULL, partial INTEGER NOT NULL, gaps INTEGER NOT NULL, "
    "inherited INTEGER NOT NULL, compliance_rate REAL NOT NULL, "
    "PRIMARY KEY (run_id, workspace, target))",
    "CREATE TABLE control_results (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, "
    "workspace TEXT NOT NULL, target TEXT NOT NULL, control_id TEXT NOT NULL, "
    "owner TEXT NOT NULL, status TEXT NOT NULL, risk TEXT NOT NULL, attested INTEGER NOT NULL, "
    "PRIMARY KEY (run_id, workspace, target, control_id))",
    "CREATE TABLE findings (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, "
    "workspace TEXT NOT NULL, check_id TEXT NOT NULL, control_id TEXT NOT NULL, "
    "target TEXT NOT NULL, address TEXT NOT NULL, status TEXT NOT NULL, "
    "severity TEXT NOT NULL, fingerprint TEXT NOT NULL)",
    "CREATE INDEX findings_by_run ON findings (run_id, workspace, fingerprint)",
    "INSERT INTO schema_migrations VALUES (1, 'runs', '2026-05-01T00:00:00Z')",
    "INSERT INTO runs (recorded_at, command, tool_version, inputs, workspaces) VALUES "
    "('2026-05-01T09:00:00Z', 'check', '0.0.9', '[\"plan.json\"]', '[\"plan.json\"]')",
    "INSERT INTO target_results VALUES (1, 'plan.json', 'aws_bedrock', 10, 2, 1, 7, 0, 20.0)",
    "INSERT INTO control_results VALUES "
    "(1, 'plan.json', 'aws_bedrock', 'AI-SEC-002', 'customer', 'gap', 'HIGH', 0)",
    "INSERT INTO findings VALUES (1, 'plan.json', 'SRM-AWS-005', 'AI-SEC-002', 'aws_bedrock', "
    "'aws_bedrock_guardrail.g', 'FAIL', 'HIGH', '0123456789abcdef')",
)


def _version_1(path: Path) -> None:
    connection = sqlite3.connect(path)
    for statement in VERSION_1:
        connection.execute(statement)
    connection.commit()
    connection.close()


def test_upgrade_from_version_1_keeps_every_run(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    _version_1(path)
    database = open_history(path, create=False, now="2026-11-28T10:00:00Z")
    old = database.load(1)
    assert old is not None and old.command == "check" and old.inputs == ("plan.json",)
    assert [c.status for c in old.controls] == ["gap"]
    assert [f.fingerprint for f in old.findings] == ["0123456789abcdef"]
    assert old.assets == () and old.assets_recorded is False  # recorded before assets were kept
    new_id = database.record(record(assets=(asset_row("aws_bedrockagent_agent.a"),)))
    assert new_id == 2 and database.load(new_id).assets_recorded  # type: ignore[union-attr]
    database.close()
    with sqlite3.connect(path) as connection:
        applied = connection.execute(
            "SELECT version, applied_at FROM schema_migrations ORDER BY version"
        ).fetchall()
        assert schema_version(connection) == LATEST_VERSION
    assert applied[0] == (1, "2026-05-01T00:00:00Z")
    assert [v for v, _ in applied] == [m.version for m in MIGRATIONS]
    assert all(at == "2026-11-28T10:00:00Z" for _, at in applied[1:])


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    for _ in range(3):
        open_history(path, create=True, now="2026-11-28T10:00:00Z").close()
    with sqlite3.connect(path) as connection:
        count = connection.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
    assert count == len(MIGRATIONS)


def test_a_failing_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from srm_iac.history import migrations

    path = tmp_path / "history.db"
    _version_1(path)
    broken = migrations.Migration(2, "broken", ("CREATE TABLE assets (x TEXT)", "NOT SQL"))
    monkeypatch.setattr(migrations, "MIGRATIONS", (migrations.MIGRATIONS[0], broken))
    monkeypatch.setattr(migrations, "LATEST_VERSION", 2)
    with pytest.raises(HistoryError):
        open_history(path, create=False, now="2026-11-28T10:00:00Z")
    with sqlite3.connect(path) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        assert schema_version(connection) == 1
    assert "assets" not in tables


def test_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    open_history(path, create=True, now="2026-11-28T10:00:00Z").close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
