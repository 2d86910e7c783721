"""The shipped examples: insecure ones fail, hardened ones pass, no secret ever leaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plan_parsers.loader import load_inventory, read_source
from tests.cli.helpers import run_cli
from tests.conftest import REPO

EXAMPLES = sorted((REPO / "examples" / "terraform").glob("*/plan.json"))
FORMATS = ("table", "json", "sarif", "markdown", "junit", "html")


def _options(example: Path) -> list[str]:
    config = example.parent / "srm-iac.yaml"
    return ["--config", str(config)] if config.exists() else []


def test_there_is_an_insecure_and_a_hardened_example_per_target() -> None:
    names = {path.parent.name for path in EXAMPLES}
    for target in ("bedrock", "azure-openai", "vertex-ai", "self-hosted"):
        assert {f"{target}-insecure", f"{target}-hardened"} <= names


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_verdict(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, example: Path
) -> None:
    run = run_cli(capsys, monkeypatch, "check", str(example), "-f", "json", *_options(example))
    report = json.loads(run.out)
    failing = [f for f in report["findings"] if f["status"] == "FAIL"]
    if example.parent.name.endswith("-insecure"):
        assert run.code == 1 and len(failing) >= 10
    else:
        assert run.code == 0 and not failing
        assert all(f["status"] in ("PASS", "WAIVED") for f in report["findings"]), [
            (f["check_id"], f["status"]) for f in report["findings"] if f["status"] != "PASS"
        ]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_secrets_never_appear(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, example: Path
) -> None:
    secrets = load_inventory(read_source(str(example))).secrets
    assert secrets, f"{example} should carry a sensitive value"
    for fmt in FORMATS:
        run = run_cli(capsys, monkeypatch, "check", str(example), "-f", fmt, *_options(example))
        for secret in secrets:
            assert secret not in run.out and secret not in run.err, (fmt, secret)
