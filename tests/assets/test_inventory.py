"""Assets of one workspace: which resources, their kind, name, models and control statuses."""

from __future__ import annotations

from srm_iac.assets.inventory import Scope, build_assets
from srm_iac.assets.kinds import AssetKind
from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Status, Target
from srm_iac.model.inventory import Resource
from tests.assets.factories import report_for
from tests.factories import inventory, resource

MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0"


def named(given: Resource, name: str) -> Resource:
    """``given`` with a provider-side ``name`` attribute (the factory's ``name`` is local)."""
    given.values["name"] = name
    return given


def _workspace():  # type: ignore[no-untyped-def]
    return inventory(
        named(resource("aws_bedrock_guardrail", "g"), "chat-guardrail"),
        resource(
            "aws_bedrockagent_agent",
            "a",
            agent_name="support",
            foundation_model=f"arn:aws:bedrock:us-east-1::foundation-model/{MODEL}",
        ),
        resource("aws_bedrock_model_invocation_logging_configuration", "log"),
        resource("aws_s3_bucket", "docs", bucket="docs"),
    )


def test_assets_are_the_detected_resources_with_their_kind(catalog: Catalog) -> None:
    inv = _workspace()
    assets = build_assets("ws", inv, report_for(catalog, inv, {}))
    kinds = {a.address: a.kind for a in assets}
    assert kinds == {
        "aws_bedrock_guardrail.g": AssetKind.GUARDRAIL,
        "aws_bedrockagent_agent.a": AssetKind.AGENT,
        "aws_bedrock_model_invocation_logging_configuration.log": AssetKind.SUPPORTING,
    }
    agent = next(a for a in assets if a.kind is AssetKind.AGENT)
    assert agent.workspace == "ws" and agent.target is Target.AWS_BEDROCK
    assert agent.name == "support" and agent.model_labels == (MODEL,)
    assert agent.key == ("ws", "aws_bedrock", "aws_bedrockagent_agent.a")
    guardrail = next(a for a in assets if a.kind is AssetKind.GUARDRAIL)
    assert guardrail.name == "chat-guardrail" and guardrail.models == ()


def test_control_status_is_the_worst_finding_on_the_asset(catalog: Catalog) -> None:
    inv = _workspace()
    guardrail = "aws_bedrock_guardrail.g"
    report = report_for(
        catalog,
        inv,
        {
            "SRM-AWS-005": [(Status.FAIL, guardrail)],
            "SRM-AWS-006": [(Status.PASS, guardrail)],
            "SRM-AWS-007": [(Status.UNKNOWN, guardrail)],
            "SRM-AWS-001": [(Status.NOT_EVIDENCED, "")],
        },
    )
    assets = {a.address: a for a in build_assets("ws", inv, report)}
    controls = {c.control_id: c for c in assets[guardrail].controls}
    assert (controls["AI-SEC-002"].scope, controls["AI-SEC-002"].status) == (Scope.ASSET, "FAIL")
    assert controls["AI-SEC-003"].label == "UNKNOWN"
    # no finding on the asset: the target-level audit status, marked as such
    assert controls["AI-SEC-008"].scope is Scope.TARGET
    assert controls["AI-SEC-008"].label == "target:gap"
    assert len(controls) == len(catalog.controls)
    agent = {c.control_id: c for c in assets["aws_bedrockagent_agent.a"].controls}
    assert agent["AI-SEC-002"].label == "target:gap"


def test_sensitive_or_unknown_names_and_models_are_left_out(catalog: Catalog) -> None:
    inv = inventory(
        resource(
            "aws_bedrockagent_agent",
            "secret",
            agent_name="canary-name",
            foundation_model="canary-model",
            sensitive={"agent_name": True, "foundation_model": True},
        ),
        resource("aws_bedrockagent_agent", "later", unknown={"foundation_model": True}),
    )
    assets = build_assets("ws", inv, report_for(catalog, inv, {}))
    assert [(a.name, a.models) for a in assets] == [("", ()), ("", ())]


def test_azure_and_vertex_models(catalog: Catalog) -> None:
    inv = inventory(
        resource(
            "azurerm_cognitive_deployment",
            "chat",
            model=[{"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"}],
        ),
        resource(
            "google_vertex_ai_endpoint_with_model_garden_deployment",
            "llama",
            publisher_model_name="publishers/meta/models/llama3@llama-3-8b",
        ),
    )
    assets = {a.address: a for a in build_assets("ws", inv, report_for(catalog, inv, {}))}
    deployment = assets["azurerm_cognitive_deployment.chat"]
    assert deployment.models == (
        ("gpt-4o:2024-08-06", "OpenAI/gpt-4o:2024-08-06", "gpt-4o", "OpenAI/gpt-4o"),
    )
    garden = assets["google_vertex_ai_endpoint_with_model_garden_deployment.llama"]
    assert garden.models == (
        ("publishers/meta/models/llama3@llama-3-8b", "meta/llama3@llama-3-8b"),
    )


def test_no_ai_resources_no_assets(catalog: Catalog) -> None:
    inv = inventory(resource("aws_s3_bucket", "b"))
    assert build_assets("ws", inv, report_for(catalog, inv, {})) == ()
