"""``srm-iac catalog changes --since DATE``: the provider maps' changelog entries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from srm_iac.catalog.loader import default_catalog_dir
from tests.cli.helpers import run_cli

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """The shipped catalog with a later Bedrock entry (a new provider feature)."""
    root = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), root)
    path = root / "providers/aws_bedrock.yaml"
    document = yaml.safe_load(path.read_text())
    document["last_reviewed"] = "2027-03-01"
    document["changelog"].append(
        {"date": "2027-03-01", "summary": "Guardrails screens tool results: AI-SEC-010 revisited."}
    )
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return root


def test_changes_since_a_date(capsys: Capsys, monkeypatch: Patch, catalog_copy: Path) -> None:
    run = run_cli(
        capsys,
        monkeypatch,
        "catalog",
        "changes",
        "--since",
        "2027-01-01",
        "--catalog",
        str(catalog_copy),
        "-f",
        "json",
    )
    document = json.loads(run.out)
    assert run.code == 0 and document["since"] == "2027-01-01"
    bedrock = document["targets"]["aws_bedrock"]
    assert bedrock["last_reviewed"] == "2027-03-01"
    assert [c["date"] for c in bedrock["changes"]] == ["2027-03-01"]
    assert document["targets"]["gcp_vertex"]["changes"] == []


def test_table_and_target_filter(capsys: Capsys, monkeypatch: Patch, catalog_copy: Path) -> None:
    run = run_cli(
        capsys,
        monkeypatch,
        "catalog",
        "changes",
        "--since",
        "2026-01-01",
        "-t",
        "aws_bedrock",
        "--catalog",
        str(catalog_copy),
    )
    assert run.code == 0 and "AWS Bedrock (aws_bedrock), last reviewed 2027-03-01" in run.out
    assert "2027-03-01  Guardrails screens tool results" in run.out
    assert "Azure" not in run.out
    later = run_cli(
        capsys, monkeypatch, "catalog", "changes", "--since", "2028-01-01", "-t", "gcp_vertex"
    )
    assert "no changes since 2028-01-01" in later.out


def test_bad_date_is_a_usage_error(capsys: Capsys, monkeypatch: Patch) -> None:
    with pytest.raises(SystemExit) as raised:
        run_cli(capsys, monkeypatch, "catalog", "changes", "--since", "last spring")
    assert raised.value.code == 2 and "use YYYY-MM-DD" in capsys.readouterr().err
