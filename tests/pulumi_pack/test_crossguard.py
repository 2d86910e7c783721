"""End to end: the real policy pack, launched as the engine launches it, over the Analyzer protocol.

One pack process for the module; ``Configure`` switches configurations between tests (it
replaces the previous config entirely, as the engine's does).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from srm_iac import __version__
from srm_iac.catalog.loader import Catalog
from srm_iac.pulumi_pack.scope import RESOURCE_CHECKS
from tests.conftest import REPO
from tests.pulumi_pack.conftest import PACK
from tests.pulumi_pack.engine import (
    UNKNOWN,
    ConfigValidationError,
    Outcome,
    PolicyPackProcess,
    StackResource,
    resources_from_preview,
    secret,
)

STACK = "urn:pulumi:dev::chat::pulumi:pulumi:Stack::chat-dev"
AWS_PROVIDER = StackResource(
    "urn:pulumi:dev::chat::pulumi:providers:aws::default_7_12_0",
    "pulumi:providers:aws",
    {"region": "us-east-1"},
)
API_KEY = "sk-live-0123456789abcdefghijklmn"


def urn(token: str, name: str) -> str:
    return f"urn:pulumi:dev::chat::{token}::{name}"


def resource(
    token: str,
    name: str,
    properties: dict[str, object],
    property_dependencies: dict[str, tuple[str, ...]] | None = None,
) -> StackResource:
    return StackResource(
        urn(token, name),
        token,
        properties,
        parent=STACK,
        dependencies=tuple(u for urns in (property_dependencies or {}).values() for u in urns),
        property_dependencies=property_dependencies or {},
        provider=AWS_PROVIDER,
    )


GUARDRAIL = "aws:bedrock/guardrail:Guardrail"
AGENT = "aws:bedrock/agentAgent:AgentAgent"


def weak_guardrail(strength: object = "LOW") -> StackResource:
    return resource(
        GUARDRAIL,
        "weak",
        {
            "name": "support",
            "blockedInputMessaging": "no",
            "blockedOutputsMessaging": "no",
            "contentPolicyConfig": {
                "filtersConfigs": [
                    {"type": "PROMPT_ATTACK", "inputStrength": strength, "outputStrength": "NONE"}
                ]
            },
        },
    )


def agent(
    guardrail: StackResource | None, instruction: object = "Help customers."
) -> StackResource:
    properties: dict[str, object] = {
        "agentName": "support",
        "agentResourceRoleArn": "arn:aws:iam::123456789012:role/agent",
        "foundationModel": "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "instruction": instruction,
        "idleSessionTtlInSeconds": 600,
    }
    dependencies = {}
    if guardrail is not None:
        properties["guardrailConfigurations"] = [
            {"guardrailIdentifier": UNKNOWN, "guardrailVersion": "1"}
        ]
        dependencies["guardrailConfigurations"] = (guardrail.urn,)
    return resource(AGENT, "support", properties, dependencies)


@pytest.fixture
def default_config(pack: PolicyPackProcess) -> PolicyPackProcess:
    pack.configure()
    return pack


def test_analyzer_info_carries_every_policy_with_its_metadata(
    pack: PolicyPackProcess, catalog: Catalog
) -> None:
    assert pack.info.name == "srm-iac"
    assert pack.info.supportsConfig
    names = pack.policy_names()
    expected = [c.id for c in catalog.checks if not c.deprecated] + ["srm-iac-audit"]
    assert sorted(names) == sorted(expected)
    info = pack.policy_info("SRM-AWS-005")
    spec = catalog.check("SRM-AWS-005")
    assert info.description == spec.title
    assert info.remediation_steps == spec.fix
    assert info.framework.name == "OWASP Top 10 for LLM Applications"
    assert info.framework.reference == "LLM01"
    assert "NIST AI RMF" in info.framework.specification
    assert info.policy_type == 1  # resource
    assert pack.policy_info("SRM-AWS-004").policy_type == 2  # stack: follows references
    assert pack.policy_info("SRM-AWS-001").policy_type == 2  # stack: a singleton
    for policy in pack.info.policies:
        kind = 1 if policy.name in RESOURCE_CHECKS else 2
        assert policy.policy_type == kind, policy.name
        assert policy.severity != 0 and policy.remediation_steps and policy.url


def test_default_enforcement_follows_severity(pack: PolicyPackProcess, catalog: Catalog) -> None:
    for policy in pack.info.policies:
        if policy.name == "srm-iac-audit":
            assert policy.enforcementLevel == 0
            continue
        severity = catalog.check(policy.name).severity.value
        mandatory = severity in ("HIGH", "CRITICAL")
        assert policy.enforcementLevel == (1 if mandatory else 0), policy.name


def test_pack_version_matches_srm_iac() -> None:
    document = yaml.safe_load((PACK / "PulumiPolicy.yaml").read_text())
    assert document["version"] == __version__


def test_a_weak_guardrail_and_its_agent(default_config: PolicyPackProcess) -> None:
    guardrail = weak_guardrail()
    outcome = default_config.preview([AWS_PROVIDER, guardrail, agent(guardrail)])
    [prompt_attack] = outcome.of("SRM-AWS-005")
    assert (prompt_attack.level, prompt_attack.severity) == ("mandatory", "high")
    assert prompt_attack.urn == guardrail.urn
    assert prompt_attack.message.startswith("Bedrock guardrail has no effective prompt-attack")
    assert "input_strength is 'LOW' (needs MEDIUM or HIGH)" in prompt_attack.message
    [via_agent] = outcome.of("SRM-AWS-008")
    assert via_agent.level == "mandatory" and via_agent.urn == urn(AGENT, "support")
    assert "attached guardrail aws_bedrock_guardrail.weak" in via_agent.message
    assert outcome.of("SRM-AWS-004") == []  # the guardrail is attached (through the reference)
    [harmful] = outcome.of("SRM-AWS-006")
    assert (harmful.level, harmful.severity) == ("advisory", "medium")
    [logging] = outcome.of("SRM-AWS-001")
    assert logging.level == "advisory" and logging.urn == STACK
    assert "not evidenced in this stack" in logging.message
    [audit] = outcome.of("srm-iac-audit")
    assert audit.level == "advisory" and audit.message.count("AWS Bedrock: 0 of") == 1


def test_an_agent_without_guardrail_is_blocked(default_config: PolicyPackProcess) -> None:
    outcome = default_config.preview([AWS_PROVIDER, agent(None)])
    [missing] = outcome.of("SRM-AWS-004")
    assert (missing.level, missing.severity) == ("mandatory", "high")
    assert "agent has no guardrail_configuration" in missing.message


def test_unknown_values_are_advisory_never_a_pass_or_a_mandatory_failure(
    default_config: PolicyPackProcess,
) -> None:
    guardrail = weak_guardrail(strength=UNKNOWN)
    outcome = default_config.preview([AWS_PROVIDER, guardrail])
    [unknown] = outcome.of("SRM-AWS-005")
    assert unknown.level == "advisory"
    assert "cannot verify until apply" in unknown.message
    assert "PROMPT_ATTACK filter settings are only known after apply" in unknown.message
    assert not [d for d in outcome.diagnostics if d.level == "mandatory"]


def test_no_secret_appears_in_any_diagnostic(default_config: PolicyPackProcess) -> None:
    instruction = f"You help customers. api_key={API_KEY}"
    guardrail = weak_guardrail()
    logging = resource(
        "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
        "logs",
        {
            "loggingConfig": {
                "textDataDeliveryEnabled": secret(True),
                "s3Config": secret({"bucketName": "secret-bucket-name-123"}),
            }
        },
    )
    outcome = default_config.preview(
        [AWS_PROVIDER, guardrail, agent(guardrail, secret(instruction)), logging]
    )
    [leak] = outcome.of("SRM-AWS-024")
    assert leak.level == "mandatory" and "instruction contains an API key" in leak.message
    text = outcome.messages()
    assert API_KEY not in text and "secret-bucket-name-123" not in text
    assert "api_key=" not in text


def test_config_all_then_per_policy(pack: PolicyPackProcess) -> None:
    reconciled = pack.configure({"all": "advisory", "SRM-AWS-006": "mandatory"})
    assert reconciled["SRM-AWS-005"]["level"] == "advisory"
    assert reconciled["SRM-AWS-006"]["level"] == "mandatory"
    outcome = pack.preview([AWS_PROVIDER, weak_guardrail()])
    assert {d.policy: d.level for d in outcome.diagnostics}["SRM-AWS-005"] == "advisory"
    assert {d.policy: d.level for d in outcome.diagnostics}["SRM-AWS-006"] == "mandatory"


def test_disabled_policies_are_silent(pack: PolicyPackProcess) -> None:
    pack.configure({"all": "disabled", "SRM-AWS-005": {"enforcementLevel": "mandatory"}})
    outcome = pack.preview([AWS_PROVIDER, weak_guardrail()])
    assert {d.policy for d in outcome.diagnostics} == {"SRM-AWS-005"}


def test_waivers_and_approved_models_from_policy_config(pack: PolicyPackProcess) -> None:
    pack.configure(
        {
            "SRM-AWS-005": {
                "waivers": [
                    {
                        "address": "aws_bedrock_guardrail.weak",
                        "reason": "SEC-1",
                        "expires": "2027-01-01",
                    }
                ]
            },
            "SRM-AWS-019": {"approvedModels": {"aws_bedrock": ["amazon.titan-*"]}},
        }
    )
    outcome = pack.preview([AWS_PROVIDER, weak_guardrail(), agent(None)])
    assert outcome.of("SRM-AWS-005") == []
    [model] = outcome.of("SRM-AWS-019")
    assert "anthropic.claude-3-5-sonnet-20240620-v1:0 is not on the approved list" in model.message
    assert model.urn == urn(AGENT, "support") and model.level == "mandatory"


def test_expired_waivers_no_longer_apply(pack: PolicyPackProcess) -> None:
    pack.configure({"SRM-AWS-005": {"waivers": [{"reason": "old", "expires": "2025-01-01"}]}})
    outcome = pack.preview([AWS_PROVIDER, weak_guardrail()])
    levels = sorted(d.level for d in outcome.of("SRM-AWS-005"))
    assert levels == ["advisory", "mandatory"]  # the failure, and the expired-waiver note


def test_schema_violations_stop_before_configure(pack: PolicyPackProcess) -> None:
    with pytest.raises(ConfigValidationError) as raised:
        pack.reconcile({"SRM-AWS-005": {"waivers": [{"reason": "x", "expires": "someday"}]}})
    assert raised.value.errors[0].startswith("SRM-AWS-005: ")
    with pytest.raises(ConfigValidationError):
        pack.reconcile({"srm-iac-audit": {"waivers": [{"reason": "x", "expires": "2027-01-01"}]}})
    with pytest.raises(ConfigValidationError):
        pack.reconcile({"SRM-AWS-019": {"approvedModels": {"aws": ["x"]}}})


def test_shared_config_file_and_audit_report(pack: PolicyPackProcess, tmp_path: Path) -> None:
    config = tmp_path / "srm-iac.yaml"
    config.write_text(
        "schema_version: 1\napproved_models:\n  aws_bedrock: ['anthropic.claude-3-5-sonnet-*']\n"
    )
    report_json, report_markdown = tmp_path / "out" / "audit.json", tmp_path / "audit.md"
    pack.configure(
        {
            "SRM-AWS-019": {"configFile": str(config)},
            "srm-iac-audit": {
                "configFile": str(config),
                "reportJson": str(report_json),
                "reportMarkdown": str(report_markdown),
            },
        }
    )
    guardrail = weak_guardrail()
    outcome = pack.preview([AWS_PROVIDER, guardrail, agent(guardrail, secret(API_KEY))])
    assert outcome.of("SRM-AWS-019") == []  # approved through the shared file
    document = json.loads(report_json.read_text())
    assert document["input_kind"] == "pulumi-crossguard"
    assert document["source"] == "pulumi stack chat/dev"
    statuses = {f["check_id"]: f["status"] for f in document["findings"]}
    assert statuses["SRM-AWS-019"] == "PASS" and statuses["SRM-AWS-005"] == "FAIL"
    assert report_markdown.read_text().startswith("<!-- srm-iac:summary -->")
    assert API_KEY not in report_json.read_text() + report_markdown.read_text()


def test_broken_config_file_fails_closed(pack: PolicyPackProcess, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nwaivers: [{check: SRM-AWS-999, reason: x}]\n")
    pack.configure({"SRM-AWS-005": {"configFile": str(broken)}})
    outcome: Outcome = pack.preview([AWS_PROVIDER, weak_guardrail()])
    [error] = outcome.of("SRM-AWS-005")
    assert error.level == "mandatory" and "configuration error" in error.message


def test_resources_of_other_types_are_not_applicable(default_config: PolicyPackProcess) -> None:
    bucket = resource("aws:s3/bucket:Bucket", "logs", {"bucket": "logs"})
    outcome = default_config.preview([AWS_PROVIDER, bucket])
    assert outcome.diagnostics == []
    assert outcome.not_applicable["SRM-AWS-005"][0].startswith("not a aws_bedrock_guardrail")
    assert outcome.not_applicable["srm-iac-audit"] == ["no AI resources in this stack"]


EXPECTED_MANDATORY = {
    "bedrock-insecure": {
        ("SRM-AWS-004", "high", "faq", "agent has no guardrail_configuration"),
        ("SRM-AWS-005", "high", "weak", "guardrail has no PROMPT_ATTACK filter"),
        ("SRM-AWS-008", "high", "support", "attached guardrail aws_bedrock_guardrail.weak"),
        ("SRM-AWS-012", "high", "invoke_any_model", "on every model"),
        ("SRM-AWS-013", "high", "bedrock_full_access", "AmazonBedrockFullAccess is attached"),
        ("SRM-AWS-020", "high", "bedrock", "no source_arn"),
        ("SRM-AWS-024", "critical", "faq", "instruction contains an AWS access key id"),
    },
    "azure-openai-insecure": {
        ("SRM-AZ-001", "high", "openai", "public_network_access_enabled is true"),
        ("SRM-AZ-003", "high", "openai", "local_auth_enabled is true"),
        ("SRM-AZ-004", "high", "openai", "no azurerm_monitor_diagnostic_setting"),
        ("SRM-AZ-008", "high", "summarizer", "content filter policy"),
        ("SRM-AZ-011", "high", "relaxed", "the Jailbreak filter is disabled"),
    },
    "vertex-ai-insecure": {
        ("SRM-GCP-004", "critical", "public_invoker", "allUsers"),
        ("SRM-GCP-011", "high", "prompt_guard", "filter_enforcement is 'DISABLED'"),
        ("SRM-GCP-012", "high", "prompt_guard", "enforcement_type is INSPECT_ONLY"),
        ("SRM-GCP-019", "high", "llama", "hugging_face_access_token is set"),
        ("SRM-GCP-020", "high", "docs", "api_key_string is set"),
        ("SRM-GCP-021", "high", "support", "no spec.service_account"),
    },
}


@pytest.mark.parametrize("example", sorted(EXPECTED_MANDATORY))
def test_example_previews_are_blocked_by_the_expected_policies(
    default_config: PolicyPackProcess, example: str
) -> None:
    document = json.loads((REPO / "examples" / "pulumi" / example / "preview.json").read_text())
    outcome = default_config.preview(resources_from_preview(document))
    mandatory = [d for d in outcome.diagnostics if d.level == "mandatory"]
    found = {(d.policy, d.severity, d.urn.rsplit("::", 1)[-1]) for d in mandatory}
    for policy, severity, name, fragment in EXPECTED_MANDATORY[example]:
        assert (policy, severity, name) in found, (policy, name)
        [diagnostic] = [d for d in mandatory if d.policy == policy and d.urn.endswith(f"::{name}")]
        assert fragment in diagnostic.message
    assert len(found) == len(EXPECTED_MANDATORY[example])
    assert any(d.policy == "srm-iac-audit" and d.level == "advisory" for d in outcome.diagnostics)


@pytest.mark.parametrize(
    "example", ["bedrock-hardened", "azure-openai-hardened", "vertex-ai-hardened"]
)
def test_hardened_example_previews_pass_every_mandatory_policy(
    default_config: PolicyPackProcess, example: str
) -> None:
    document = json.loads((REPO / "examples" / "pulumi" / example / "preview.json").read_text())
    outcome = default_config.preview(resources_from_preview(document))
    assert [d.policy for d in outcome.diagnostics if d.level == "mandatory"] == []
