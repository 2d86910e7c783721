"""``srm-iac comment --platform gitlab`` against a local fake of the GitLab REST API."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from srm_iac.model.inventory import SourceLocation
from tests.cli.helpers import Run, run_cli
from tests.review import scenario
from tests.review.fake_gitlab import FakeGitLab
from tests.review.fake_server import json_body

TOKEN = "glpat-canaryTOKEN9a8b7c6d5e"
Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch


@pytest.fixture
def gitlab(monkeypatch: Patch) -> Iterator[FakeGitLab]:
    fake = FakeGitLab(token=TOKEN, diffs=scenario.gitlab_diffs())
    fake.page_size_cap = 2
    with fake.running():
        for name in list(os.environ):
            if name.startswith(("GITHUB_", "GITLAB_", "CI_")):
                monkeypatch.delenv(name)
        monkeypatch.setenv("GITLAB_CI", "true")
        monkeypatch.setenv("GITLAB_TOKEN", TOKEN)
        monkeypatch.setenv("CI_API_V4_URL", fake.api_url)
        monkeypatch.setenv("CI_PROJECT_ID", fake.project)
        monkeypatch.setenv("CI_MERGE_REQUEST_IID", str(fake.iid))
        monkeypatch.setattr("srm_iac.review.http.SLEEP", lambda seconds: None)
        scenario.locate(monkeypatch)
        yield fake


def comment(capsys: Capsys, monkeypatch: Patch, plan: Path, *extra: str) -> Run:
    return run_cli(capsys, monkeypatch, "comment", str(plan), *extra)


def summaries(fake: FakeGitLab) -> list[dict[str, object]]:
    return [n for n in fake.notes if str(n["body"]).startswith("<!-- srm-iac:summary")]


def assert_never_leaked(fake: FakeGitLab, *outputs: Run) -> None:
    secrets = (TOKEN, scenario.SECRET_INSTRUCTION, scenario.SECRET_VARIABLE)
    for request in fake.requests:
        for secret in secrets:
            assert secret not in request.body and secret not in request.path
    for run in outputs:
        for secret in secrets:
            assert secret not in run.out + run.err


def test_first_run_posts_a_note_and_one_discussion_per_inline_finding(
    gitlab: FakeGitLab, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))

    assert run.code == 1, run.err
    assert len(summaries(gitlab)) == 1
    assert len(gitlab.discussions) == 3
    positions = [d["notes"][0]["position"] for d in gitlab.discussions]
    assert {(p["new_path"], p["new_line"], "old_line" in p) for p in positions} == {
        ("infra/main.tf", 12, False)
    }
    assert all(p["head_sha"] == gitlab.refs["head_sha"] for p in positions)
    assert "GitLab summary comment created (https://gitlab.example.com/acme/infra/" in run.err
    assert "3 inline comment(s) posted, 0 already there, 3 finding(s) outside the diff" in run.err
    assert all("private-token" in r.headers for r in gitlab.requests)
    assert_never_leaked(gitlab, run)


def test_rerun_posts_nothing_new_and_a_fix_updates_the_note_in_place(
    gitlab: FakeGitLab, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    note_id = summaries(gitlab)[0]["id"]
    writes = len(gitlab.writes())

    again = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert len(gitlab.writes()) == writes
    assert "unchanged" in again.err and "3 already there" in again.err

    fixed = comment(capsys, monkeypatch, scenario.write_plan(tmp_path, pii_filter=True))
    assert [r.method for r in gitlab.writes()[writes:]] == ["PUT"]
    (summary,) = summaries(gitlab)
    assert summary["id"] == note_id
    assert "SRM-AWS-007" not in str(summary["body"]) and "SRM-AWS-005" in str(summary["body"])
    assert len(gitlab.discussions) == 3
    assert "summary comment updated" in fixed.err
    assert_never_leaked(gitlab, again, fixed)


def test_a_context_line_gets_both_old_and_new_line(
    gitlab: FakeGitLab, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    scenario.locate(
        monkeypatch, {"aws_bedrockagent_agent.agent": SourceLocation("infra/agent.tf", 40, 46)}
    )
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert run.code == 1, run.err
    positions = [d["notes"][0]["position"] for d in gitlab.discussions]
    assert len(positions) == 3
    assert {(p["new_path"], p["new_line"], p.get("old_line")) for p in positions} == {
        ("infra/agent.tf", 40, 40)
    }


def test_the_project_can_be_a_path(
    gitlab: FakeGitLab, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    gitlab.project = "acme/infra"
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path), "--repo", "acme/infra")
    assert run.code == 1, run.err
    assert all("/projects/acme%2Finfra/merge_requests/3" in r.path for r in gitlab.requests)


def test_a_job_token_that_may_not_write_gets_a_clear_error(
    gitlab: FakeGitLab, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    monkeypatch.delenv("GITLAB_TOKEN")
    monkeypatch.setenv("CI_JOB_TOKEN", TOKEN)
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert run.code == 2
    (line,) = run.err.strip().splitlines()
    assert line.startswith("srm-iac: error: GitLab answered 403: 403 Forbidden to POST ")
    assert "CI_JOB_TOKEN cannot write merge request notes" in line
    assert "job-token" in gitlab.requests[0].headers
    assert_never_leaked(gitlab, run)


@pytest.mark.parametrize(
    ("status", "expected"),
    [(401, "the token was rejected"), (404, "check CI_PROJECT_ID and the merge request IID")],
)
def test_access_errors_exit_2_with_one_line(
    gitlab: FakeGitLab,
    capsys: Capsys,
    monkeypatch: Patch,
    tmp_path: Path,
    status: int,
    expected: str,
) -> None:
    gitlab.inject(status, {}, {"message": f"{status} Nope"})
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert run.code == 2
    (line,) = run.err.strip().splitlines()
    assert expected in line and gitlab.writes() == []


def test_rate_limited_writes_are_retried(
    gitlab: FakeGitLab, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    gitlab.inject(
        429,
        {"Retry-After": "1", "RateLimit-Remaining": "0"},
        {"message": "Retry later"},
        times=2,
        when=lambda request: request.method == "POST",
    )
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert run.code == 1, run.err
    assert len(summaries(gitlab)) == 1 and len(gitlab.discussions) == 3
    posts = [json_body(r)["body"][:30] for r in gitlab.requests if r.method == "POST"]
    assert len(posts) == 6


def test_not_a_merge_request_pipeline(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    monkeypatch.setenv("GITLAB_CI", "true")
    monkeypatch.setenv("GITLAB_TOKEN", TOKEN)
    monkeypatch.setenv("CI_PROJECT_ID", "42")
    monkeypatch.delenv("CI_MERGE_REQUEST_IID", raising=False)
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert run.code == 2
    assert "not a merge request pipeline" in run.err
    assert json.dumps(run.err).count("\\n") == 1


def test_one_refused_discussion_does_not_stop_the_others(
    gitlab: FakeGitLab, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    posts = iter(range(100))
    gitlab.inject(
        400,
        {},
        {"message": '400 Bad request - Note {:line_code=>["can\'t be blank"]}'},
        when=lambda request: (
            request.path.endswith("/discussions") and request.method == "POST" and next(posts) == 1
        ),
    )
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert run.code == 1, run.err
    assert len(gitlab.discussions) == 2
    assert "2 inline comment(s) posted" in run.err
    assert "warning: 1 inline comment(s) were not posted" in run.err
    assert "infra/main.tf:12: GitLab answered 400" in run.err

    again = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert len(gitlab.discussions) == 3, "the refused one is retried on the next run"
    assert "1 inline comment(s) posted, 2 already there" in again.err
