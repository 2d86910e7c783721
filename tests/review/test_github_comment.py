"""``srm-iac comment`` against a local fake of the GitHub REST API, end to end."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from srm_iac.model.inventory import SourceLocation
from srm_iac.review.comments import fingerprints_in
from tests.cli.helpers import Run, run_cli
from tests.review import scenario
from tests.review.fake_github import FakeGitHub
from tests.review.fake_server import json_body

TOKEN = "ghs_canaryTOKEN5f0c9e2d41b7a83c"
Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
GUARDRAIL_CHECKS = ("SRM-AWS-005", "SRM-AWS-006", "SRM-AWS-007")
AGENT_CHECKS = ("SRM-AWS-008", "SRM-AWS-015", "SRM-AWS-024")


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def github(monkeypatch: Patch, tmp_path: Path) -> Iterator[FakeGitHub]:
    fake = FakeGitHub(token=TOKEN, files=scenario.github_files())
    fake.page_size_cap = 2
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "synchronize", "pull_request": {"number": 7}}))
    with fake.running():
        for name in list(os.environ):
            if name.startswith(("GITHUB_", "GITLAB_", "CI_")):
                monkeypatch.delenv(name)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        monkeypatch.setenv("GITHUB_REPOSITORY", fake.repo)
        monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
        monkeypatch.setenv("GITHUB_API_URL", fake.api_url)
        monkeypatch.setattr("srm_iac.review.http.SLEEP", Sleeps())
        scenario.locate(monkeypatch)
        yield fake


def comment(capsys: Capsys, monkeypatch: Patch, plan: Path | str, *extra: str) -> Run:
    return run_cli(capsys, monkeypatch, "comment", str(plan), *extra)


def inline_checks(fake: FakeGitHub) -> list[str]:
    return sorted(c["body"].split("**")[1].split()[-1] for c in fake.review_comments)


def assert_never_leaked(fake: FakeGitHub, *outputs: Run) -> None:
    secrets = (TOKEN, scenario.SECRET_INSTRUCTION, "canary-instruction", scenario.SECRET_VARIABLE)
    for request in fake.requests:
        for secret in secrets:
            assert secret not in request.body
            assert secret not in request.path + json.dumps(request.query)
        other_headers = {k: v for k, v in request.headers.items() if k != "authorization"}
        assert TOKEN not in json.dumps(other_headers)
    for run in outputs:
        for secret in secrets:
            assert secret not in run.out and secret not in run.err


def test_first_run_posts_one_summary_and_one_review_of_inline_comments(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))

    assert run.code == 1, run.err
    assert len(github.issue_comments) == 1
    summary = github.issue_comments[0]["body"]
    assert summary.startswith("<!-- srm-iac:summary -->\n")
    assert len(github.reviews) == 1 and github.reviews[0]["state"] == "COMMENTED"
    assert inline_checks(github) == list(GUARDRAIL_CHECKS)
    assert {(c["path"], c["line"], c["side"]) for c in github.review_comments} == {
        ("infra/main.tf", 12, "RIGHT")
    }
    for check_id in (*GUARDRAIL_CHECKS, *AGENT_CHECKS):
        assert check_id in summary
    assert "`infra/agent.tf:1`" in summary
    assert "summary comment created (https://github.com/acme/infra/pull/7#issuecomment-" in run.err
    assert "3 inline comment(s) posted, 0 already there, 3 finding(s) outside the diff" in run.err
    review_request = next(r for r in github.requests if r.path.endswith("/reviews"))
    assert json_body(review_request)["commit_id"] == github.head_sha
    assert_never_leaked(github, run)


def test_rerun_with_the_same_findings_posts_nothing_new(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = scenario.write_plan(tmp_path)
    comment(capsys, monkeypatch, plan)
    first_summary = github.issue_comments[0]["body"]
    writes_before = len(github.writes())

    run = comment(capsys, monkeypatch, plan)

    assert run.code == 1
    assert len(github.issue_comments) == 1 and github.issue_comments[0]["body"] == first_summary
    assert len(github.reviews) == 1 and len(github.review_comments) == 3
    assert len(github.writes()) == writes_before
    assert "summary comment unchanged" in run.err
    assert "0 inline comment(s) posted, 3 already there" in run.err
    assert_never_leaked(github, run)


def test_a_fixed_finding_leaves_the_updated_summary(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    comment_id = github.issue_comments[0]["id"]
    assert "SRM-AWS-007" in github.issue_comments[0]["body"]

    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path, pii_filter=True))

    assert len(github.issue_comments) == 1
    updated = github.issue_comments[0]
    assert updated["id"] == comment_id
    assert "SRM-AWS-007" not in updated["body"]
    assert "SRM-AWS-005" in updated["body"]
    patches = [r for r in github.requests if r.method == "PATCH"]
    assert [r.path for r in patches] == [f"/repos/acme/infra/issues/comments/{comment_id}"]
    assert len(github.reviews) == 1 and len(github.review_comments) == 3
    assert "summary comment updated" in run.err
    assert "0 inline comment(s) posted, 2 already there" in run.err
    assert_never_leaked(github, run)


def test_the_summary_is_found_among_many_comments_on_a_later_page(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = scenario.write_plan(tmp_path)
    github.issue_comments += [
        {"id": n, "body": f"> <!-- srm-iac:summary -->\nquoted by a human {n}"} for n in range(5)
    ]
    comment(capsys, monkeypatch, plan)
    github.issue_comments[:0] = [{"id": 900 + n, "body": f"LGTM {n}"} for n in range(5)]
    github.review_comments[:0] = [
        {"id": 800 + n, "body": "nit", "path": "infra/main.tf", "line": 1} for n in range(3)
    ]

    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path, pii_filter=True))

    ours = [c for c in github.issue_comments if c["body"].startswith("<!-- srm-iac:summary")]
    assert len(ours) == 1 and "summary comment updated" in run.err
    pages = [r.query.get("page", "1") for r in github.requests if r.path.endswith("/comments")]
    assert "6" in pages
    assert len(github.review_comments) == 6


def test_a_finding_outside_the_diff_is_only_in_the_summary(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    summary = github.issue_comments[0]["body"]
    inline = " ".join(c["body"] for c in github.review_comments)
    for check_id in AGENT_CHECKS:
        assert check_id in summary
        assert check_id not in inline
    assert all(c["path"] != "infra/agent.tf" for c in github.review_comments)


def test_inline_comments_carry_one_fingerprint_each(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    prints = [fingerprints_in(c["body"]) for c in github.review_comments]
    assert all(len(found) == 1 for found in prints)
    assert len(set().union(*prints)) == 3
    body = github.review_comments[0]["body"]
    assert "<details><summary>How to fix</summary>" in body
    assert "owner on aws_bedrock: customer" in body


def test_rate_limits_are_waited_out(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    github.inject(429, {"Retry-After": "2"}, {"message": "Too Many Requests"})
    github.inject(
        403,
        {"Retry-After": "1", "x-ratelimit-remaining": "4000"},
        {"message": "You have exceeded a secondary rate limit."},
        when=lambda request: request.path.endswith("/reviews"),
    )
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))

    assert run.code == 1, run.err
    from srm_iac.review import http

    assert http.SLEEP == [2.0, 1.0]
    assert len(github.reviews) == 1 and len(github.issue_comments) == 1
    assert "GitHub answered 429 to GET /repos/acme/infra/pulls/7; retrying in 2 s" in run.err


@pytest.mark.parametrize(
    ("status", "message", "expected"),
    [
        (401, "Bad credentials", "the token was rejected; check GITHUB_TOKEN"),
        (403, "Resource not accessible by integration", "permissions: pull-requests: write"),
        (404, "Not Found", "check the repository and pull request number"),
    ],
)
def test_access_errors_are_one_line_and_exit_2(
    github: FakeGitHub,
    capsys: Capsys,
    monkeypatch: Patch,
    tmp_path: Path,
    status: int,
    message: str,
    expected: str,
) -> None:
    github.inject(status, {}, {"message": message, "documentation_url": "https://docs.github.com"})
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))

    assert run.code == 2
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("srm-iac: error: GitHub answered")
    assert expected in lines[0] and message in lines[0]
    assert github.writes() == []
    assert_never_leaked(github, run)


def test_a_wrong_token_never_shows(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_wrongTOKEN77")
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert run.code == 2 and "401: Bad credentials" in run.err
    assert "ghp_wrongTOKEN77" not in run.err + run.out


def test_a_rejected_review_keeps_the_summary_and_warns(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    github.files[0]["patch"] = "@@ -0,0 +1,2 @@\n+a\n+b"
    github.inject(
        422,
        {},
        {"message": "Unprocessable Entity", "errors": ["Line could not be resolved"]},
        when=lambda request: request.path.endswith("/reviews"),
    )
    moved = {"aws_bedrock_guardrail.weak": SourceLocation("infra/main.tf", 1, 5)}
    scenario.locate(monkeypatch, moved)
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert run.code == 1
    assert len(github.issue_comments) == 1
    assert "warning: 3 inline comment(s) were not posted (the summary lists" in run.err
    assert "Line could not be resolved" in run.err


def test_pr_from_flags_and_enterprise_api_url(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    fake = FakeGitHub(token=TOKEN, repo="corp/ml", number=12, prefix="/api/v3")
    fake.files = scenario.github_files()
    with fake.running():
        for name in ("GITHUB_EVENT_PATH", "GITHUB_REPOSITORY", "GITLAB_CI"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        monkeypatch.setenv("GITHUB_API_URL", fake.api_url)
        scenario.locate(monkeypatch)
        run = comment(
            capsys, monkeypatch, scenario.write_plan(tmp_path), "--repo", "corp/ml", "--pr", "12"
        )
    assert run.code == 1, run.err
    assert len(fake.issue_comments) == 1 and len(fake.review_comments) == 3
    assert all(r.path.startswith("/api/v3/repos/corp/ml/") for r in fake.requests)
    assert all(r.headers["x-github-api-version"] == "2022-11-28" for r in fake.requests)
    assert all(r.headers["accept"] == "application/vnd.github+json" for r in fake.requests)


def test_two_keys_keep_two_summaries(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = scenario.write_plan(tmp_path)
    comment(capsys, monkeypatch, plan, "--key", "staging")
    comment(capsys, monkeypatch, plan, "--key", "production")
    comment(capsys, monkeypatch, plan, "--key", "staging")
    firsts = sorted(c["body"].split("\n", 1)[0] for c in github.issue_comments)
    assert firsts == [
        "<!-- srm-iac:summary:production -->",
        "<!-- srm-iac:summary:staging -->",
    ]


def test_dry_run_prints_and_never_connects(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    for name in ("GITHUB_TOKEN", "GITHUB_API_URL", "GITHUB_EVENT_PATH", "GITLAB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_API_URL", "http://127.0.0.1:9")
    scenario.locate(monkeypatch)
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path), "--dry-run")
    assert run.code == 1, run.err
    assert run.out.startswith("=== summary comment (updated in place; found by <!-- srm-iac:")
    assert "=== 6 inline comment(s)" in run.out
    assert "--- infra/main.tf:12-30 (SRM-AWS-005 aws_bedrock_guardrail.weak) ---" in run.out
    assert scenario.SECRET_INSTRUCTION not in run.out and "canary" not in run.out
    assert run.err == ""


def test_outside_a_pull_request_the_error_says_what_to_do(
    github: FakeGitHub, capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    event = tmp_path / "push.json"
    event.write_text(json.dumps({"ref": "refs/heads/main", "commits": []}))
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    run = comment(capsys, monkeypatch, scenario.write_plan(tmp_path))
    assert run.code == 2
    assert run.err.strip() == (
        "srm-iac: error: no pull request: this workflow event is not a pull request "
        "(run on `pull_request` events or pass --pr NUMBER)"
    )
    assert github.requests == []


def pull_request_adding(path: str, source: Path) -> dict[str, object]:
    lines = source.read_text().splitlines()
    patch = f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join(f"+{line}" for line in lines)
    return {"filename": path, "status": "added", "patch": patch, "changes": len(lines)}


@pytest.mark.parametrize("layout", ["plan beside the source", "--source-dir"])
def test_locations_from_the_terraform_source_reach_the_right_lines(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, layout: str
) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "terraform" / "bedrock-insecure"
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / "infra").mkdir()
    main_tf = repository / "infra" / "main.tf"
    main_tf.write_text((example / "main.tf").read_text())
    arguments = [str(repository / "infra" / "plan.json")]
    if layout == "--source-dir":
        arguments = [str(tmp_path / "plan.json"), "--source-dir", str(repository / "infra")]
    Path(arguments[0]).write_text((example / "plan.json").read_text())
    fake = FakeGitHub(token=TOKEN, files=[pull_request_adding("infra/main.tf", main_tf)])
    with fake.running():
        for name in ("GITHUB_EVENT_PATH", "GITLAB_CI"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        monkeypatch.setenv("GITHUB_API_URL", fake.api_url)
        run = comment(capsys, monkeypatch, *arguments, "--repo", "acme/infra", "--pr", "7")

    assert run.code == 1, run.err
    source = main_tf.read_text().splitlines()
    placed = {
        (item["path"], source[item["line"] - 1].split("{")[0].strip())
        for item in fake.review_comments
    }
    assert ("infra/main.tf", 'resource "aws_bedrock_guardrail" "weak"') in placed
    assert ("infra/main.tf", 'resource "aws_bedrockagent_agent" "faq"') in placed
    assert len(fake.review_comments) >= 10
    assert "`infra/main.tf:" in fake.issue_comments[0]["body"]
