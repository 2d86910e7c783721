"""``--format html`` on check and audit, written with ``--output``."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from tests.cli.test_check_command import CANARIES, bedrock_plan

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch


def test_check_writes_a_self_contained_page(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(bedrock_plan()))
    output = tmp_path / "out" / "report.html"
    run = run_cli(capsys, monkeypatch, "check", str(plan), "-f", "html", "-o", str(output))
    assert run.code == 1 and run.out == "" and run.err == ""
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert 'id="heatmap"' in page and 'id="findings-table"' in page
    for canary in CANARIES.values():
        assert canary not in page


def test_audit_writes_a_page(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    output = tmp_path / "audit.html"
    run = run_cli(
        capsys, monkeypatch, "audit", "-t", "azure_openai", "-f", "html", "-o", str(output)
    )
    assert run.code == 1 and run.out == ""
    page = output.read_text(encoding="utf-8")
    assert "Azure OpenAI" in page and "catalog audit" in page.lower()


def test_output_to_a_pipe_keeps_the_pipe(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    """``-o /dev/stdout`` or a named pipe is written in place, never replaced by a file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(
        target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True
    )
    reader.start()
    run = run_cli(capsys, monkeypatch, "audit", "-t", "aws_bedrock", "-f", "json", "-o", str(fifo))
    reader.join(timeout=10)
    assert run.code == 1 and fifo.is_fifo()
    assert json.loads(received[0])["targets"][0]["target"] == "aws_bedrock"
