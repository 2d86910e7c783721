"""No secret ever leaves srm-iac: canaries planted everywhere, searched for everywhere.

Every place a secret can hide in an input gets its own canary (``canaries.py``): sensitive
attributes before and after, prior state, planned values, drift, outputs, sensitive
variables and their defaults, module variables, provider configuration, a credential in a
plain environment variable, Terraform source variables and tfvars, tokens in attestation
links, the platform tokens in the environment, and a check that raises with a canary in its
message. Every command that reads them runs, in every output format, to standard output
and to files, and to fake GitHub and GitLab servers; no canary may appear in any output,
error, log line, request (body, path, query or header other than the token's own) or file.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from plan_parsers.loader import SourceOptions, load_inventory, read_source
from plan_parsers.terraform_hcl import parse_source
from srm_iac.model.enums import Target
from srm_iac.model.inventory import SourceLocation
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.reporters.formats import OutputFormat
from srm_iac.reporters.interface import RenderOptions
from srm_iac.rules.check import Check, CheckContext, Result
from tests.cli.helpers import Run, run_cli
from tests.conftest import TODAY
from tests.review import scenario
from tests.review.fake_github import FakeGitHub
from tests.review.fake_gitlab import FakeGitLab
from tests.robustness import canaries
from tests.robustness.canaries import CANARIES, leaks
from tests.robustness.parsers import catalog

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
RAISING_CHECK = "SRM-AWS-004"


def _raise(context: CheckContext) -> Iterator[Result]:
    raise RuntimeError(f"cannot read instruction {CANARIES['check-exception']}")
    yield  # pragma: no cover


def raising(checks_for: Callable[[Iterable[Target]], tuple[Check, ...]]) -> Any:
    """``checks_for`` with ``RAISING_CHECK`` replaced by one that raises."""

    def patched(targets: Iterable[Target]) -> tuple[Check, ...]:
        return tuple(
            Check(check.id, _raise) if check.id == RAISING_CHECK else check
            for check in checks_for(targets)
        )

    return patched


@pytest.fixture
def planted(monkeypatch: Patch, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Platform tokens in the environment, a check that raises, every log line captured."""
    import srm_iac.rules.registry as registry

    for name in list(os.environ):
        if name.startswith(("GITHUB_", "GITLAB_", "CI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("GITHUB_TOKEN", CANARIES["github-token"])
    monkeypatch.setenv("GITLAB_TOKEN", CANARIES["gitlab-token"])
    monkeypatch.setattr(registry, "checks_for", raising(registry.checks_for))
    caplog.set_level(logging.DEBUG)
    yield
    assert leaks(caplog.text) == [], "a canary reached a log line"


def assert_clean(*texts: str) -> None:
    for text in texts:
        assert leaks(text) == [], text[:2000]


def cli(capsys: Capsys, monkeypatch: Patch, *argv: str) -> Run:
    run = run_cli(capsys, monkeypatch, *argv)
    assert_clean(run.out, run.err)
    assert "Traceback" not in run.err and "internal error (" not in run.err
    return run


# -- check, every format, stdout and --output ----------------------------------------------


@pytest.mark.usefixtures("planted")
@pytest.mark.parametrize("output", [f.value for f in OutputFormat])
def test_check_of_a_plan_prints_no_canary(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, output: str
) -> None:
    plan = canaries.write_plan(tmp_path)
    report = tmp_path / f"report.{output}"
    printed = cli(capsys, monkeypatch, "check", str(plan), "-f", output)
    written = cli(capsys, monkeypatch, "check", str(plan), "-f", output, "-o", str(report))
    assert printed.code == written.code == 2, printed.err
    assert f"check {RAISING_CHECK} raised RuntimeError" in printed.err
    assert_clean(report.read_text(encoding="utf-8"))
    kept = cli(capsys, monkeypatch, "check", str(plan), "-f", output, "--keep-going")
    assert kept.code == 1


@pytest.mark.usefixtures("planted")
@pytest.mark.parametrize("output", [f.value for f in OutputFormat])
def test_check_of_source_prints_no_canary(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, output: str
) -> None:
    source = canaries.write_source(tmp_path / "infra")
    run = cli(capsys, monkeypatch, "check", str(source), "-f", output, "--keep-going")
    assert run.code == 1, run.err


@pytest.mark.usefixtures("planted")
def test_a_plan_enriched_from_its_source_prints_no_canary(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    source = canaries.write_source(tmp_path / "infra")
    plan = canaries.write_plan(tmp_path)
    for output in OutputFormat:
        cli(capsys, monkeypatch, "check", str(plan), "--source-dir", str(source), "-f", output)


@pytest.mark.usefixtures("planted")
def test_pre_commit_prints_no_canary(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    source = canaries.write_source(tmp_path / "infra")
    run = cli(capsys, monkeypatch, "pre-commit", str(source / "main.tf"))
    assert run.code == 2


@pytest.mark.usefixtures("planted")
@pytest.mark.parametrize("output", ["table", "json", "markdown"])
def test_audit_prints_no_token_from_an_evidence_link(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, output: str
) -> None:
    attestations = canaries.write_attestations(tmp_path)
    run = cli(
        capsys,
        monkeypatch,
        "audit",
        "--target",
        "aws_bedrock",
        "--attestations",
        str(attestations),
        "-f",
        output,
    )
    if output == "json":
        assert "https://wiki.example.com/red-team" in run.out


@pytest.mark.usefixtures("planted")
def test_check_with_attestations_prints_no_token_from_an_evidence_link(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    attestations = canaries.write_attestations(tmp_path)
    plan = canaries.write_plan(tmp_path)
    for output in OutputFormat:
        cli(
            capsys,
            monkeypatch,
            "check",
            str(plan),
            "--attestations",
            str(attestations),
            "-f",
            output,
        )


# -- errors --------------------------------------------------------------------------------


@pytest.mark.usefixtures("planted")
@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"format_version": "1.2"', '"format_version": 12'),
        lambda text: text.replace(
            CANARIES["after-sensitive"], CANARIES["after-sensitive"] + "\x00"
        ),
        lambda text: text.replace('"resource_changes"', '"resource_changes": 1, "x"', 1),
        lambda text: text + "\n{}",
    ],
    ids=["truncated", "bad-version", "control-character", "bad-type", "extra-data"],
)
def test_errors_about_a_plan_quote_no_canary(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, damage: object
) -> None:
    plan = canaries.write_plan(tmp_path)
    plan.write_text(damage(plan.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    run = cli(capsys, monkeypatch, "check", str(plan))
    assert run.code in (1, 2)


@pytest.mark.usefixtures("planted")
def test_errors_about_source_quote_no_canary(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    source = canaries.write_source(tmp_path / "infra")
    main = source / "main.tf"
    main.write_text(main.read_text(encoding="utf-8").replace("}", "", 3), encoding="utf-8")
    (source / "terraform.tfvars").write_text(
        f'api_key = "{CANARIES["hcl-tfvars"]}\n', encoding="utf-8"
    )
    cli(capsys, monkeypatch, "check", str(source))
    cli(capsys, monkeypatch, "check", str(source), "--var-file", str(source / "terraform.tfvars"))


@pytest.mark.usefixtures("planted")
def test_errors_about_attestations_quote_no_canary(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    attestations = canaries.write_attestations(tmp_path)
    text = attestations.read_text(encoding="utf-8")
    for broken in (text.replace("owner:", "ownr:"), text.replace("2027-05-01", "2026-02-30")):
        attestations.write_text(broken, encoding="utf-8")
        run = cli(
            capsys, monkeypatch, "audit", "-t", "aws_bedrock", "--attestations", str(attestations)
        )
        assert run.code == 2


# -- the first line of defence: reporters print no sensitive value even unscrubbed --------------


@pytest.mark.usefixtures("planted")
def test_reports_hold_no_canary_before_scrubbing(tmp_path: Path) -> None:
    plan = canaries.write_plan(tmp_path)
    source = canaries.write_source(tmp_path / "infra")
    inventories = [
        load_inventory(read_source(str(plan)), options=SourceOptions(discover=False)),
        parse_source(source),
    ]
    for inventory in inventories:
        report = check_inventory(catalog(), inventory, RunOptions(today=TODAY))
        assert report.failures and report.findings
        for output in OutputFormat:
            assert_clean(output.renderer()(report, catalog(), RenderOptions()))


def test_every_sensitive_plan_canary_is_collected_for_scrubbing(tmp_path: Path) -> None:
    inventory = load_inventory(
        read_source(str(canaries.write_plan(tmp_path))), options=SourceOptions(discover=False)
    )
    expected = {
        "after-sensitive",
        "after-sensitive-enum",
        "after-sensitive-model",
        "after-sensitive-map-key",
        "before-sensitive",
        "prior-state",
        "output-change",
        "planned-output",
        "variable-default",
        "variable-value",
    }
    collected = {place for place, canary in CANARIES.items() if canary in inventory.secrets}
    assert expected <= collected


def test_every_sensitive_source_canary_is_collected_for_scrubbing(tmp_path: Path) -> None:
    inventory = parse_source(canaries.write_source(tmp_path / "infra"))
    assert CANARIES["hcl-variable-default"] in inventory.secrets
    assert CANARIES["hcl-tfvars"] in inventory.secrets


# -- pull-request comments ------------------------------------------------------------------------

LOCATIONS = {
    "aws_bedrock_guardrail.weak": SourceLocation("infra/main.tf", 12, 30),
    "aws_bedrockagent_agent.agent": SourceLocation("infra/main.tf", 31, 38),
}


AUTH_HEADERS = ("authorization", "private-token")
"""Where GitHub and GitLab take the token: the only place it may appear."""


def assert_requests_clean(requests: list[object], token: str) -> None:
    assert requests, "nothing was posted"
    for request in requests:
        body = getattr(request, "body", "")
        where = getattr(request, "path", "") + json.dumps(getattr(request, "query", {}))
        headers = {
            key: value
            for key, value in getattr(request, "headers", {}).items()
            if key.lower() not in AUTH_HEADERS
        }
        assert_clean(body, where, json.dumps(headers))
        assert token not in body + where + json.dumps(headers)


@pytest.mark.usefixtures("planted")
def test_dry_run_comment_prints_no_canary(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = canaries.write_plan(tmp_path)
    run = cli(capsys, monkeypatch, "comment", str(plan), "--dry-run", "--repo", "a/b", "--pr", "1")
    assert run.code == 2 and "srm-iac:summary" in run.out


@pytest.mark.usefixtures("planted")
def test_github_comment_posts_no_canary(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    token = CANARIES["github-token"]
    fake = FakeGitHub(token=token, files=scenario.github_files())
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}), encoding="utf-8")
    with fake.running():
        monkeypatch.setenv("GITHUB_REPOSITORY", fake.repo)
        monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
        monkeypatch.setenv("GITHUB_API_URL", fake.api_url)
        monkeypatch.setattr("srm_iac.review.http.SLEEP", lambda seconds: None)
        scenario.locate(monkeypatch, LOCATIONS)
        run = cli(capsys, monkeypatch, "comment", str(canaries.write_plan(tmp_path)))
    assert run.code == 2, run.err
    assert fake.issue_comments and fake.review_comments
    assert_requests_clean(list(fake.requests), token)


@pytest.mark.usefixtures("planted")
def test_gitlab_comment_posts_no_canary(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    token = CANARIES["gitlab-token"]
    fake = FakeGitLab(token=token, diffs=scenario.gitlab_diffs())
    with fake.running():
        monkeypatch.setenv("GITLAB_CI", "true")
        monkeypatch.setenv("CI_API_V4_URL", fake.api_url)
        monkeypatch.setenv("CI_PROJECT_ID", fake.project)
        monkeypatch.setenv("CI_MERGE_REQUEST_IID", str(fake.iid))
        monkeypatch.setattr("srm_iac.review.http.SLEEP", lambda seconds: None)
        scenario.locate(monkeypatch, LOCATIONS)
        run = cli(capsys, monkeypatch, "comment", str(canaries.write_plan(tmp_path)))
    assert run.code == 2, run.err
    assert fake.notes and fake.discussions
    assert_requests_clean(list(fake.requests), token)


@pytest.mark.usefixtures("planted")
def test_a_rejected_token_is_not_quoted(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    fake = FakeGitHub(token="the-right-token", files=scenario.github_files())
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}), encoding="utf-8")
    with fake.running():
        monkeypatch.setenv("GITHUB_REPOSITORY", fake.repo)
        monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
        monkeypatch.setenv("GITHUB_API_URL", fake.api_url)
        monkeypatch.setattr("srm_iac.review.http.SLEEP", lambda seconds: None)
        run = cli(capsys, monkeypatch, "comment", str(canaries.write_plan(tmp_path)))
    assert run.code == 2 and "srm-iac: error:" in run.err


# -- Pulumi: previews and the CrossGuard policy pack ------------------------------------------


@pytest.mark.usefixtures("planted")
@pytest.mark.parametrize("output", [f.value for f in OutputFormat])
def test_check_of_a_preview_prints_no_canary(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, output: str
) -> None:
    run = cli(capsys, monkeypatch, "check", str(canaries.write_preview(tmp_path)), "-f", output)
    assert run.code == 2, run.err


def test_every_pulumi_secret_is_collected_for_scrubbing(tmp_path: Path) -> None:
    inventory = load_inventory(
        read_source(str(canaries.write_preview(tmp_path))), options=SourceOptions(discover=False)
    )
    assert CANARIES["pulumi-secret"] in inventory.secrets
    assert CANARIES["pulumi-secret-model"] in inventory.secrets


@pytest.mark.usefixtures("planted")
def test_no_crossguard_diagnostic_or_audit_report_holds_a_canary(tmp_path: Path) -> None:
    import srm_iac.rules.registry as registry
    from srm_iac.cli.common import emit
    from srm_iac.pulumi_pack.analysis import analyse
    from srm_iac.pulumi_pack.evaluate import audit_stack, evaluate_resource, evaluate_stack
    from srm_iac.pulumi_pack.settings import settings_for

    resources = canaries.stack()
    stack = analyse(resources)
    assert CANARIES["crossguard-secret"] in stack.inventory.secrets
    messages: list[str] = []
    for check in registry.checks_for(Target):
        settings = settings_for({}, catalog(), check_id=check.id)
        verdicts = [evaluate_stack(catalog(), check, stack, settings, TODAY)]
        verdicts += [evaluate_resource(catalog(), check, r, settings, TODAY) for r in resources]
        for verdict in verdicts:
            messages += [text for text, _ in verdict.violations]
            messages += [*verdict.advisories, verdict.not_applicable]
    outcome = audit_stack(catalog(), stack, settings_for({}, catalog(), check_id=None), TODAY)
    messages += [text for text, _ in outcome.verdicts.violations]
    assert any(RAISING_CHECK in message or "internal error" in message for message in messages)
    assert_clean(*messages)
    for output in OutputFormat:
        path = tmp_path / f"audit.{output.value}"
        text = output.renderer()(outcome.report, catalog(), RenderOptions())
        emit(text, path, (), outcome.inventory.secrets)
        assert_clean(text, path.read_text(encoding="utf-8"))
