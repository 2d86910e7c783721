"""End to end: real Terraform output piped into srm-iac, exactly as a user runs it.

In a temporary copy of examples/terraform/bedrock-insecure: `terraform init` offline against
the provider filesystem mirror, `terraform plan -refresh=false -out=tfplan`, then the literal
shell pipe `terraform show -json tfplan | srm-iac check -`. Skipped when Terraform or the mirror
is missing. Nothing is written inside the repository.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "terraform" / "bedrock-insecure"
MIRROR = Path(os.environ.get("TF_PLUGIN_MIRROR", "/opt/tf-plugins"))
SENSITIVE_DEFAULT = "ord-demo-8c1f0e2b7d4a49f3b6e5"
TIMEOUT = 600

pytestmark = [
    pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not on PATH"),
    pytest.mark.skipif(
        not MIRROR.is_dir(),
        reason=f"no Terraform provider mirror at {MIRROR} (set TF_PLUGIN_MIRROR)",
    ),
]


@dataclass(frozen=True)
class Workspace:
    """A planned copy of the example."""

    directory: Path
    """Where main.tf, .terraform and tfplan live."""
    env: dict[str, str]
    """Environment for Terraform: offline CLI config, fake credentials."""


def _cli_config(path: Path) -> Path:
    config = path / "terraform.tfrc"
    config.write_text(
        "provider_installation {\n"
        "  filesystem_mirror {\n"
        f'    path    = "{MIRROR}"\n'
        '    include = ["registry.terraform.io/*/*"]\n'
        "  }\n"
        "  direct {\n"
        '    exclude = ["registry.terraform.io/*/*"]\n'
        "  }\n"
        "}\n"
    )
    return config


def _terraform(workspace: Workspace, *args: str) -> None:
    completed = subprocess.run(
        ["terraform", *args],
        cwd=workspace.directory,
        env=workspace.env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert completed.returncode == 0, f"terraform {args[0]} failed:\n{completed.stderr}"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The insecure example, initialised once and planned, outside the repository."""
    root = tmp_path_factory.mktemp("terraform-pipe")
    directory = root / "bedrock-insecure"
    directory.mkdir()
    shutil.copy2(EXAMPLE / "main.tf", directory / "main.tf")
    env = {
        **os.environ,
        "TF_CLI_CONFIG_FILE": str(_cli_config(root)),
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
        "CHECKPOINT_DISABLE": "1",
        "AWS_ACCESS_KEY_ID": "AKIAFAKEFAKEFAKEFAKE",
        "AWS_SECRET_ACCESS_KEY": "fake",
        "AWS_REGION": "us-east-1",
    }
    env.pop("TF_DATA_DIR", None)
    planned = Workspace(directory, env)
    _terraform(planned, "init", "-input=false", "-backend=false")
    _terraform(planned, "plan", "-input=false", "-refresh=false", "-lock=false", "-out=tfplan")
    yield planned


def srm_iac() -> str:
    """The srm-iac console script of the environment running the tests."""
    script = Path(sys.executable).parent / "srm-iac"
    if not script.exists():
        pytest.skip(f"srm-iac is not installed beside {sys.executable}")
    return shlex.quote(str(script))


def pipe(workspace: Workspace, options: str = "") -> subprocess.CompletedProcess[str]:
    """Run the literal pipe `terraform show -json tfplan | srm-iac check - OPTIONS`."""
    command = f"terraform show -json tfplan | {srm_iac()} check - {options}".strip()
    return subprocess.run(
        command,
        shell=True,
        cwd=workspace.directory,
        env=workspace.env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_pipe_reports_findings_and_exits_1(workspace: Workspace) -> None:
    completed = pipe(workspace)
    assert completed.returncode == 1, completed.stderr
    out = completed.stdout
    assert "AWS Bedrock" in out
    for check_id in ("SRM-AWS-004", "SRM-AWS-008", "SRM-AWS-012", "SRM-AWS-020", "SRM-AWS-024"):
        assert check_id in out
    assert "aws_bedrockagent_agent.faq" in out
    assert SENSITIVE_DEFAULT not in out + completed.stderr


def test_pipe_json_names_the_findings(workspace: Workspace) -> None:
    completed = pipe(workspace, "-f json")
    assert completed.returncode == 1, completed.stderr
    report = json.loads(completed.stdout)
    found = {(f["check_id"], f["address"]): f["status"] for f in report["findings"]}
    expected = {
        ("SRM-AWS-002", "aws_bedrock_model_invocation_logging_configuration.this"): "FAIL",
        ("SRM-AWS-004", "aws_bedrockagent_agent.faq"): "FAIL",
        ("SRM-AWS-004", "aws_bedrockagent_agent.support"): "PASS",
        ("SRM-AWS-005", "aws_bedrock_guardrail.weak"): "FAIL",
        ("SRM-AWS-007", "aws_bedrock_guardrail.weak"): "FAIL",
        ("SRM-AWS-008", "aws_bedrockagent_agent.support"): "FAIL",
        ("SRM-AWS-010", "aws_vpc_endpoint.bedrock_runtime"): "FAIL",
        ("SRM-AWS-011", "aws_vpc_endpoint.bedrock_runtime"): "FAIL",
        ("SRM-AWS-012", "aws_iam_role_policy.invoke_any_model"): "FAIL",
        ("SRM-AWS-013", "aws_iam_role_policy_attachment.bedrock_full_access"): "FAIL",
        ("SRM-AWS-016", "aws_bedrockagent_data_source.docs"): "FAIL",
        ("SRM-AWS-020", "aws_lambda_permission.bedrock"): "FAIL",
        ("SRM-AWS-023", ""): "NOT_EVIDENCED",
        ("SRM-AWS-024", "aws_bedrockagent_agent.faq"): "FAIL",
    }
    assert {key: found.get(key) for key in expected} == expected
    assert report["source"] == "-"
    assert [t["target"] for t in report["targets"]] == ["aws_bedrock"]
    assert SENSITIVE_DEFAULT not in completed.stdout + completed.stderr


def test_pipe_matches_the_shipped_plan(workspace: Workspace) -> None:
    """The live plan and examples/…/plan.json give the same findings."""
    live = json.loads(pipe(workspace, "-f json").stdout)
    shipped = subprocess.run(
        [sys.executable, "-m", "srm_iac", "check", str(EXAMPLE / "plan.json"), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert shipped.returncode == 1, shipped.stderr
    statuses = [
        {(f["check_id"], f["address"], f["status"]) for f in report["findings"]}
        for report in (live, json.loads(shipped.stdout))
    ]
    assert statuses[0] == statuses[1]
