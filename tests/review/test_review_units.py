"""Hunk parsing, markers, placement of inline comments, platform registration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Status
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.review.comments import (
    fingerprints_in,
    inline_fingerprint,
    is_summary,
    scrub_outside_markers,
    summary_marker,
)
from srm_iac.review.diff import FileDiff, commentable_lines
from srm_iac.review.interface import Platform, RequestSelection
from srm_iac.review.publish import Candidate, dry_run_text, place, plan_review, repository_path
from tests.conftest import TODAY
from tests.factories import inventory, resource
from tests.reporters.gfm import problems
from tests.review import scenario

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "comment"


def test_hunks_map_new_lines_to_old_lines() -> None:
    patch = (
        "@@ -1,3 +1,4 @@\n"
        " a\n"
        "-b\n"
        "+B\n"
        "+C\n"
        " d\n"
        "@@ -20,2 +21,2 @@ locals {\n"
        " x\n"
        "-y\n"
        "+z\n"
        "\\ No newline at end of file"
    )
    assert commentable_lines(patch) == {1: 1, 2: None, 3: None, 4: 3, 21: 20, 22: None}


def test_a_context_line_whose_space_was_stripped_still_counts() -> None:
    assert commentable_lines("@@ -5,3 +5,3 @@\n a\n\n-b\n+c") == {5: 5, 6: 6, 7: None}


def test_hunk_headers_without_counts_and_deleted_files() -> None:
    assert commentable_lines("@@ -1 +1 @@\n-old\n+new") == {1: None}
    assert commentable_lines("@@ -1,2 +0,0 @@\n-a\n-b") == {}
    assert commentable_lines("") == {}


def candidate(start: int, end: int) -> Candidate:
    return Candidate("0" * 16, "main.tf", start, end, "SRM-AWS-005 x", "body")


def test_placement_prefers_the_block_start_then_an_added_line() -> None:
    diff = FileDiff("main.tf", "main.tf", {10: 10, 11: None, 12: 11, 30: None})
    comment = place(candidate(10, 20), diff)
    assert comment is not None and (comment.line, comment.old_line) == (10, 10)
    comment = place(candidate(9, 20), diff)
    assert comment is not None and (comment.line, comment.old_line) == (11, None)
    assert place(candidate(13, 29), diff) is None


def test_only_context_lines_in_the_block() -> None:
    diff = FileDiff("main.tf", "old.tf", {5: 3, 6: 4})
    comment = place(candidate(4, 8), diff)
    assert comment is not None
    assert (comment.line, comment.old_line, comment.old_path) == (5, 3, "old.tf")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("infra/main.tf", "infra/main.tf"),
        ("./infra/../infra/main.tf", "infra/main.tf"),
        ("infra\\main.tf", "infra/main.tf"),
        ("../elsewhere/main.tf", ""),
        ("/abs/main.tf", ""),
    ],
)
def test_repository_paths(path: str, expected: str) -> None:
    assert repository_path(path) == expected


def test_markers() -> None:
    assert summary_marker() == "<!-- srm-iac:summary -->"
    assert summary_marker("prod/eu") == "<!-- srm-iac:summary:prod/eu -->"
    assert is_summary("<!-- srm-iac:summary -->\n## x", summary_marker())
    assert not is_summary("<!-- srm-iac:summary:prod/eu -->\n## x", summary_marker())
    assert not is_summary("> <!-- srm-iac:summary -->\n## x", summary_marker())
    body = "text <!-- srm-iac:finding 0123456789abcdef --> <!-- srm-iac:finding nothex -->"
    assert fingerprints_in(body) == {"0123456789abcdef"}


def test_scrubbing_never_touches_a_marker() -> None:
    body = "secret 1234 here\n<!-- srm-iac:finding 12345678abcdef90 -->\n"
    scrubbed = scrub_outside_markers(body, lambda text: text.replace("1234", "***"))
    assert scrubbed == "secret *** here\n<!-- srm-iac:finding 12345678abcdef90 -->\n"


def test_inline_identity_depends_on_finding_and_file(catalog: Catalog) -> None:
    report = check_inventory(
        catalog, inventory(resource("aws_bedrock_guardrail", "g")), RunOptions(today=TODAY)
    )
    finding = next(f for f in report.findings if f.status is Status.FAIL)
    assert inline_fingerprint(finding, "a/main.tf") == inline_fingerprint(finding, "a/main.tf")
    assert inline_fingerprint(finding, "a/main.tf") != inline_fingerprint(finding, "b/main.tf")


def test_dry_run_matches_golden_and_renders(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    update_golden: bool,
) -> None:
    from tests.cli.helpers import run_cli

    monkeypatch.chdir(tmp_path)
    scenario.write_plan(tmp_path)
    scenario.locate(monkeypatch)
    run = run_cli(capsys, monkeypatch, "comment", "plan.json", "--dry-run")
    from srm_iac import __version__

    text = run.out.replace(f"srm-iac {__version__}", "srm-iac <version>")
    path = GOLDEN / "dry-run.txt"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_every_body_renders_on_github(catalog: Catalog) -> None:
    from plan_parsers.terraform_plan import parse_plan

    parsed = parse_plan(scenario.plan(), "plan.json")
    for item in parsed.resources:
        item.location = scenario.LOCATIONS.get(item.address)
    report = check_inventory(catalog, parsed, RunOptions(today=TODAY))
    plan = plan_review(report, catalog, lambda text: text)
    assert len(plan.candidates) == 6
    assert problems(plan.summary) == []
    for item in plan.candidates:
        assert problems(item.body) == []
        assert len(fingerprints_in(item.body)) == 1
    assert "inline comment(s)" in dry_run_text(plan)


def test_every_platform_connects() -> None:
    environment = {
        "GITHUB_TOKEN": "t",
        "GITHUB_REPOSITORY": "a/b",
        "GITLAB_TOKEN": "t",
        "CI_PROJECT_ID": "1",
        "CI_MERGE_REQUEST_IID": "2",
    }
    for platform in Platform:
        review = platform.connect(RequestSelection(environment, number=2))
        assert review.name == platform.display_name
        review.close()


def test_platform_detection() -> None:
    assert Platform.detect({"GITLAB_CI": "true"}) is Platform.GITLAB
    assert Platform.detect({"GITHUB_ACTIONS": "true"}) is Platform.GITHUB
    assert Platform.detect({}) is Platform.GITHUB


def test_cli_start_up_does_not_import_the_http_client() -> None:
    code = (
        "import sys, srm_iac.cli.main as m; m.build_parser(); "
        "print(sorted(n for n in ('httpx', 'markdown_it', 'srm_iac.review.http') "
        "if n in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_dry_run_needs_no_http_client(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import builtins
    from typing import Any

    from tests.cli.helpers import run_cli

    real_import = builtins.__import__

    def no_httpx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "httpx":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_httpx)
    run = run_cli(capsys, monkeypatch, "comment", str(scenario.write_plan(tmp_path)), "--dry-run")
    assert run.code == 1 and run.out.startswith("=== summary comment")
