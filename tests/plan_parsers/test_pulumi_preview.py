"""``pulumi preview --json`` input: detection, steps, secrets, and the CLI on a preview."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plan_parsers.interface import InputFormat
from plan_parsers.loader import load_inventory, read_source
from plan_parsers.pulumi_types import UNKNOWN_STRING
from srm_iac.errors import UnsupportedFormatError
from srm_iac.model.enums import Action, InputKind
from srm_iac.model.inventory import Inventory
from tests.cli.helpers import run_cli
from tests.conftest import REPO

STACK = "urn:pulumi:dev::chat::pulumi:pulumi:Stack::chat-dev"
PROVIDER = "urn:pulumi:dev::chat::pulumi:providers:aws::default_7_12_0"
GUARDRAIL = "aws:bedrock/guardrail:Guardrail"
AGENT = "aws:bedrock/agentAgent:AgentAgent"
SECRET_TEXT = "api_key=sk-0123456789abcdefghijklmnop"


def step(op: str, token: str, name: str, inputs: dict[str, Any], **state: Any) -> dict[str, Any]:
    urn = f"urn:pulumi:dev::chat::{token}::{name}"
    return {
        "op": op,
        "urn": urn,
        "provider": f"{PROVIDER}::{UNKNOWN_STRING}",
        "newState": {
            "urn": urn,
            "custom": True,
            "type": token,
            "inputs": inputs,
            "parent": STACK,
            "provider": f"{PROVIDER}::{UNKNOWN_STRING}",
            **state,
        },
        "detailedDiff": None,
    }


def digest(*steps: dict[str, Any]) -> dict[str, Any]:
    stack = {
        "op": "same",
        "urn": STACK,
        "newState": {"urn": STACK, "custom": False, "type": "pulumi:pulumi:Stack"},
    }
    provider = {
        "op": "same",
        "urn": PROVIDER,
        "newState": {
            "urn": PROVIDER,
            "custom": True,
            "type": "pulumi:providers:aws",
            "inputs": {"region": "us-east-1"},
        },
    }
    return {
        "config": {"aws:region": "us-east-1"},
        "steps": [stack, provider, *steps],
        "duration": 2113000000,
        "changeSummary": {"create": len(steps)},
    }


def load(tmp_path: Path, document: Any, name: str = "preview.json") -> Inventory:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return load_inventory(read_source(str(path)))


GUARDRAIL_INPUTS = {
    "__defaults": ["name"],
    "name": "weak-abc123",
    "blockedInputMessaging": "no",
    "blockedOutputsMessaging": "no",
    "contentPolicyConfig": {
        "filtersConfigs": [
            {"type": "PROMPT_ATTACK", "inputStrength": "LOW", "outputStrength": "NONE"}
        ]
    },
}


def test_steps_become_resources(tmp_path: Path) -> None:
    guardrail = step("create", GUARDRAIL, "weak", GUARDRAIL_INPUTS)
    agent = step(
        "same",
        AGENT,
        "support",
        {
            "agentName": "support",
            "instruction": "[secret]",
            "guardrailConfigurations": [
                {"guardrailIdentifier": UNKNOWN_STRING, "guardrailVersion": "1"}
            ],
        },
        outputs={"agentId": "AGENT123", "agentName": "support"},
        propertyDependencies={"guardrailConfigurations": [guardrail["urn"]]},
        dependencies=[guardrail["urn"]],
        sourcePosition="project:///__main__.py#21,1",
    )
    inventory = load(tmp_path, digest(guardrail, agent))
    assert inventory.kind is InputKind.PULUMI_PREVIEW
    assert [r.address for r in inventory.resources] == [
        "aws_bedrock_guardrail.weak",
        "aws_bedrockagent_agent.support",
    ]
    weak, support = inventory.resources
    assert (weak.action, support.action) == (Action.CREATE, Action.NO_OP)
    assert support.at("agent_id").string() == "AGENT123"  # outputs of a `same` step
    assert support.at("instruction").is_unknown and support.at("instruction").is_sensitive
    assert support.references("guardrail_configuration.guardrail_identifier") == (
        "aws_bedrock_guardrail.weak",
    )
    assert support.location is not None and str(support.location) == "__main__.py:21"
    assert inventory.metadata["change_summary"] == {"create": 2}


def test_removed_resources_are_not_evidence(tmp_path: Path) -> None:
    kept = step("create", GUARDRAIL, "new", GUARDRAIL_INPUTS)
    steps = [
        step(op, GUARDRAIL, f"old-{op}", GUARDRAIL_INPUTS)
        for op in ("delete", "discard", "delete-replaced", "remove-pending-replace")
    ]
    inventory = load(tmp_path, digest(kept, *steps))
    assert [r.address for r in inventory.resources] == ["aws_bedrock_guardrail.new"]
    assert inventory.metadata["removed"] == 4


def test_a_replacement_is_one_resource(tmp_path: Path) -> None:
    steps = [step(op, GUARDRAIL, "g", GUARDRAIL_INPUTS) for op in ("create-replacement", "replace")]
    inventory = load(tmp_path, digest(*steps))
    assert [(r.address, r.action) for r in inventory.resources] == [
        ("aws_bedrock_guardrail.g", Action.REPLACE)
    ]


def test_errored_previews_are_noted(tmp_path: Path) -> None:
    document = digest(step("create", GUARDRAIL, "g", GUARDRAIL_INPUTS))
    document["diagnostics"] = [{"message": "boom", "severity": "error"}]
    inventory = load(tmp_path, document)
    assert any("reported 1 error" in note for note in inventory.notes)


def test_detection_and_look_alikes(tmp_path: Path) -> None:
    assert load(tmp_path, {"steps": [], "changeSummary": {}, "duration": 1}).resources == []
    with pytest.raises(UnsupportedFormatError, match="Pulumi stack export"):
        load(tmp_path, {"version": 3, "deployment": {"resources": []}})
    stream = "\n".join(
        json.dumps({"sequence": i, "timestamp": 1700000000 + i, "cancelEvent": {}})
        for i in range(2)
    )
    (tmp_path / "events.json").write_text(stream)
    with pytest.raises(UnsupportedFormatError, match="Pulumi engine events"):
        load_inventory(read_source(str(tmp_path / "events.json")))
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"format_version": "1.2", "resource_changes": []}))
    with pytest.raises(UnsupportedFormatError, match="not a Pulumi preview"):
        load_inventory(read_source(str(plan)), InputFormat.PULUMI_PREVIEW)


def test_directories_holding_preview_json(tmp_path: Path) -> None:
    (tmp_path / "preview.json").write_text(
        json.dumps(digest(step("create", GUARDRAIL, "g", GUARDRAIL_INPUTS)))
    )
    assert load_inventory(read_source(str(tmp_path))).kind is InputKind.PULUMI_PREVIEW


Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch


def test_cli_checks_a_preview(capsys: Capsys, monkeypatch: Patch) -> None:
    preview = REPO / "examples" / "pulumi" / "bedrock-insecure" / "preview.json"
    run = run_cli(capsys, monkeypatch, "check", str(preview), "--format", "json")
    assert run.code == 1, run.err
    document = json.loads(run.out)
    assert document["input_kind"] == "pulumi-preview"
    statuses = {(f["check_id"], f["address"]): f["status"] for f in document["findings"]}
    assert statuses[("SRM-AWS-005", "aws_bedrock_guardrail.weak")] == "FAIL"
    sarif = run_cli(capsys, monkeypatch, "check", str(preview), "--format", "sarif")
    results = json.loads(sarif.out)["runs"][0]["results"]
    located = [r for r in results if r["ruleId"] == "SRM-AWS-005"]
    assert located and "__main__.py" in json.dumps(located[0]["locations"])


def test_cli_never_prints_pulumi_secrets(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    agent = step(
        "create",
        AGENT,
        "support",
        {
            "agentName": "support",
            "foundationModel": "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "instruction": {
                "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                "value": SECRET_TEXT,
            },
        },
    )
    path = tmp_path / "preview.json"
    path.write_text(json.dumps(digest(agent)))
    for output_format in ("table", "json", "sarif", "markdown", "junit"):
        run = run_cli(capsys, monkeypatch, "check", str(path), "--format", output_format)
        assert SECRET_TEXT not in run.out + run.err
        assert "sk-0123456789" not in run.out
