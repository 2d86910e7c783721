"""Diff of two runs: gaps, assets and failing findings that appeared or went away."""

from __future__ import annotations

import dataclasses

from srm_iac.history.diff import GONE, diff_runs
from srm_iac.history.records import RunRecord
from tests.history.factories import asset_row, failing, gap, record


def _ids(run: RunRecord, run_id: int) -> RunRecord:
    return dataclasses.replace(run, run_id=run_id)


BEFORE = _ids(
    record(
        when="2026-08-28T10:00:00Z",
        compliant=2,
        controls=(gap("AI-SEC-002"), gap("AI-SEC-008"), gap("AI-SEC-003", "compliant")),
        findings=(
            failing("SRM-AWS-005", "aws_bedrock_guardrail.weak"),
            failing("SRM-AWS-004", "aws_bedrockagent_agent.faq"),
            failing("SRM-AWS-008", "aws_bedrockagent_agent.support"),
        ),
        assets=(
            asset_row("aws_bedrockagent_agent.faq"),
            asset_row("aws_bedrockagent_agent.support"),
        ),
    ),
    1,
)
AFTER = _ids(
    record(
        when="2026-11-28T10:00:00Z",
        compliant=5,
        controls=(gap("AI-SEC-002", "partial"), gap("AI-SEC-008"), gap("AI-SEC-003")),
        findings=(
            failing("SRM-AWS-005", "aws_bedrock_guardrail.weak", "PASS"),
            failing("SRM-AWS-008", "aws_bedrockagent_agent.support"),
            failing("SRM-AWS-006", "aws_bedrock_guardrail.weak"),
        ),
        assets=(
            asset_row("aws_bedrockagent_agent.support"),
            asset_row("aws_bedrock_guardrail.weak"),
        ),
    ),
    2,
)


def test_changes_between_two_runs() -> None:
    diff = diff_runs(BEFORE, AFTER)
    assert [g.control_id for g in diff.new_gaps] == ["AI-SEC-003"]
    assert [(g.control_id, g.status) for g in diff.closed_gaps] == [("AI-SEC-002", "partial")]
    assert [a.address for a in diff.new_assets] == ["aws_bedrock_guardrail.weak"]
    assert [a.address for a in diff.removed_assets] == ["aws_bedrockagent_agent.faq"]
    assert [(c.finding.check_id, c.now) for c in diff.new_failures] == [("SRM-AWS-006", "FAIL")]
    assert [(c.finding.check_id, c.now) for c in diff.fixed_failures] == [
        ("SRM-AWS-004", GONE),
        ("SRM-AWS-005", "PASS"),
    ]
    assert [(r.target, r.before, r.after) for r in diff.rates] == [("aws_bedrock", 20.0, 50.0)]
    assert diff.regressed and diff.notes == ()


def test_same_run_twice_has_no_changes() -> None:
    diff = diff_runs(BEFORE, BEFORE)
    changes = (diff.new_gaps, diff.closed_gaps, diff.new_assets, diff.removed_assets)
    assert changes == ((), (), (), ()) and not diff.regressed
    assert (diff.new_failures, diff.fixed_failures) == ((), ())


def test_only_shared_workspaces_are_compared() -> None:
    other = _ids(
        record(
            workspaces=("infra/prod", "infra/dev"),
            controls=(gap("AI-SEC-009", workspace="infra/dev"),),
            assets=(asset_row("aws_bedrockagent_agent.dev", workspace="infra/dev"),),
        ),
        3,
    )
    diff = diff_runs(BEFORE, other)
    assert all(g.workspace == "infra/prod" for g in (*diff.new_gaps, *diff.closed_gaps))
    assert diff.new_assets == ()
    assert diff.notes == ("only in the second run (not compared): infra/dev",)


def test_assets_are_not_compared_with_a_run_that_recorded_none() -> None:
    audit = _ids(record(assets_recorded=False, command="audit"), 4)
    diff = diff_runs(BEFORE, audit)
    assert diff.removed_assets == ()
    assert any("assets are not compared" in note for note in diff.notes)
