"""Golden HTML pages for every shipped example and for a catalog audit.

Volatile fields (the srm-iac version, the repository path) are redacted. After an intended
change, rewrite them with ``python -m pytest tests/reporters/html --update-golden`` and review
the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from srm_iac import __version__
from tests.cli.helpers import run_cli
from tests.conftest import REPO
from tests.reporters.html.examples import EXAMPLES

GOLDEN = REPO / "tests" / "golden" / "html"


def redact_volatile(text: str) -> str:
    """The page without the tool version and the absolute repository path."""
    return text.replace(f"srm-iac {__version__}", "srm-iac <version>").replace(
        f"{REPO}/", "<repo>/"
    )


def check_golden(name: str, text: str, update: bool) -> None:
    """Compare ``text`` with the golden file ``name`` (or rewrite it)."""
    path = GOLDEN / name
    text = redact_volatile(text)
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: run pytest with --update-golden to create it")
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs from the rendered page: if the change is intended, rerun with "
        "--update-golden and review the diff"
    )


def _cli_options(example: Path) -> list[str]:
    config = example.parent / "srm-iac.yaml"
    return ["--config", str(config.relative_to(REPO))] if config.exists() else []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_page_matches_golden(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    update_golden: bool,
    example: Path,
) -> None:
    monkeypatch.chdir(REPO)
    relative = str(example.relative_to(REPO))
    run = run_cli(capsys, monkeypatch, "check", relative, "-f", "html", *_cli_options(example))
    assert run.code in (0, 1) and run.err == ""
    check_golden(f"{example.parent.name}.html", run.out, update_golden)


def test_audit_page_matches_golden(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, update_golden: bool
) -> None:
    monkeypatch.chdir(REPO)
    targets = [arg for target in ("aws_bedrock", "self_hosted") for arg in ("-t", target)]
    run = run_cli(capsys, monkeypatch, "audit", *targets, "-f", "html")
    assert run.code == 1 and run.err == ""
    check_golden("audit-bedrock-self-hosted.html", run.out, update_golden)


def test_every_golden_file_belongs_to_a_test() -> None:
    expected = {f"{example.parent.name}.html" for example in EXAMPLES}
    expected.add("audit-bedrock-self-hosted.html")
    assert {path.name for path in GOLDEN.glob("*.html")} <= expected
