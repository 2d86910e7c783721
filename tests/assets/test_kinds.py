"""Asset kinds: one table over what target detection finds, nothing detected left unnamed."""

from __future__ import annotations

import pytest

from srm_iac.assets.kinds import ASSET_KINDS, AssetKind, asset_kind, listed_kind
from srm_iac.catalog.loader import Catalog
from srm_iac.rules.targets import may_show_target


def test_every_detectable_type_a_check_reads_has_a_kind(catalog: Catalog) -> None:
    checked = {t for spec in catalog.checks for t in spec.resource_types}
    unnamed = sorted(t for t in checked if may_show_target(t) and listed_kind(t) is None)
    assert unnamed == [], "add these detected types to ASSET_KINDS (or mark them supporting)"


def test_every_pattern_is_reachable() -> None:
    """A pattern shadowed by an earlier one would silently never apply."""
    for index, (pattern, kind) in enumerate(ASSET_KINDS):
        if "*" in pattern:
            continue
        assert listed_kind(pattern) is kind, f"{pattern} is shadowed by an earlier pattern"
        assert index == next(i for i, (p, _) in enumerate(ASSET_KINDS) if p == pattern)


@pytest.mark.parametrize(
    ("resource_type", "kind"),
    [
        ("aws_bedrock_guardrail", AssetKind.GUARDRAIL),
        ("aws_bedrock_guardrail_version", AssetKind.SUPPORTING),
        ("aws_bedrockagent_agent", AssetKind.AGENT),
        ("aws_bedrockagent_agent_alias", AssetKind.SUPPORTING),
        ("aws_bedrockagent_knowledge_base", AssetKind.KNOWLEDGE_BASE),
        ("aws_bedrock_model_invocation_logging_configuration", AssetKind.SUPPORTING),
        ("azurerm_cognitive_account", AssetKind.ACCOUNT),
        ("azurerm_cognitive_deployment", AssetKind.ENDPOINT),
        ("azurerm_cognitive_account_rai_policy", AssetKind.GUARDRAIL),
        ("google_vertex_ai_endpoint", AssetKind.ENDPOINT),
        ("google_vertex_ai_reasoning_engine", AssetKind.AGENT),
        ("google_vertex_ai_rag_corpus", AssetKind.KNOWLEDGE_BASE),
        ("google_model_armor_template", AssetKind.GUARDRAIL),
        ("aws_sagemaker_model", AssetKind.MODEL),
        ("aws_instance", AssetKind.COMPUTE),
        ("azurerm_linux_virtual_machine", AssetKind.COMPUTE),
        ("azurerm_virtual_machine", AssetKind.COMPUTE),
        ("google_tpu_v2_vm", AssetKind.COMPUTE),
        ("kubernetes_deployment_v1", AssetKind.ENDPOINT),
        ("aws_iam_role_policy", AssetKind.SUPPORTING),
        ("google_project_service", AssetKind.SUPPORTING),
    ],
)
def test_kinds(resource_type: str, kind: AssetKind) -> None:
    assert asset_kind(resource_type) is kind


def test_unlisted_detected_type_is_supporting_not_an_asset() -> None:
    assert listed_kind("aws_bedrockagent_prompt") is None
    assert asset_kind("aws_bedrockagent_prompt") is AssetKind.SUPPORTING
    assert not AssetKind.SUPPORTING.is_asset and AssetKind.AGENT.is_asset
