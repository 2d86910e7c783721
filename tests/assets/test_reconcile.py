"""Reconciliation: every outcome, and which entry an asset belongs to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from srm_iac.assets.inventory import Asset
from srm_iac.assets.kinds import AssetKind
from srm_iac.assets.reconcile import Outcome, ReconcileInput, Reconciliation, reconcile
from srm_iac.assets.registry import Registry
from srm_iac.model.enums import Target
from tests.assets.factories import asset

TODAY = dt.date(2026, 11, 28)
FRESH = "2026-11-01"


def _run(
    assets: Sequence[Asset],
    entries: list[dict[str, Any]],
    workspaces: Sequence[str] = ("infra/prod",),
    interval: int = 90,
) -> Reconciliation:
    registry = Registry.model_validate({"schema_version": 1, "assets": entries})
    return reconcile(
        ReconcileInput(
            assets=assets,
            workspaces=workspaces,
            registry=registry,
            registry_name="registry.yaml",
            today=TODAY,
            review_interval_days=interval,
        )
    )


def _outcomes(result: Reconciliation) -> list[tuple[str, str]]:
    return [(item.outcome.value, item.subject) for item in result.items]


def test_registered_reviewed_and_approved_is_clean() -> None:
    agent = asset("aws_bedrockagent_agent.chat", models=(("anthropic.claude-v2",),))
    result = _run(
        [agent],
        [
            {
                "address": "aws_bedrockagent_agent.*",
                "owner": "team-chat",
                "reviewed": FRESH,
                "approved_models": ["anthropic.*"],
            }
        ],
    )
    assert result.items == () and result.problems == ()
    assert result.owners == {agent.key: "team-chat"}


def test_unregistered_asset_is_shadow_ai() -> None:
    result = _run(
        [
            asset("aws_bedrockagent_agent.chat"),
            asset("aws_bedrock_guardrail.g", kind=AssetKind.GUARDRAIL),
        ],
        [{"address": "aws_bedrockagent_agent.*", "owner": "team-chat", "reviewed": FRESH}],
    )
    assert _outcomes(result) == [("unregistered", "aws_bedrock_guardrail.g")]
    item = result.items[0]
    assert item.workspace == "infra/prod" and item.kind == "guardrail" and item.owner == ""
    assert result.count(Outcome.UNREGISTERED) == 1


def test_registered_asset_that_no_longer_exists_is_missing() -> None:
    result = _run(
        [asset("aws_bedrockagent_agent.chat")],
        [
            {"address": "aws_bedrockagent_agent.chat", "owner": "team-chat", "reviewed": FRESH},
            {"address": "aws_sagemaker_endpoint.old", "owner": "team-ml", "reviewed": FRESH},
        ],
    )
    assert _outcomes(result) == [("missing", "address=aws_sagemaker_endpoint.old")]
    assert result.items[0].owner == "team-ml"


def test_entry_for_workspaces_not_scanned_is_information_only() -> None:
    result = _run(
        [asset("aws_bedrockagent_agent.chat")],
        [
            {"address": "*", "owner": "team-chat", "reviewed": FRESH, "workspace": "infra/*"},
            {"address": "*", "owner": "team-x", "reviewed": FRESH, "workspace": "other/*"},
        ],
    )
    assert _outcomes(result) == [("not_scanned", "address=*")]
    assert result.problems == ()


def test_approval_older_than_the_review_interval_is_overdue() -> None:
    assets = [asset("aws_bedrockagent_agent.a"), asset("aws_bedrockagent_agent.b")]
    entries = [{"address": "aws_bedrockagent_agent.*", "owner": "t", "reviewed": "2026-08-30"}]
    assert _run(assets, entries).items == ()  # exactly 90 days: still fine
    entries[0]["reviewed"] = "2026-08-29"
    result = _run(assets, entries)
    assert _outcomes(result) == [("review_overdue", "address=aws_bedrockagent_agent.*")]
    assert "91 days ago" in result.items[0].detail and "covers 2 assets" in result.items[0].detail
    assert _run(assets, entries, interval=120).items == ()


def test_model_not_approved_for_the_asset() -> None:
    chat = asset("aws_bedrockagent_agent.chat", models=(("meta.llama3-70b",),))
    result = _run(
        [chat],
        [{"address": "*", "owner": "t", "reviewed": FRESH, "approved_models": ["anthropic.*"]}],
    )
    assert _outcomes(result) == [("unapproved_model", "aws_bedrockagent_agent.chat")]
    assert "meta.llama3-70b" in result.items[0].detail and "anthropic.*" in result.items[0].detail
    # an entry without approved_models approves no model
    result = _run([chat], [{"address": "*", "owner": "t", "reviewed": FRESH}])
    assert "approved: no model" in result.items[0].detail


def test_any_identifier_of_a_model_may_match() -> None:
    deployment = asset(
        "azurerm_cognitive_deployment.chat",
        target=Target.AZURE_OPENAI,
        kind=AssetKind.ENDPOINT,
        models=(("gpt-4o:2024-08-06", "OpenAI/gpt-4o:2024-08-06", "gpt-4o", "OpenAI/gpt-4o"),),
    )
    entries = [{"address": "*", "owner": "t", "reviewed": FRESH, "approved_models": ["gpt-4o"]}]
    assert _run([deployment], entries).items == ()


def test_first_matching_entry_wins_and_filters_apply() -> None:
    agent = asset("aws_bedrockagent_agent.chat", name="chat-bot")
    vertex = asset("google_vertex_ai_reasoning_engine.e", target=Target.GCP_VERTEX)
    result = _run(
        [agent, vertex],
        [
            {"name": "chat-*", "owner": "by-name", "reviewed": FRESH},
            {"address": "*", "owner": "catch-all", "reviewed": FRESH, "target": "gcp_vertex"},
            {"address": "*", "owner": "guardrails", "reviewed": FRESH, "kind": "guardrail"},
        ],
    )
    assert result.owners == {agent.key: "by-name", vertex.key: "catch-all"}
    assert _outcomes(result) == [("missing", "address=*")]


def test_name_patterns_cannot_match_names_known_only_after_apply() -> None:
    result = _run(
        [asset("aws_bedrockagent_agent.chat")],
        [{"name": "chat-*", "owner": "t", "reviewed": FRESH}],
    )
    unregistered = result.items[0]
    assert unregistered.outcome is Outcome.UNREGISTERED
    assert "name is not known before apply" in unregistered.detail


def test_supporting_resources_are_never_reconciled() -> None:
    logging = asset(
        "aws_bedrock_model_invocation_logging_configuration.x", kind=AssetKind.SUPPORTING
    )
    assert _run([logging], []).items == ()


def test_outcome_order() -> None:
    result = _run(
        [asset("aws_bedrockagent_agent.x", models=(("m",),)), asset("aws_bedrockagent_agent.y")],
        [
            {"address": "aws_sagemaker_endpoint.gone", "owner": "t", "reviewed": FRESH},
            {"address": "aws_bedrockagent_agent.x", "owner": "t", "reviewed": "2025-01-01"},
        ],
    )
    assert [item.outcome for item in result.items] == [
        Outcome.UNREGISTERED,
        Outcome.UNAPPROVED_MODEL,
        Outcome.REVIEW_OVERDUE,
        Outcome.MISSING,
    ]
