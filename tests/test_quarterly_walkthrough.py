"""The README's quarterly-assessment walkthrough, run command by command on the shipped examples."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.cli.helpers import Run, run_cli
from tests.conftest import REPO


def _commands() -> list[list[str]]:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Quarterly assessment", 1)[1].split("\n### ", 1)[0]
    lines = [
        line.split("#", 1)[0].strip()
        for block in re.findall(r"```sh\n(.+?)\n```", section, re.S)
        for line in block.splitlines()
    ]
    return [
        argv for line in lines if line for part in line.split("&&") if (argv := shlex.split(part))
    ]


def _shell(argv: list[str], root: Path) -> None:
    """The few shell commands the walkthrough uses, done in Python."""
    if argv[:2] == ["cp", "-r"]:
        shutil.copytree(root / argv[2], root / argv[3])
    elif argv[:2] == ["rm", "-r"]:
        for name in argv[2:]:
            target = root / name
            shutil.rmtree(target) if target.is_dir() else target.unlink()
    elif argv[0] == "mkdir":
        (root / argv[-1]).mkdir(parents=True)
    else:
        raise AssertionError(f"the walkthrough runs a command this test does not know: {argv}")


def test_walkthrough(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runs: list[tuple[list[str], Run]] = []
    for argv in _commands():
        if argv[0] == "srm-iac":
            runs.append((argv, run_cli(capsys, monkeypatch, *argv[1:])))
        else:
            _shell(argv, tmp_path)
    assert not (tmp_path / "estate").exists() and not (tmp_path / ".srm-iac").exists()
    by_command = {" ".join(argv[1:3]): run for argv, run in runs}
    q3, q4 = (run for argv, run in runs if argv[1] == "inventory" and "--record" in argv)
    assert q3.code == 1 and "recorded run 1" in q3.err, q3.err
    for expected in ("aws_bedrockagent_agent.faq", "unapproved_model", "review_overdue", "missing"):
        assert expected in q3.out
    assert "unassigned" in q3.out and "ml-platform" in q3.out  # gap map in the org's team names
    assert q4.code == 1 and "recorded run 2" in q4.err
    history = by_command["history"]
    assert history.code == 0 and "0.0%" in history.out and "40.0%" in history.out
    diff = by_command["diff"]
    assert diff.code == 0 and "aws_bedrock: 0.0% -> 40.0%" in diff.out
    assert "Removed assets (2)" in diff.out and "New gaps: none" in diff.out
    assert by_command["catalog changes"].code == 0
    assert [argv for argv, run in runs if run.code == 2] == []
