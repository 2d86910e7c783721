"""Two processes recording into one history at the same moment: no lost or torn runs."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from multiprocessing.synchronize import Barrier
from pathlib import Path

from srm_iac.history.connect import open_history
from tests.conftest import REPO
from tests.history.factories import asset_row, failing, gap, record

RUNS_PER_WRITER = 25
NOW = "2026-11-28T10:00:00Z"


def _writer(path: str, name: str, barrier: Barrier) -> None:
    """Open (and, the first time, create and migrate) the database for every single run."""
    barrier.wait()
    for n in range(RUNS_PER_WRITER):
        database = open_history(Path(path), create=True, now=NOW)
        try:
            database.record(
                record(
                    workspaces=(f"{name}-{n}",),
                    controls=tuple(
                        gap(f"AI-SEC-{c:03d}", workspace=f"{name}-{n}") for c in range(1, 11)
                    ),
                    findings=tuple(
                        failing(f"SRM-AWS-{c:03d}", f"aws_x.{name}", workspace=f"{name}-{n}")
                        for c in range(1, 21)
                    ),
                    assets=(asset_row(f"aws_bedrockagent_agent.{name}", workspace=f"{name}-{n}"),),
                )
            )
        finally:
            database.close()


def test_two_writers_at_once(tmp_path: Path) -> None:
    path = tmp_path / ".srm-iac" / "history.db"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    writers = [
        context.Process(target=_writer, args=(str(path), name, barrier)) for name in ("a", "b")
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
    assert [process.exitcode for process in writers] == [0, 0]
    database = open_history(path, create=False, now=NOW)
    try:
        runs = database.runs()
        assert [r.run_id for r in runs] == list(range(1, 2 * RUNS_PER_WRITER + 1))
        for run in runs:
            loaded = database.load(run.run_id)
            assert loaded is not None
            (workspace,) = loaded.workspaces
            assert len(loaded.controls) == 10 and len(loaded.findings) == 20
            assert {row.workspace for row in (*loaded.controls, *loaded.findings)} == {workspace}
            assert len(loaded.assets) == 1 and len(loaded.targets) == 1
        names = {r.inputs[0] for r in runs}
        assert len(names) == 2 * RUNS_PER_WRITER
    finally:
        database.close()


def test_two_cli_runs_recording_at_once(tmp_path: Path) -> None:
    plan = REPO / "examples/terraform/bedrock-insecure/plan.json"
    history = tmp_path / "history.db"
    env = {**os.environ, "SRM_IAC_NOW": "2026-11-28T10:00:00Z"}
    command = [sys.executable, "-m", "srm_iac", "check", str(plan), "-f", "json", "--record"]
    processes = [
        subprocess.Popen(
            [*command, "--history", str(history)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(2)
    ]
    errors = [process.communicate(timeout=120)[1].decode() for process in processes]
    assert [process.returncode for process in processes] == [1, 1], errors
    database = open_history(history, create=False, now=NOW)
    try:
        runs = database.runs()
        assert [r.run_id for r in runs] == [1, 2]
        first, second = (database.load(r.run_id) for r in runs)
        assert first is not None and second is not None
        assert first.findings == second.findings and first.assets == second.assets
    finally:
        database.close()
