"""The CI integrations: the composite GitHub Action, the pre-commit hook, the CI examples.

They parse, reference only inputs, steps, subcommands and options that exist, their shell
scripts are valid, and the action's steps do their job when run as GitHub runs them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from srm_iac.cli.main import build_parser
from tests.conftest import REPO
from tests.review.fake_github import FakeGitHub

ACTION = yaml.safe_load((REPO / "action.yml").read_text())
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
GITHUB_EXAMPLE = yaml.safe_load((REPO / "examples" / "ci" / "github-actions.yml").read_text())
GITLAB_EXAMPLE = yaml.safe_load((REPO / "examples" / "ci" / "gitlab-ci.yml").read_text())
SRM_IAC = str(Path(sys.executable).parent / "srm-iac")
EXAMPLE_PLAN = REPO / "examples" / "terraform" / "bedrock-insecure" / "plan.json"
BASH = shutil.which("bash")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options_of(command: str) -> set[str]:
    return set(subcommands()[command]._option_string_actions)


def steps() -> list[dict[str, Any]]:
    return list(ACTION["runs"]["steps"])


def step(name: str) -> dict[str, Any]:
    return next(s for s in steps() if s["name"] == name)


def expressions(value: Any) -> list[str]:
    return re.findall(r"\$\{\{\s*(.+?)\s*\}\}", json.dumps(value))


def test_action_is_a_composite_with_documented_inputs_and_outputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    for name, spec in ACTION["inputs"].items():
        assert spec["description"], name
        assert "default" in spec, name
    for name, spec in ACTION["outputs"].items():
        assert spec["description"] and spec["value"], name
    for item in steps():
        if "run" in item:
            assert item["shell"] == "bash", item["name"]
        else:
            assert re.fullmatch(r"[\w-]+/[\w/-]+@v\d+", item["uses"]), item["name"]


def test_action_expressions_name_existing_inputs_and_steps() -> None:
    ids = {s["id"] for s in steps() if "id" in s}
    used = expressions(ACTION["runs"]) + expressions(ACTION["outputs"])
    for expression in used:
        for name in re.findall(r"inputs\.([\w-]+)", expression):
            assert name in ACTION["inputs"], expression
        for name in re.findall(r"steps\.([\w-]+)\.", expression):
            assert name in ids, expression


def test_action_scripts_take_inputs_only_through_the_environment() -> None:
    for item in steps():
        if "run" in item:
            assert "${{" not in item["run"], f"{item['name']}: expression inside a script"


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_action_scripts_are_valid_bash() -> None:
    for item in steps():
        if "run" in item:
            result = subprocess.run(
                [str(BASH), "-n", "-c", item["run"]], capture_output=True, text=True
            )
            assert result.returncode == 0, f"{item['name']}: {result.stderr}"


def test_action_runs_existing_subcommands_with_existing_options() -> None:
    commands = subcommands()
    seen = set()
    for item in steps():
        script = item.get("run", "")
        for command in re.findall(r'"\$SRM_IAC" ([a-z-]+)', script):
            assert command in commands, command
            seen.add(command)
            for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", script):
                assert option in options_of(command), f"{command} has no {option}"
    assert seen == {"check", "comment"}


def run_step(name: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    assert BASH is not None
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "GITLAB_")) and not k.lower().endswith("_proxy")
    }
    return subprocess.run(
        [BASH, "--noprofile", "--norc", "-eo", "pipefail", "-c", step(name)["run"]],
        env={**base, "SRM_IAC_TODAY": "2026-11-28", **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_action_converts_a_binary_plan_with_the_real_terraform_binary(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("terraform", "wrapper noise"), ("terraform-bin", '{"plan": true}')):
        tool = bin_dir / name
        tool.write_text(f'#!/bin/sh\n[ "$1 $2 $3" = "show -json tfplan" ] && echo \'{text}\'\n')
        tool.chmod(0o755)
    output = tmp_path / "output"
    result = run_step(
        "Prepare the plan JSON",
        {
            "PLAN": "tfplan",
            "PLAN_JSON": "",
            "TERRAFORM": "terraform",
            "OUT": str(tmp_path / "plan.json"),
            "GITHUB_OUTPUT": str(output),
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert outputs(output) == {"path": str(tmp_path / "plan.json")}
    assert json.loads((tmp_path / "plan.json").read_text()) == {"plan": True}


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
@pytest.mark.parametrize(("plan", "plan_json"), [("", ""), ("tfplan", "plan.json")])
def test_action_needs_exactly_one_plan_input(tmp_path: Path, plan: str, plan_json: str) -> None:
    result = run_step(
        "Prepare the plan JSON",
        {"PLAN": plan, "PLAN_JSON": plan_json, "TERRAFORM": "terraform", "OUT": "x"},
        tmp_path,
    )
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=srm-iac::")


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_action_check_step_writes_sarif_summary_and_exit_code(tmp_path: Path) -> None:
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    result = run_step(
        "Check",
        {
            "SRM_IAC": SRM_IAC,
            "INPUT": str(EXAMPLE_PLAN),
            "FORMAT": "table",
            "FAIL_ON": "high",
            "CONFIG": "",
            "ATTESTATIONS": "",
            "SOURCE_DIR": "",
            "SARIF": str(tmp_path / "srm.sarif"),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert outputs(output) == {"exit-code": "1", "sarif-file": str(tmp_path / "srm.sarif")}
    assert json.loads((tmp_path / "srm.sarif").read_text())["version"] == "2.1.0"
    assert summary.read_text().startswith("<!-- srm-iac:summary -->")
    assert "SRM-AWS-005" in result.stdout


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_action_check_step_reads_the_source_in_the_working_directory(tmp_path: Path) -> None:
    infra = tmp_path / "repo" / "infra"
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    infra.mkdir()
    shutil.copy(EXAMPLE_PLAN.parent / "main.tf", infra / "main.tf")
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    shutil.copy(EXAMPLE_PLAN, temp / "plan.json")
    env = {"SRM_IAC": SRM_IAC, "INPUT": str(temp / "plan.json"), "FORMAT": "table"}
    env |= {"FAIL_ON": "high", "CONFIG": "", "ATTESTATIONS": "", "SOURCE_DIR": ""}
    env |= {"SARIF": str(temp / "srm.sarif"), "GITHUB_OUTPUT": str(temp / "output")}
    result = run_step("Check", env, infra)
    assert result.returncode == 0, result.stderr
    results = json.loads((temp / "srm.sarif").read_text())["runs"][0]["results"]
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for item in results
        for location in item["locations"]
        if "physicalLocation" in location
    }
    assert "infra/main.tf" in uris


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_action_check_step_stops_on_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text('{"version": 4, "serial": 1, "lineage": "x"}')
    output = tmp_path / "output"
    env = {"SRM_IAC": SRM_IAC, "INPUT": "state.json", "FORMAT": "table", "FAIL_ON": "high"}
    env |= {"CONFIG": "", "ATTESTATIONS": "", "SOURCE_DIR": "", "SARIF": "s"}
    env["GITHUB_OUTPUT"] = str(output)
    result = run_step("Check", env, tmp_path)
    assert result.returncode == 2
    assert outputs(output) == {"exit-code": "2"}
    assert "this is a Terraform state, not a plan" in result.stderr


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_action_review_step_posts_the_summary(tmp_path: Path) -> None:
    token = "ghs_actionTOKEN42"
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}))
    fake = FakeGitHub(token=token)
    with fake.running():
        result = run_step(
            "Review the pull request",
            {
                "SRM_IAC": SRM_IAC,
                "INPUT": str(EXAMPLE_PLAN),
                "FAIL_ON": "high",
                "CONFIG": "",
                "ATTESTATIONS": "",
                "KEY": "",
                "SOURCE_DIR": "",
                "GITHUB_TOKEN": token,
                "GITHUB_REPOSITORY": fake.repo,
                "GITHUB_EVENT_PATH": str(event),
                "GITHUB_API_URL": fake.api_url,
            },
            tmp_path,
        )
    assert result.returncode == 0, result.stderr
    assert len(fake.issue_comments) == 1
    assert "GitHub summary comment created" in result.stderr
    assert token not in result.stdout + result.stderr


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_action_last_step_fails_the_job_on_findings(tmp_path: Path) -> None:
    assert run_step("Fail on findings", {"CODE": "0", "FAIL_ON": "high"}, tmp_path).returncode == 0
    failed = run_step("Fail on findings", {"CODE": "1", "FAIL_ON": "high"}, tmp_path)
    assert failed.returncode == 1 and "checks fail at or above high" in failed.stdout


def test_pre_commit_hook_runs_an_existing_subcommand_on_tf_files() -> None:
    (hook,) = HOOKS
    assert {"id", "name", "entry", "language", "files"} <= set(hook)
    program, command = hook["entry"].split()
    assert program == "srm-iac" and command in subcommands()
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("infra/main.tf") and not pattern.search("infra/terraform.tfvars")


def test_github_example_uses_the_action_with_its_inputs_and_permissions() -> None:
    assert GITHUB_EXAMPLE["permissions"]["pull-requests"] == "write"
    assert GITHUB_EXAMPLE["permissions"]["security-events"] == "write"
    (job,) = GITHUB_EXAMPLE["jobs"].values()
    uses = [s for s in job["steps"] if str(s.get("uses", "")).startswith("srm-iac/srm-iac@")]
    assert len(uses) == 1
    assert set(uses[0]["with"]) <= set(ACTION["inputs"])


def test_gitlab_example_runs_existing_subcommands_with_existing_options() -> None:
    job = GITLAB_EXAMPLE["srm-iac"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    commands = [line for line in job["script"] if line.startswith("srm-iac ")]
    assert {line.split()[1] for line in commands} == {"check", "comment"}
    for line in commands:
        command = line.split()[1]
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", line):
            assert option in options_of(command), f"{command} has no {option}"
