"""``srm-iac pre-commit FILE...``: each directory of the changed files is checked once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from srm_iac.cli.precommit import directories_of
from tests.cli.helpers import run_cli
from tests.conftest import REPO

EXAMPLES = REPO / "examples" / "terraform"
Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch


def test_directories_are_distinct_and_ordered() -> None:
    files = ["b/main.tf", "a/x.tf", "b/vars.tf", "root.tf"]
    assert directories_of(files) == [".", "a", "b"]


def copy_example(name: str, into: Path) -> None:
    shutil.copytree(EXAMPLES / name, into / name)


def test_the_worst_exit_code_wins(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    copy_example("bedrock-insecure", tmp_path)
    copy_example("azure-openai-hardened", tmp_path)
    monkeypatch.chdir(tmp_path)
    run = run_cli(
        capsys,
        monkeypatch,
        "pre-commit",
        "bedrock-insecure/main.tf",
        "azure-openai-hardened/main.tf",
        "--fail-on",
        "critical",
    )
    assert run.code == 1, run.err
    assert "bedrock-insecure" in run.out and "azure-openai-hardened" in run.out
    assert "SRM-AWS-024" in run.out


def test_no_files_is_a_clean_run(capsys: Capsys, monkeypatch: Patch) -> None:
    run = run_cli(capsys, monkeypatch, "pre-commit")
    assert (run.code, run.out) == (0, "")
