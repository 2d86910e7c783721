"""``check --write-baseline`` and ``check --baseline``: only new findings count."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run_cli
from tests.conftest import REPO

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
PLAN = REPO / "examples/terraform/bedrock-insecure/plan.json"


def _with_second_weak_guardrail(tmp_path: Path) -> Path:
    """The insecure example plus one more guardrail like ``weak``: three new failures."""
    document: dict[str, Any] = json.loads(PLAN.read_text())
    for section in (
        document["resource_changes"],
        document["planned_values"]["root_module"]["resources"],
    ):
        weak = next(r for r in section if r["address"] == "aws_bedrock_guardrail.weak")
        clone = copy.deepcopy(weak)
        clone["address"], clone["name"] = "aws_bedrock_guardrail.weak2", "weak2"
        section.append(clone)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document))
    return path


@pytest.fixture
def baseline(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> Path:
    path = tmp_path / "baseline.json"
    run = run_cli(capsys, monkeypatch, "check", str(PLAN), "--write-baseline", str(path))
    assert run.code == 0 and "wrote" in run.err  # everything is accepted now
    return path


def test_baseline_file_lists_problems_by_fingerprint(baseline: Path) -> None:
    document = json.loads(baseline.read_text())
    assert document["kind"] == "srm-iac-baseline" and document["schema_version"] == 1
    entries = document["findings"]
    assert entries and {e["status"] for e in entries} <= {"FAIL", "UNKNOWN", "NOT_EVIDENCED"}
    assert set(entries[0]) == {"fingerprint", "check_id", "target", "address", "status"}
    assert entries == sorted(entries, key=lambda e: (e["fingerprint"], e["status"]))


def test_same_input_with_its_baseline_passes(
    capsys: Capsys, monkeypatch: Patch, baseline: Path
) -> None:
    assert run_cli(capsys, monkeypatch, "check", str(PLAN)).code == 1
    run = run_cli(
        capsys, monkeypatch, "check", str(PLAN), "--baseline", str(baseline), "-f", "json"
    )
    report = json.loads(run.out)
    assert run.code == 0
    assert {f["status"] for f in report["findings"]} <= {"PASS", "WAIVED"}
    assert any("in the baseline" in note for note in report["notes"])
    # the audit still counts the baselined findings
    assert report["targets"][0]["compliance_rate"] == 0.0


def test_only_new_findings_are_reported_and_fail(
    capsys: Capsys, monkeypatch: Patch, baseline: Path, tmp_path: Path
) -> None:
    changed = _with_second_weak_guardrail(tmp_path)
    run = run_cli(
        capsys, monkeypatch, "check", str(changed), "--baseline", str(baseline), "-f", "json"
    )
    problems = {
        (f["check_id"], f["address"])
        for f in json.loads(run.out)["findings"]
        if f["status"] != "PASS"
    }
    assert run.code == 1
    assert problems == {
        ("SRM-AWS-005", "aws_bedrock_guardrail.weak2"),
        ("SRM-AWS-006", "aws_bedrock_guardrail.weak2"),
        ("SRM-AWS-007", "aws_bedrock_guardrail.weak2"),
    }


def test_a_baselined_finding_that_gets_worse_is_new(
    capsys: Capsys, monkeypatch: Patch, baseline: Path, tmp_path: Path
) -> None:
    document = json.loads(baseline.read_text())
    failing = next(e for e in document["findings"] if e["status"] == "FAIL")
    failing["status"] = "UNKNOWN"
    weaker = tmp_path / "weaker.json"
    weaker.write_text(json.dumps(document))
    run = run_cli(capsys, monkeypatch, "check", str(PLAN), "--baseline", str(weaker), "-f", "json")
    shown = {f["fingerprint"] for f in json.loads(run.out)["findings"] if f["status"] == "FAIL"}
    assert shown == {failing["fingerprint"]}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not a JSON baseline file"),
        ('{"schema_version": 1, "findings": []}', "not an srm-iac baseline"),
        (
            '{"schema_version": 1, "kind": "srm-iac-baseline", "tool_version": "1", '
            '"findings": [{"fingerprint": "xyz"}]}',
            "findings[0].fingerprint",
        ),
        (
            '{"schema_version": 9, "kind": "srm-iac-baseline", "tool_version": "1", '
            '"findings": []}',
            "schema_version",
        ),
    ],
)
def test_malformed_baseline_is_one_line_and_exit_2(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    run = run_cli(capsys, monkeypatch, "check", str(PLAN), "--baseline", str(path))
    assert run.code == 2 and expected in run.err and run.err.count("\n") == 1 and run.out == ""


def test_a_report_is_not_a_baseline(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    run_cli(capsys, monkeypatch, "check", str(PLAN), "-f", "json", "-o", str(report))
    run = run_cli(capsys, monkeypatch, "check", str(PLAN), "--baseline", str(report))
    assert run.code == 2 and "--write-baseline" in run.err
