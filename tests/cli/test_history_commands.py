"""``--record``, ``srm-iac history`` and ``srm-iac diff``: the quarterly loop end to end."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

from srm_iac.history.migrations import LATEST_VERSION
from tests.cli.helpers import Run, run_cli
from tests.conftest import REPO
from tests.factories import change, plan_document

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
EXAMPLES = REPO / "examples/terraform"
CANARY = "canary-history-9d3c"


@pytest.fixture
def estate(tmp_path: Path, monkeypatch: Patch) -> Path:
    """A working directory whose infra/chat starts as the insecure Bedrock example."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "bedrock-insecure", tmp_path / "infra/chat")
    return tmp_path


def _cli(capsys: Capsys, monkeypatch: Patch, *argv: str, now: str = "") -> Run:
    if now:
        monkeypatch.setenv("SRM_IAC_NOW", now)
    return run_cli(capsys, monkeypatch, *argv)


def _quarter(capsys: Capsys, monkeypatch: Patch, estate: Path) -> None:
    """Q3: record the insecure estate; Q4: the team hardened it; record again."""
    first = _cli(capsys, monkeypatch, "inventory", "infra", "--record", now="2026-08-28T09:00:00Z")
    assert first.code == 0 and "recorded run 1 in .srm-iac/history.db" in first.err
    shutil.rmtree(estate / "infra/chat")
    shutil.copytree(EXAMPLES / "bedrock-hardened", estate / "infra/chat")
    second = _cli(capsys, monkeypatch, "inventory", "infra", "--record", now="2026-11-28T09:00:00Z")
    assert second.code == 0 and "recorded run 2" in second.err


def test_history_shows_the_rate_per_target_over_time(
    capsys: Capsys, monkeypatch: Patch, estate: Path
) -> None:
    _quarter(capsys, monkeypatch, estate)
    run = _cli(capsys, monkeypatch, "history", "-f", "json")
    document = json.loads(run.out)
    assert run.code == 0 and document["kind"] == "srm-iac-history"
    runs = document["runs"]
    assert [r["recorded_at"] for r in runs] == ["2026-08-28T09:00:00Z", "2026-11-28T09:00:00Z"]
    assert [r["targets"]["aws_bedrock"]["compliance_rate"] for r in runs] == [0.0, 40.0]
    assert runs[0]["command"] == "inventory" and runs[0]["inputs"] == ["infra"]
    table = _cli(capsys, monkeypatch, "history").out
    assert "aws_bedrock" in table and "40.0% +" in table and "2026-11-28 09:00:00" in table
    limited = json.loads(_cli(capsys, monkeypatch, "history", "-n", "1", "-f", "json").out)
    assert [r["id"] for r in limited["runs"]] == [2]


def test_diff_of_the_last_two_runs(capsys: Capsys, monkeypatch: Patch, estate: Path) -> None:
    _quarter(capsys, monkeypatch, estate)
    run = _cli(capsys, monkeypatch, "diff", "-f", "json")
    assert run.code == 0, run.err  # hardening: nothing new, so exit 0
    document = json.loads(run.out)
    assert (document["before"]["id"], document["after"]["id"]) == (1, 2)
    assert document["compliance_rate"]["aws_bedrock"] == {"before": 0.0, "after": 40.0}
    assert document["new_gaps"] == [] and len(document["closed_gaps"]) == 8
    assert {a["address"] for a in document["removed_assets"]} >= {"aws_bedrockagent_agent.faq"}
    assert {a["address"] for a in document["new_assets"]} == {"aws_bedrock_guardrail.support"}
    fixed = {(f["check_id"], f["address"]): f["status_now"] for f in document["fixed_failures"]}
    assert fixed[("SRM-AWS-004", "aws_bedrockagent_agent.faq")] == "absent"
    assert "PASS" in fixed.values()
    table = _cli(capsys, monkeypatch, "diff").out
    for heading in ("New gaps: none", "Closed gaps (8)", "New assets (1)", "Removed assets"):
        assert heading in table


