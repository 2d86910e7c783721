"""``srm-iac inventory``: mixed inputs in one tree, formats, registry, config, bad input."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from srm_iac.reporters.inventory_csv import safe_cell
from tests.cli.helpers import run_cli
from tests.conftest import REPO
from tests.factories import change, plan_document

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
EXAMPLES = REPO / "examples"
CANARY = "canary-inventory-4f1e"


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    """A Terraform plan, a plan next to its .tf, a .tf-only tree and a Pulumi preview."""
    root = tmp_path / "repo"
    (root / "chat").mkdir(parents=True)
    shutil.copy(EXAMPLES / "terraform/bedrock-insecure/plan.json", root / "chat")
    shutil.copytree(EXAMPLES / "terraform/vertex-ai-insecure", root / "search")
    (root / "azure").mkdir()
    shutil.copy(EXAMPLES / "terraform/azure-openai-insecure/main.tf", root / "azure")
    (root / "pulumi/bot").mkdir(parents=True)
    shutil.copy(EXAMPLES / "pulumi/self-hosted-insecure/preview.json", root / "pulumi/bot")
    return root


def _inventory(capsys: Capsys, monkeypatch: Patch, *argv: str) -> tuple[int, Any, str]:
    run = run_cli(capsys, monkeypatch, "inventory", *argv)
    return run.code, run.out, run.err


def _json(capsys: Capsys, monkeypatch: Patch, *argv: str) -> dict[str, Any]:
    code, out, err = _inventory(capsys, monkeypatch, *argv, "-f", "json")
    assert code == 0, err
    return json.loads(out)


def _alone(capsys: Capsys, monkeypatch: Patch, path: Path) -> int:
    """How many assets ``check``-style reading of one workspace finds."""
    return _json(capsys, monkeypatch, str(path))["summary"]["assets"]


def test_mixed_inputs_in_one_directory(capsys: Capsys, monkeypatch: Patch, monorepo: Path) -> None:
    monkeypatch.chdir(monorepo.parent)
    document = _json(capsys, monkeypatch, "repo")
    assert document["schema_version"] == 1 and document["kind"] == "srm-iac-inventory"
    kinds = {w["name"]: w["input_kind"] for w in document["workspaces"]}
    assert kinds == {
        "repo/azure": "terraform-hcl",
        "repo/chat": "terraform-plan",
        "repo/pulumi/bot": "pulumi-preview",
        "repo/search": "terraform-plan",
    }
    per_workspace = {w["name"]: w["assets"] for w in document["workspaces"]}
    for name, count in per_workspace.items():
        assert count == _alone(capsys, monkeypatch, Path(name)) > 0, name
    assert document["summary"]["assets"] == sum(per_workspace.values())
    assets = document["assets"]
    assert len(assets) == document["summary"]["assets"]
    assert {a["target"] for a in assets} == {
        "aws_bedrock",
        "azure_openai",
        "gcp_vertex",
        "self_hosted",
    }
    search = [a for a in assets if a["workspace"] == "repo/search"]
    assert all(a["location"]["path"].endswith("main.tf") for a in search)  # plan read, .tf placed
    guardrail = next(a for a in assets if a["address"] == "aws_bedrock_guardrail.weak")
    assert guardrail["kind"] == "guardrail" and guardrail["owner"] is None
    assert guardrail["controls"]["AI-SEC-002"] == {"scope": "asset", "status": "FAIL"}
    assert guardrail["controls"]["AI-SEC-001"]["scope"] == "target"
    assert document["reconciliation"] is None
    assert {cell["reason"] for cell in document["gap_map"]} <= {"unassigned", "no_evidence"}


def test_supporting_resources_only_with_all(capsys: Capsys, monkeypatch: Patch) -> None:
    path = str(EXAMPLES / "terraform/bedrock-insecure")
    plain = _json(capsys, monkeypatch, path)
    everything = _json(capsys, monkeypatch, path, "--all")
    assert all(a["kind"] != "supporting" for a in plain["assets"])
    supporting = [a for a in everything["assets"] if a["kind"] == "supporting"]
    assert len(supporting) == plain["summary"]["supporting_resources"] > 0


def test_views_select_sections(capsys: Capsys, monkeypatch: Patch) -> None:
    path = str(EXAMPLES / "terraform/self-hosted-insecure")
    gaps_only = _json(capsys, monkeypatch, path, "--view", "gaps")
    assert "gap_map" in gaps_only and "assets" not in gaps_only
    assert "reconciliation" not in gaps_only
    cell = next(c for c in gaps_only["gap_map"] if c["control_id"] == "AI-SEC-001")
    assert cell["reason"] == "unassigned" and cell["responsible"] == ["AI/ML Engineering"]


def test_table_output(capsys: Capsys, monkeypatch: Patch, monorepo: Path) -> None:
    code, out, _ = _inventory(capsys, monkeypatch, str(monorepo))
    assert code == 0
    for text in ("Workspaces", "AI assets", "Gap map", "on this asset", "target-level only"):
        assert text in out
    assert "Reconciliation: no registry given" in out


def test_csv_assets_and_other_views(capsys: Capsys, monkeypatch: Patch) -> None:
    path = str(EXAMPLES / "terraform/bedrock-insecure")
    code, out, _ = _inventory(capsys, monkeypatch, path, "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0][:4] == ["workspace", "target", "kind", "address"]
    assert rows[0][-10:] == [f"AI-SEC-{n:03d}" for n in range(1, 11)]
    assert len(rows) - 1 == _json(capsys, monkeypatch, path)["summary"]["assets"]
    assert any(cell == "target:gap" for row in rows[1:] for cell in row)
    code, out, _ = _inventory(capsys, monkeypatch, path, "-f", "csv", "--view", "gaps")
    assert out.startswith("target,control_id,control_name,owner,reason,responsible")
    code, _, err = _inventory(
        capsys, monkeypatch, path, "-f", "csv", "--view", "gaps", "--view", "assets"
    )
    assert code == 2 and "single --view" in err


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("aws_bedrock_guardrail.g") == "aws_bedrock_guardrail.g"


def test_csv_injection_through_a_resource_name(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    formula = '=HYPERLINK("http://evil.example","x")'
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(plan_document(change("aws_bedrock_guardrail", "g", after={"name": formula})))
    )
    code, out, _ = _inventory(capsys, monkeypatch, str(plan), "-f", "csv")
    row = list(csv.reader(io.StringIO(out)))[1]
    assert code == 0 and row[5] == "'" + formula


def _registry(tmp_path: Path, entries: list[dict[str, Any]]) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(yaml.safe_dump({"schema_version": 1, "assets": entries}))
    return path


def test_registry_problems_exit_1_and_clean_registry_exits_0(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    path = str(EXAMPLES / "terraform/bedrock-insecure")
    partial = _registry(
        tmp_path,
        [
            {
                "address": "aws_bedrockagent_agent.*",
                "owner": "team-chat",
                "reviewed": "2026-11-01",
                "approved_models": ["anthropic.*"],
            }
        ],
    )
    code, out, _ = _inventory(capsys, monkeypatch, path, "--registry", str(partial), "-f", "json")
    document = json.loads(out)
    assert code == 1
    outcomes = {(i["outcome"], i["subject"]) for i in document["reconciliation"]["items"]}
    assert ("unregistered", "aws_bedrock_guardrail.weak") in outcomes
    assert ("unapproved_model", "aws_bedrockagent_agent.faq") in outcomes
    owners = {a["address"]: a["owner"] for a in document["assets"]}
    assert owners["aws_bedrockagent_agent.support"] == "team-chat"
    everything = _registry(
        tmp_path,
        [{"address": "*", "owner": "team", "reviewed": "2026-11-01", "approved_models": ["*"]}],
    )
    code, out, _ = _inventory(capsys, monkeypatch, path, "--registry", str(everything))
    assert code == 0 and "every asset is registered, approved and reviewed" in out


def test_registry_and_teams_from_the_config(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    _registry(
        tmp_path,
        [{"address": "*", "owner": "team", "reviewed": "2026-01-01", "approved_models": ["*"]}],
    )
    config = tmp_path / "srm-iac.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "schema_version": 1,
                "registry": "registry.yaml",
                "review_interval_days": 365,
                "teams": {"AI/ML Engineering": "ml-platform"},
            }
        )
    )
    path = str(EXAMPLES / "terraform/self-hosted-insecure")
    code, out, _ = _inventory(capsys, monkeypatch, path, "--config", str(config), "-f", "json")
    document = json.loads(out)
    assert code == 0 and document["reconciliation"]["review_interval_days"] == 365
    cell = next(c for c in document["gap_map"] if c["control_id"] == "AI-SEC-001")
    assert cell["responsible"] == ["ml-platform"]


@pytest.mark.parametrize(
    ("file", "content", "expected"),
    [
        ("registry", {"schema_version": 1, "assets": [{"address": "*"}]}, "assets[0].owner"),
        ("registry", "assets: [", "invalid YAML"),
        ("config", {"schema_version": 1, "teams": {"Nobody": "x"}}, "not a role of the RACI"),
        ("config", {"schema_version": 1, "review_interval_days": 0}, "review_interval_days"),
        ("config", {"schema_version": 1, "registry": 3}, "registry"),
    ],
)
def test_malformed_registry_or_config_is_one_line_and_exit_2(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, file: str, content: Any, expected: str
) -> None:
    path = tmp_path / f"{file}.yaml"
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content))
    run = run_cli(
        capsys,
        monkeypatch,
        "inventory",
        str(EXAMPLES / "terraform/bedrock-insecure"),
        f"--{file}",
        str(path),
    )
    assert run.code == 2 and run.out == ""
    assert expected in run.err and run.err.count("\n") == 1 and "Traceback" not in run.err


def test_unreadable_workspace_stops_the_run_unless_keep_going(
    capsys: Capsys, monkeypatch: Patch, monorepo: Path
) -> None:
    broken = monorepo / "broken"
    broken.mkdir()
    (broken / "plan.json").write_text('{"format_version": "1.2", "resource_changes": [')
    run = run_cli(capsys, monkeypatch, "inventory", str(monorepo), "-f", "json")
    assert run.code == 2 and run.err.count("\n") == 1 and "plan.json" in run.err
    run = run_cli(capsys, monkeypatch, "inventory", str(monorepo), "-f", "json", "--keep-going")
    document = json.loads(run.out)
    assert run.code == 0 and len(document["workspaces"]) == 4
    assert any(note.startswith(f"{broken.as_posix()}: skipped:") for note in document["notes"])
    assert "warning" in run.err


def test_missing_path_is_exit_2(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    run = run_cli(capsys, monkeypatch, "inventory", str(tmp_path / "absent"))
    assert run.code == 2 and "no such file or directory" in run.err


def test_sensitive_values_never_reach_any_format(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
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
                )
            )
        )
    )
    registry = _registry(tmp_path, [{"name": "*", "owner": "t", "reviewed": "2026-11-01"}])
    for fmt in ("table", "json", "csv"):
        run = run_cli(
            capsys,
            monkeypatch,
            "inventory",
            str(plan),
            "-f",
            fmt,
            "--registry",
            str(registry),
            "--all",
        )
        assert run.code == 1, run.err  # the name is unreadable, so the asset is unregistered
        assert CANARY not in run.out and CANARY not in run.err


def test_output_is_deterministic(capsys: Capsys, monkeypatch: Patch, monorepo: Path) -> None:
    first = run_cli(capsys, monkeypatch, "inventory", str(monorepo), "-f", "json").out
    second = run_cli(capsys, monkeypatch, "inventory", str(monorepo), "-f", "json").out
    assert first == second
