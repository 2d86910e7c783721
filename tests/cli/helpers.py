"""Run the CLI in-process and capture what it prints."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass

import pytest

from srm_iac.cli.main import main


@dataclass
class Run:
    code: int
    out: str
    err: str


class _Stdin(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def run_cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    stdin: bytes | None = None,
) -> Run:
    """``srm-iac argv...`` with optional bytes on standard input."""
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", _Stdin(io.BytesIO(stdin)))
    monkeypatch.setenv("SRM_IAC_TODAY", "2026-11-28")
    code = main(list(argv))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)