def test_diff_backwards_is_a_regression_and_exits_1(
    capsys: Capsys, monkeypatch: Patch, estate: Path
) -> None:
    _quarter(capsys, monkeypatch, estate)
    run = _cli(capsys, monkeypatch, "diff", "2", "1")
    assert run.code == 1 and "New gaps (8)" in run.out and "New failing findings" in run.out
    one = _cli(capsys, monkeypatch, "diff", "1", "-f", "json")
    assert (json.loads(one.out)["before"]["id"], json.loads(one.out)["after"]["id"]) == (1, 2)


def test_check_and_audit_record_too(capsys: Capsys, monkeypatch: Patch, estate: Path) -> None:
    check = _cli(capsys, monkeypatch, "check", "infra/chat/plan.json", "--record", "-f", "json")
    audit = _cli(capsys, monkeypatch, "audit", "-t", "self_hosted", "--record", "-f", "json")
    assert (check.code, audit.code) == (1, 1)
    runs = json.loads(_cli(capsys, monkeypatch, "history", "-f", "json").out)["runs"]
    assert [(r["command"], r["inputs"]) for r in runs] == [
        ("check", ["infra/chat/plan.json"]),
        ("audit", ["self_hosted"]),
    ]
    assert set(runs[1]["targets"]) == {"self_hosted"}
    only = json.loads(_cli(capsys, monkeypatch, "history", "-t", "self_hosted", "-f", "json").out)
    assert [set(r["targets"]) for r in only["runs"]] == [set(), {"self_hosted"}]
    diff = _cli(capsys, monkeypatch, "diff")
    assert diff.code == 0 and "not compared" in diff.out


def test_history_path_from_option_and_config(
    capsys: Capsys, monkeypatch: Patch, estate: Path
) -> None:
    _cli(capsys, monkeypatch, "check", "infra/chat", "--record", "--history", "h/one.db")
    assert (estate / "h/one.db").is_file()
    config = estate / "conf/srm-iac.yaml"
    config.parent.mkdir()
    config.write_text(yaml.safe_dump({"schema_version": 1, "history": "db/history.db"}))
    _cli(capsys, monkeypatch, "check", "infra/chat", "--record", "--config", str(config))
    assert (estate / "conf/db/history.db").is_file()
    run = _cli(capsys, monkeypatch, "history", "--config", str(config), "-f", "json")
    assert len(json.loads(run.out)["runs"]) == 1


def test_history_without_record_is_a_usage_error(
    capsys: Capsys, monkeypatch: Patch, estate: Path
) -> None:
    run = _cli(capsys, monkeypatch, "check", "infra/chat", "--history", "h.db")
    assert run.code == 2 and "add --record" in run.err and not (estate / "h.db").exists()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("history",), "no history recorded yet"),
        (("diff",), "no history recorded yet"),
    ],
)
def test_no_history_yet(
    capsys: Capsys, monkeypatch: Patch, estate: Path, argv: tuple[str, ...], expected: str
) -> None:
    run = _cli(capsys, monkeypatch, *argv)
    assert run.code == 2 and expected in run.err and run.err.count("\n") == 1


def test_diff_needs_two_runs_and_known_ids(
    capsys: Capsys, monkeypatch: Patch, estate: Path
) -> None:
    _cli(capsys, monkeypatch, "check", "infra/chat", "--record")
    assert "needs two recorded runs" in _cli(capsys, monkeypatch, "diff").err
    _cli(capsys, monkeypatch, "check", "infra/chat", "--record")
    run = _cli(capsys, monkeypatch, "diff", "1", "7")
    assert run.code == 2 and "no run 7" in run.err
    assert _cli(capsys, monkeypatch, "diff", "1", "2", "3").code == 2
    with pytest.raises(SystemExit) as raised:  # argparse refuses it before the command runs
        _cli(capsys, monkeypatch, "diff", "0")
    assert raised.value.code == 2 and "0 is not at least 1" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["history", "diff", "record"])
