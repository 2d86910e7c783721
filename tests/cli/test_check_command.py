"""``srm-iac check``: inputs, formats, exit codes, config, and secrets that must never leak."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from srm_iac.rules import aws_bedrock
from srm_iac.rules.check import Check, CheckContext, Result
from tests.cli.helpers import run_cli
from tests.factories import change, plan_document

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
FORMATS = ("table", "json", "sarif", "markdown", "junit", "html")
CANARIES = {
    "instruction": "canary-instruction-7c1d",
    "model": "canary-model-5e2a",
    "variable": "canary-variable-91fb",
    "before": "canary-before-3d4e",
    "output": "canary-output-aa01",
}


def bedrock_plan() -> dict[str, Any]:
    """A plan with a weak guardrail, an agent, and sensitive values in many places."""
    document = plan_document(
        change(
            "aws_bedrock_guardrail",
            "weak",
            after={
                "name": "weak",
                "content_policy_config": [
                    {
                        "filters_config": [
                            {
                                "type": "PROMPT_ATTACK",
                                "input_strength": "LOW",
                                "output_strength": "NONE",
                            }
                        ]
                    }
                ],
            },
        ),
        change(
            "aws_bedrockagent_agent",
            "agent",
            actions=("update",),
            before={"instruction": CANARIES["before"]},
            before_sensitive={"instruction": True},
            after={
                "agent_name": "agent",
                "instruction": f"password={CANARIES['instruction']}",
                "foundation_model": CANARIES["model"],
                "guardrail_configuration": [
                    {"guardrail_identifier": "abc", "guardrail_version": "1"}
                ],
            },
            after_sensitive={"instruction": True, "foundation_model": True},
        ),
        variables={"token": {"value": CANARIES["variable"]}},
        output_changes={
            "o": {
                "actions": ["create"],
                "before": None,
                "after": CANARIES["output"],
                "after_unknown": False,
                "before_sensitive": False,
                "after_sensitive": True,
            }
        },
    )
    document["configuration"] = {"root_module": {"variables": {"token": {"sensitive": True}}}}
    return document


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(bedrock_plan()))
    return path


def test_file_input_reports_failures_and_exits_1(
    capsys: Capsys, monkeypatch: Patch, plan: Path
) -> None:
    run = run_cli(capsys, monkeypatch, "check", str(plan), "-f", "json")
    assert run.code == 1
    report = json.loads(run.out)
    statuses = {(f["check_id"], f["address"]): f["status"] for f in report["findings"]}
    assert statuses[("SRM-AWS-005", "aws_bedrock_guardrail.weak")] == "FAIL"
    assert statuses[("SRM-AWS-024", "aws_bedrockagent_agent.agent")] == "FAIL"
    assert statuses[("SRM-AWS-001", "")] == "NOT_EVIDENCED"
    finding = report["findings"][0]
    for key in ("check_id", "control_id", "target", "address", "status", "severity", "message"):
        assert key in finding
    assert report["targets"][0]["target"] == "aws_bedrock"


def test_stdin_input(capsys: Capsys, monkeypatch: Patch, plan: Path) -> None:
    run = run_cli(capsys, monkeypatch, "check", "-", "-f", "json", stdin=plan.read_bytes())
    assert run.code == 1 and json.loads(run.out)["source"] == "-"


def test_fail_on_threshold(capsys: Capsys, monkeypatch: Patch, plan: Path) -> None:
    assert run_cli(capsys, monkeypatch, "check", str(plan), "--fail-on", "critical").code == 1
    config = plan.parent / "c.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "schema_version": 1,
                "severity_overrides": {
                    "SRM-AWS-024": "LOW",
                    "SRM-AWS-005": "LOW",
                    "SRM-AWS-006": "LOW",
                    "SRM-AWS-007": "LOW",
                    "SRM-AWS-008": "LOW",
                },
            }
        )
    )
    run = run_cli(
        capsys, monkeypatch, "check", str(plan), "--config", str(config), "--fail-on", "medium"
    )
    assert run.code == 0


def test_waivers_with_expiry(capsys: Capsys, monkeypatch: Patch, plan: Path) -> None:
    config = plan.parent / "c.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "schema_version": 1,
                "waivers": [
                    {
                        "check": "SRM-AWS-005",
                        "address": "aws_bedrock_guardrail.*",
                        "reason": "SEC-1",
                        "expires": "2027-01-01",
                    },
                    {"check": "SRM-AWS-024", "reason": "old", "expires": "2026-01-01"},
                ],
            }
        )
    )
    run = run_cli(capsys, monkeypatch, "check", str(plan), "--config", str(config), "-f", "json")
    report = json.loads(run.out)
    by_check = {f["check_id"]: f for f in report["findings"]}
    assert by_check["SRM-AWS-005"]["status"] == "WAIVED"
    assert by_check["SRM-AWS-005"]["waiver"] == "SEC-1"
    assert by_check["SRM-AWS-024"]["status"] == "FAIL"
    assert any("expired on 2026-01-01" in note for note in report["notes"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            {
                "schema_version": 1,
                "waivers": [{"check": "SRM-AWS-999", "reason": "x", "expires": "2027-01-01"}],
            },
            "SRM-AWS-999",
        ),
        (
            {"schema_version": 1, "waivers": [{"check": "SRM-AWS-001", "expires": "2027-01-01"}]},
            "reason",
        ),
        ({"schema_version": 2}, "schema_version"),
        ({"schema_version": 1, "fail_on": "severe"}, "fail_on"),
        ({"schema_version": 1, "approved_model": {}}, "approved_model"),
    ],
)
def test_broken_config_exit_2(
    capsys: Capsys, monkeypatch: Patch, plan: Path, content: dict[str, Any], expected: str
) -> None:
    config = plan.parent / "c.yaml"
    config.write_text(yaml.safe_dump(content))
    run = run_cli(capsys, monkeypatch, "check", str(plan), "--config", str(config))
    assert run.code == 2 and expected in run.err and run.err.count("\n") == 1


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b'{"format_version": "1.2", "resource_changes": [', "truncated"),
        (b'{"format_version": "1.0", "values": {}}', "Terraform state"),
        (b'{"format_version": "3.0", "resource_changes": []}', "not supported"),
        (b'{"@level":"info","@message":"x"}\n{"@level":"info","@message":"y"}\n', "plan -json"),
        (b"\x00\x01\x02garbage", "invalid JSON"),
    ],
)
def test_bad_input_exit_2_one_line(
    capsys: Capsys, monkeypatch: Patch, data: bytes, expected: str
) -> None:
    run = run_cli(capsys, monkeypatch, "check", "-", stdin=data)
    assert run.code == 2
    assert expected in run.err and run.err.count("\n") == 1 and "Traceback" not in run.err


def test_no_ai_resources_exits_0(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(plan_document(change("aws_s3_bucket", "b"))))
    run = run_cli(capsys, monkeypatch, "check", str(path))
    assert run.code == 0 and "no AI resources found" in run.out


def test_output_file_and_refusal_to_overwrite_input(
    capsys: Capsys, monkeypatch: Patch, plan: Path
) -> None:
    original = plan.read_bytes()
    target = plan.parent / "out" / "report.sarif"
    run = run_cli(capsys, monkeypatch, "check", str(plan), "-f", "sarif", "-o", str(target))
    assert run.code == 1 and run.out == "" and json.loads(target.read_text())["version"] == "2.1.0"
    refused = run_cli(capsys, monkeypatch, "check", str(plan), "-o", str(plan))
    assert refused.code == 2 and "refusing to overwrite" in refused.err
    assert plan.read_bytes() == original


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_byte_identical_across_runs(
    capsys: Capsys, monkeypatch: Patch, plan: Path, fmt: str
) -> None:
    first = run_cli(capsys, monkeypatch, "check", str(plan), "-f", fmt).out
    second = run_cli(capsys, monkeypatch, "check", str(plan), "-f", fmt).out
    assert first == second and first


@pytest.mark.parametrize("fmt", FORMATS)
def test_sensitive_values_never_appear(
    capsys: Capsys, monkeypatch: Patch, plan: Path, fmt: str
) -> None:
    run = run_cli(capsys, monkeypatch, "check", str(plan), "-f", fmt)
    for canary in CANARIES.values():
        assert canary not in run.out and canary not in run.err


def test_formats_are_well_formed(capsys: Capsys, monkeypatch: Patch, plan: Path) -> None:
    junit = ET.fromstring(run_cli(capsys, monkeypatch, "check", str(plan), "-f", "junit").out)
    assert int(junit.get("failures", "0")) >= 3
    sarif = json.loads(run_cli(capsys, monkeypatch, "check", str(plan), "-f", "sarif").out)
    run = sarif["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rule_ids == sorted(set(rule_ids))
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"]["srmIacFinding/v1"]
        assert result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
    markdown = run_cli(capsys, monkeypatch, "check", str(plan), "-f", "markdown").out
    assert markdown.startswith("<!-- srm-iac:summary -->")


def test_a_check_that_raises_is_an_internal_error(
    capsys: Capsys, monkeypatch: Patch, plan: Path
) -> None:
    def broken(context: CheckContext) -> list[Result]:
        raise RuntimeError(CANARIES["instruction"])

    replaced = tuple(
        Check(c.id, broken) if c.id == "SRM-AWS-005" else c for c in aws_bedrock.CHECKS
    )
    monkeypatch.setattr(aws_bedrock, "CHECKS", replaced)
    run = run_cli(capsys, monkeypatch, "check", str(plan), "-f", "json")
    assert run.code == 2
    assert "SRM-AWS-005 raised RuntimeError" in run.err
    assert CANARIES["instruction"] not in run.err + run.out
    report = json.loads(run.out)
    assert report["failures"] == [{"check_id": "SRM-AWS-005", "error": "RuntimeError"}]
    assert not any(f["check_id"] == "SRM-AWS-005" for f in report["findings"])
    kept = run_cli(capsys, monkeypatch, "check", str(plan), "--keep-going")
    assert kept.code == 1


def test_tty_stdin_without_input_is_a_usage_error(capsys: Capsys, monkeypatch: Patch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Tty())
    run = run_cli(capsys, monkeypatch, "check")
    assert run.code == 2 and "no input" in run.err


def test_failed_write_leaves_no_temporary_file(
    capsys: Capsys, monkeypatch: Patch, plan: Path
) -> None:
    import os

    target = plan.parent / "out.json"

    def refuse(source: str, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    run = run_cli(capsys, monkeypatch, "check", str(plan), "-f", "json", "-o", str(target))
    assert run.code == 2 and "cannot write" in run.err
    assert sorted(p.name for p in plan.parent.iterdir()) == ["plan.json"]