def test_corrupted_history_is_one_line_and_exit_2(
    capsys: Capsys, monkeypatch: Patch, estate: Path, command: str
) -> None:
    path = estate / ".srm-iac/history.db"
    path.parent.mkdir()
    path.write_bytes(b"garbage, not SQLite" * 100)
    argv = ("check", "infra/chat", "--record") if command == "record" else (command,)
    run = _cli(capsys, monkeypatch, *argv)
    assert run.code == 2 and "not a readable srm-iac history database" in run.err
    assert run.err.count("\n") == 1 and "Traceback" not in run.err


def test_newer_history_is_refused(capsys: Capsys, monkeypatch: Patch, estate: Path) -> None:
    _cli(capsys, monkeypatch, "check", "infra/chat", "--record")
    with sqlite3.connect(estate / ".srm-iac/history.db") as connection:
        connection.execute(
            "INSERT INTO schema_migrations VALUES (?, 'future', '2030-01-01T00:00:00Z')",
            (LATEST_VERSION + 5,),
        )
    for argv in (("history",), ("check", "infra/chat", "--record")):
        run = _cli(capsys, monkeypatch, *argv)
        assert run.code == 2 and "is newer than this srm-iac supports" in run.err


def test_bad_clock_variable_is_exit_2(capsys: Capsys, monkeypatch: Patch, estate: Path) -> None:
    run = _cli(capsys, monkeypatch, "check", "infra/chat", "--record", now="yesterday")
    assert run.code == 2 and "SRM_IAC_NOW" in run.err


def test_no_sensitive_value_is_ever_stored(
    capsys: Capsys, monkeypatch: Patch, estate: Path
) -> None:
    plan = estate / "secret/plan.json"
    plan.parent.mkdir()
    plan.write_text(
        json.dumps(
            plan_document(
                change(
                    "aws_bedrockagent_agent",
                    "agent",
                    after={"agent_name": CANARY, "foundation_model": CANARY, "instruction": CANARY},
                    after_sensitive={
                        "agent_name": True,
                        "foundation_model": True,
                        "instruction": True,
                    },
                ),
                change(
                    "aws_bedrock_guardrail",
                    "g",
                    after={"name": "g", "blocked_input_messaging": CANARY},
                    after_sensitive={"blocked_input_messaging": True},
                ),
                variables={"token": {"value": CANARY}},
            )
        )
    )
    for argv in (("check", "secret/plan.json"), ("inventory", "secret")):
        assert _cli(capsys, monkeypatch, *argv, "--record").code in (0, 1)
    stored = b"".join(p.read_bytes() for p in (estate / ".srm-iac").iterdir())
    assert stored and CANARY.encode() not in stored
    with sqlite3.connect(estate / ".srm-iac/history.db") as connection:
        dump = "\n".join(connection.iterdump())
    assert CANARY not in dump and "aws_bedrockagent_agent.agent" in dump


def test_html_report_draws_the_trend_of_its_workspace(
    capsys: Capsys, monkeypatch: Patch, estate: Path
) -> None:
    _cli(capsys, monkeypatch, "check", "infra/chat", "--record", now="2026-08-28T09:00:00Z")
    shutil.rmtree(estate / "infra/chat")
    shutil.copytree(EXAMPLES / "bedrock-hardened", estate / "infra/chat")
    monkeypatch.setenv("SRM_IAC_TODAY", "2026-11-28")
    run = _cli(
        capsys, monkeypatch, "check", "infra/chat", "-f", "html", "--history", ".srm-iac/history.db"
    )
    assert run.code == 0, run.err
    assert "Compliance trend" in run.out
    assert "2026-08-28 0.0%" in run.out and "2026-11-28 40.0%" in run.out
    plain = _cli(capsys, monkeypatch, "check", "infra/chat", "-f", "html")
    assert "Compliance trend" not in plain.out  # no history asked for: no trend
    audit = _cli(capsys, monkeypatch, "audit", "-t", "aws_bedrock", "-f", "html", "--record")
    assert audit.code == 1 and "Compliance trend" in audit.out
