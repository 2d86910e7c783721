"""Bedrock check logic that real-plan fixtures cannot reach.

IAM policy documents in their many spellings, guardrail attributes newer than the provider the
fixtures are planned with (input_action / input_enabled), and the three ways an agent's
guardrail can be found (known id, configuration reference, outside the plan).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from srm_iac.config import DEFAULT_CONFIG
from srm_iac.model.enums import Status
from srm_iac.model.inventory import Resource
from srm_iac.rules.aws_bedrock import access, guardrails, prompts
from srm_iac.rules.check import CheckContext, Result
from srm_iac.rules.iam import parse_policy
from tests.factories import inventory, resource

CheckFunction = Callable[[CheckContext], Iterable[Result]]
CLAUDE_ARN = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"
TITAN_ARN = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"


def run(check: CheckFunction, *resources: Resource) -> dict[str, Result]:
    """Results of ``check`` over ``resources``, by address ("" for target-level results)."""
    context = CheckContext(inventory=inventory(*resources), config=DEFAULT_CONFIG, targets={})
    return {
        (result.resource.address if result.resource else ""): result for result in check(context)
    }


def statuses(check: CheckFunction, *resources: Resource) -> dict[str, Status]:
    """Statuses of ``check`` over ``resources``, by address."""
    return {address: result.status for address, result in run(check, *resources).items()}


def policy(*statements: dict[str, Any]) -> str:
    """A minified policy document, as jsonencode() writes it into a plan."""
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def role_policy(document: str | None, name: str = "invoke", **extra: Any) -> Resource:
    """An aws_iam_role_policy with ``document`` as its policy."""
    return resource("aws_iam_role_policy", name, policy=document, **extra)


def invoke_verdict(*statements: dict[str, Any]) -> Status | None:
    """SRM-AWS-012's status for a role policy made of ``statements`` (None: no finding)."""
    return statuses(access.policy_invokes_any_model, role_policy(policy(*statements))).get(
        "aws_iam_role_policy.invoke"
    )


class TestInvokeAnyModel:
    """SRM-AWS-012 over the spellings of IAM policy documents."""

    def test_action_as_string_on_star_fails(self) -> None:
        statement = {"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"}
        assert invoke_verdict(statement) is Status.FAIL

    def test_action_as_list_on_explicit_arns_passes(self) -> None:
        statement = {
            "Effect": "Allow",
            "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
            "Resource": [CLAUDE_ARN, TITAN_ARN],
        }
        assert invoke_verdict(statement) is Status.PASS

    def test_action_names_are_case_insensitive(self) -> None:
        statement = {"Effect": "Allow", "Action": ["Bedrock:invokeModel"], "Resource": "*"}
        assert invoke_verdict(statement) is Status.FAIL

    @pytest.mark.parametrize("action", ["bedrock:*", "*", "bedrock:Invoke*", "bedrock:Converse*"])
    def test_wildcard_actions_reach_invoke(self, action: str) -> None:
        assert invoke_verdict({"Effect": "Allow", "Action": action, "Resource": "*"}) is (
            Status.FAIL
        )
        assert invoke_verdict({"Effect": "Allow", "Action": action, "Resource": CLAUDE_ARN}) is (
            Status.PASS
        )

    def test_service_wide_message_names_the_pattern(self) -> None:
        results = run(
            access.policy_invokes_any_model,
            role_policy(policy({"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"})),
        )
        assert "bedrock:*" in results["aws_iam_role_policy.invoke"].message

    @pytest.mark.parametrize(
        "arn",
        [
            "arn:aws:bedrock:us-east-1::foundation-model/*",
            "arn:aws:bedrock:*::foundation-model/*",
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/*",
            "arn:aws:bedrock:*",
            "arn:aws:bedrock:*:*:*",
        ],
    )
    def test_model_wildcard_resources_fail(self, arn: str) -> None:
        statement = {"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": [arn]}
        assert invoke_verdict(statement) is Status.FAIL

    def test_one_wildcard_among_explicit_arns_fails(self) -> None:
        statement = {
            "Effect": "Allow",
            "Action": "bedrock:InvokeModel",
            "Resource": [CLAUDE_ARN, "arn:aws:bedrock:us-east-1::foundation-model/*"],
        }
        assert invoke_verdict(statement) is Status.FAIL

    def test_not_action_allows_invoke_everywhere(self) -> None:
        statement = {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}
        results = run(access.policy_invokes_any_model, role_policy(policy(statement)))
        assert results["aws_iam_role_policy.invoke"].status is Status.FAIL
        assert "NotAction" in results["aws_iam_role_policy.invoke"].message

    def test_not_action_that_excludes_bedrock_gives_no_finding(self) -> None:
        statement = {"Effect": "Allow", "NotAction": "bedrock:*", "Resource": "*"}
        assert invoke_verdict(statement) is None

    def test_not_resource_counts_as_every_model(self) -> None:
        statement = {
            "Effect": "Allow",
            "Action": "bedrock:InvokeModel",
            "NotResource": "arn:aws:bedrock:us-east-1::foundation-model/meta.*",
        }
        assert invoke_verdict(statement) is Status.FAIL

    def test_deny_statements_do_not_grant(self) -> None:
        deny = {"Effect": "Deny", "Action": "bedrock:*", "Resource": "*"}
        allow = {"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": CLAUDE_ARN}
        assert invoke_verdict(deny, allow) is Status.PASS
        assert invoke_verdict(deny) is None

    def test_conditions_do_not_narrow_the_models(self) -> None:
        statement = {
            "Effect": "Allow",
            "Action": "bedrock:InvokeModel",
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f67890"}},
        }
        assert invoke_verdict(statement) is Status.FAIL

    def test_other_bedrock_actions_on_star_give_no_finding(self) -> None:
        statement = {"Effect": "Allow", "Action": ["bedrock:ListFoundationModels"], "Resource": "*"}
        assert invoke_verdict(statement) is None

    def test_single_statement_object_is_read(self) -> None:
        document = json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": {"Effect": "Allow", "Action": "bedrock:Converse", "Resource": "*"},
            }
        )
        assert statuses(access.policy_invokes_any_model, role_policy(document)) == {
            "aws_iam_role_policy.invoke": Status.FAIL
        }

    def test_pretty_printed_heredoc_is_read(self) -> None:
        document = json.dumps(
            {"Statement": [{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}]}, indent=4
        )
        assert statuses(access.policy_invokes_any_model, role_policy(document)) == {
            "aws_iam_role_policy.invoke": Status.FAIL
        }

    def test_user_and_group_policies_are_read(self) -> None:
        document = policy({"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"})
        user = resource("aws_iam_user_policy", "bot", policy=document)
        group = resource("aws_iam_group_policy", "team", policy=document)
        assert statuses(access.policy_invokes_any_model, user, group) == {
            "aws_iam_user_policy.bot": Status.FAIL,
            "aws_iam_group_policy.team": Status.FAIL,
        }

    def test_policy_document_data_source_is_followed(self) -> None:
        document = resource(
            "aws_iam_policy_document",
            "invoke",
            json=policy({"Effect": "Allow", "Action": "bedrock:InvokeModel*", "Resource": "*"}),
        )
        document.mode = "data"
        managed = resource(
            "aws_iam_policy",
            "invoke",
            unknown={"policy": True},
            refs={"policy": ("data.aws_iam_policy_document.invoke",)},
        )
        assert statuses(access.policy_invokes_any_model, document, managed) == {
            "aws_iam_policy.invoke": Status.FAIL
        }

    def test_unknown_policy_built_from_bedrock_resources_is_unknown(self) -> None:
        profile = resource("aws_bedrock_inference_profile", "support", unknown={"arn": True})
        pending = role_policy(
            None,
            unknown={"policy": True},
            refs={"policy": ("aws_bedrock_inference_profile.support",)},
        )
        assert statuses(access.policy_invokes_any_model, profile, pending) == {
            "aws_iam_role_policy.invoke": Status.UNKNOWN
        }

    def test_unknown_policy_unrelated_to_bedrock_gives_no_finding(self) -> None:
        bucket = resource("aws_s3_bucket", "data", unknown={"arn": True})
        pending = role_policy(
            None,
            unknown={"policy": True},
            refs={"policy": ("aws_s3_bucket.data",)},
        )
        assert statuses(access.policy_invokes_any_model, bucket, pending) == {}

    def test_parse_policy_rejects_what_is_not_a_policy(self) -> None:
        assert parse_policy("not json") is None
        assert parse_policy("[1, 2]") is None
        assert parse_policy(None) is None
        assert parse_policy(json.dumps({"Version": "2012-10-17"})) == []


class TestFullAccessAttachment:
    """SRM-AWS-013: which attachments fail, pass, or are not Bedrock's business."""

    def attachment(self, name: str, **values: Any) -> Resource:
        return resource("aws_iam_role_policy_attachment", name, role="support-app", **values)

    def test_full_access_fails(self) -> None:
        attached = self.attachment(
            "full", policy_arn="arn:aws:iam::aws:policy/AmazonBedrockFullAccess"
        )
        assert statuses(access.full_access_policy_attached, attached) == {
            "aws_iam_role_policy_attachment.full": Status.FAIL
        }

    def test_scoped_managed_bedrock_policy_passes(self) -> None:
        attached = self.attachment(
            "limited", policy_arn="arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess"
        )
        assert statuses(access.full_access_policy_attached, attached) == {
            "aws_iam_role_policy_attachment.limited": Status.PASS
        }

    def test_unrelated_managed_policy_gives_no_finding(self) -> None:
        attached = self.attachment(
            "logs", policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        )
        assert statuses(access.full_access_policy_attached, attached) == {}

    def test_customer_policy_of_the_plan_naming_bedrock_passes(self) -> None:
        document = policy({"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*"})
        custom = resource("aws_iam_policy", "invoke", policy=document, unknown={"arn": True})
        attached = self.attachment(
            "invoke",
            unknown={"policy_arn": True},
            refs={"policy_arn": ("aws_iam_policy.invoke",)},
        )
        assert statuses(access.full_access_policy_attached, custom, attached) == {
            "aws_iam_role_policy_attachment.invoke": Status.PASS
        }

    def test_customer_policy_without_bedrock_gives_no_finding(self) -> None:
        document = policy({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})
        custom = resource("aws_iam_policy", "read", policy=document, unknown={"arn": True})
        attached = self.attachment(
            "read", unknown={"policy_arn": True}, refs={"policy_arn": ("aws_iam_policy.read",)}
        )
        assert statuses(access.full_access_policy_attached, custom, attached) == {}


def prompt_attack(**settings: Any) -> dict[str, Any]:
    """A PROMPT_ATTACK filter entry."""
    return {
        "type": "PROMPT_ATTACK",
        "input_strength": "HIGH",
        "output_strength": "NONE",
        **settings,
    }


def guardrail(
    *filters: dict[str, Any], name: str = "support", unknown: Any = None, **values: Any
) -> Resource:
    """An aws_bedrock_guardrail with ``filters`` in its content policy."""
    return resource(
        "aws_bedrock_guardrail",
        name,
        unknown=unknown,
        content_policy_config=[{"filters_config": list(filters)}],
        **values,
    )


class TestPromptAttackNewerAttributes:
    """SRM-AWS-005 with input_action / input_enabled (provider 6.x; 5.100.0 has neither)."""

    def verdict(self, *filters: dict[str, Any], unknown: Any = None) -> Status:
        found = statuses(
            guardrails.guardrail_without_prompt_attack, guardrail(*filters, unknown=unknown)
        )
        return found["aws_bedrock_guardrail.support"]

    def test_block_action_passes(self) -> None:
        assert self.verdict(prompt_attack(input_action="BLOCK", input_enabled=True)) is Status.PASS

    def test_attributes_left_null_use_the_blocking_default(self) -> None:
        assert self.verdict(prompt_attack(input_action=None, input_enabled=None)) is Status.PASS

    def test_detect_only_action_fails(self) -> None:
        results = run(
            guardrails.guardrail_without_prompt_attack,
            guardrail(prompt_attack(input_action="NONE")),
        )
        result = results["aws_bedrock_guardrail.support"]
        assert result.status is Status.FAIL
        assert result.attribute.endswith("input_action")

    def test_disabled_input_evaluation_fails(self) -> None:
        assert self.verdict(prompt_attack(input_enabled=False)) is Status.FAIL

    def test_weak_strength_fails_before_action_is_read(self) -> None:
        assert self.verdict(prompt_attack(input_strength="LOW", input_action="BLOCK")) is (
            Status.FAIL
        )

    def test_action_only_known_after_apply_is_unknown(self) -> None:
        mask = {"content_policy_config": [{"filters_config": [{"input_action": True}]}]}
        assert self.verdict(prompt_attack(), unknown=mask) is Status.UNKNOWN

    def test_whole_filter_list_unknown_is_unknown(self) -> None:
        pending = resource(
            "aws_bedrock_guardrail",
            "support",
            unknown={"content_policy_config": True},
        )
        assert statuses(guardrails.guardrail_without_prompt_attack, pending) == {
            "aws_bedrock_guardrail.support": Status.UNKNOWN
        }

    def test_detect_only_harmful_content_filter_fails(self) -> None:
        filters = [
            {"type": kind, "input_strength": "HIGH", "output_strength": "HIGH"}
            for kind in guardrails.HARMFUL_CATEGORIES
        ]
        filters[0]["output_action"] = "NONE"
        found = statuses(guardrails.guardrail_without_harmful_content_filters, guardrail(*filters))
        assert found == {"aws_bedrock_guardrail.support": Status.FAIL}


def agent(name: str = "support", *, unknown: Any = None, **values: Any) -> Resource:
    """An aws_bedrockagent_agent."""
    return resource(
        "aws_bedrockagent_agent",
        name,
        unknown=unknown,
        agent_name=f"{name}-agent",
        foundation_model="anthropic.claude-3-5-sonnet-20240620-v1:0",
        **values,
    )


class TestAgentGuardrailLink:
    """SRM-AWS-004 and SRM-AWS-008: how an agent's guardrail is found."""

    def test_known_guardrail_id_links_to_the_guardrail(self) -> None:
        strong = guardrail(prompt_attack(), guardrail_id="gr-0a1b2c3d4e5f")
        weak = guardrail(prompt_attack(input_strength="LOW"), name="legacy", guardrail_id="gr-9")
        linked = agent(
            guardrail_configuration=[
                {"guardrail_identifier": "gr-0a1b2c3d4e5f", "guardrail_version": "3"}
            ]
        )
        assert statuses(guardrails.agent_guardrail_without_prompt_attack, strong, weak, linked) == {
            "aws_bedrockagent_agent.support": Status.PASS
        }

    def test_known_guardrail_arn_links_to_the_guardrail(self) -> None:
        arn = "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr-0a1b2c3d4e5f"
        weak = guardrail(prompt_attack(input_strength="NONE"), guardrail_arn=arn)
        linked = agent(guardrail_configuration=[{"guardrail_identifier": arn}])
        results = run(guardrails.agent_guardrail_without_prompt_attack, weak, linked)
        assert results["aws_bedrockagent_agent.support"].status is Status.FAIL
        assert "aws_bedrock_guardrail.support" in results["aws_bedrockagent_agent.support"].message

    def test_configuration_reference_links_when_the_id_is_unknown(self) -> None:
        weak = guardrail(unknown={"guardrail_id": True})
        linked = agent(
            guardrail_configuration=[{"guardrail_version": "DRAFT"}],
            unknown={"guardrail_configuration": [{"guardrail_identifier": True}]},
            refs={
                "guardrail_configuration.guardrail_identifier": ("aws_bedrock_guardrail.support",)
            },
        )
        assert statuses(guardrails.agent_without_guardrail, weak, linked) == {
            "aws_bedrockagent_agent.support": Status.PASS
        }
        assert statuses(guardrails.agent_guardrail_without_prompt_attack, weak, linked) == {
            "aws_bedrockagent_agent.support": Status.FAIL
        }

    def test_worst_of_several_linked_guardrails_decides(self) -> None:
        strong = guardrail(prompt_attack(), unknown={"guardrail_id": True})
        weak = guardrail(name="weak", unknown={"guardrail_id": True})
        linked = agent(
            guardrail_configuration=[{}],
            unknown={"guardrail_configuration": [{"guardrail_identifier": True}]},
            refs={
                "guardrail_configuration.guardrail_identifier": (
                    "aws_bedrock_guardrail.support",
                    "aws_bedrock_guardrail.weak",
                )
            },
        )
        results = run(guardrails.agent_guardrail_without_prompt_attack, strong, weak, linked)
        assert results["aws_bedrockagent_agent.support"].status is Status.FAIL
        assert "aws_bedrock_guardrail.weak" in results["aws_bedrockagent_agent.support"].message

    def test_guardrail_outside_the_plan_is_unknown_never_pass(self) -> None:
        linked = agent(guardrail_configuration=[{"guardrail_identifier": "gr-elsewhere"}])
        assert statuses(guardrails.agent_without_guardrail, linked) == {
            "aws_bedrockagent_agent.support": Status.PASS
        }
        assert statuses(guardrails.agent_guardrail_without_prompt_attack, linked) == {
            "aws_bedrockagent_agent.support": Status.UNKNOWN
        }

    def test_identifier_unknown_without_reference_is_unknown(self) -> None:
        linked = agent(
            guardrail_configuration=[{"guardrail_version": "1"}],
            unknown={"guardrail_configuration": [{"guardrail_identifier": True}]},
            refs={"guardrail_configuration.guardrail_identifier": ("local.guardrail_id",)},
        )
        assert statuses(guardrails.agent_without_guardrail, linked) == {
            "aws_bedrockagent_agent.support": Status.UNKNOWN
        }
        assert statuses(guardrails.agent_guardrail_without_prompt_attack, linked) == {
            "aws_bedrockagent_agent.support": Status.UNKNOWN
        }

    def test_agent_without_guardrail(self) -> None:
        bare = agent(guardrail_configuration=None)
        assert statuses(guardrails.agent_without_guardrail, bare) == {
            "aws_bedrockagent_agent.support": Status.FAIL
        }
        assert statuses(guardrails.agent_guardrail_without_prompt_attack, bare) == {}


class TestPromptCredentials:
    """SRM-AWS-024 names the kind of credential and never prints it."""

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("call with AKIAIOSFODNN7EXAMPLE", "an AWS access key id"),
            ("-----BEGIN RSA PRIVATE KEY-----\nMIIE", "a private key"),
            ("Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123", "a bearer token"),
            ("the password: hunter2hunter2", "an API key assignment"),
            ("Be concise. Answer about orders only.", None),
        ],
    )
    def test_credential_kinds(self, text: str, kind: str | None) -> None:
        assert prompts.credential_kind(text) == kind

    def test_sensitive_instruction_is_judged_but_not_printed(self) -> None:
        secret = "api_key=sk-test-51HfakeFAKEfake00000000"
        leaky = agent(instruction=f"Use {secret} for orders.", sensitive={"instruction": True})
        result = run(prompts.agent_prompt_with_credentials, leaky)["aws_bedrockagent_agent.support"]
        assert result.status is Status.FAIL
        assert secret not in result.message
        assert "sk-test" not in result.message

    def test_prompt_template_is_scanned(self) -> None:
        template = {
            "prompt_configurations": [
                {
                    "base_prompt_template": "-----BEGIN PRIVATE KEY-----",
                    "prompt_type": "ORCHESTRATION",
                }
            ]
        }
        leaky = agent(instruction="Be helpful.", prompt_override_configuration=[template])
        result = run(prompts.agent_prompt_with_credentials, leaky)["aws_bedrockagent_agent.support"]
        assert result.status is Status.FAIL
        assert result.attribute == "prompt_override_configuration.base_prompt_template"


class TestDefaultsAndWildcards:
    """Provider defaults in source scans, and wildcard tool permissions."""

    def test_text_delivery_left_to_the_provider_default_passes(self) -> None:
        from srm_iac.rules.aws_bedrock import logging

        omitted = resource(
            "aws_bedrock_model_invocation_logging_configuration",
            logging_config=[{"s3_config": [{"bucket_name": "logs"}]}],
            declared=frozenset(
                {
                    "logging_config{}",
                    "logging_config.s3_config{}",
                    "logging_config.s3_config.bucket_name",
                }
            ),
        )
        disabled = resource(
            "aws_bedrock_model_invocation_logging_configuration",
            "off",
            logging_config=[{"text_data_delivery_enabled": False}],
            declared=frozenset({"logging_config{}", "logging_config.text_data_delivery_enabled"}),
        )
        result = statuses(logging.invocation_logging_without_text, omitted, disabled)
        assert result == {
            "aws_bedrock_model_invocation_logging_configuration.this": Status.PASS,
            "aws_bedrock_model_invocation_logging_configuration.off": Status.FAIL,
        }

    def test_wildcard_source_arn_fails(self) -> None:
        from srm_iac.rules.aws_bedrock import agents

        permissions = [
            resource(
                "aws_lambda_permission", name, principal="bedrock.amazonaws.com", source_arn=arn
            )
            for name, arn in (
                ("wild", "arn:aws:bedrock:us-east-1:111122223333:agent/*"),
                ("named", "arn:aws:bedrock:us-east-1:111122223333:agent/ABCDEFGHIJ"),
            )
        ]
        result = statuses(agents.tool_lambda_without_source, *permissions)
        assert result == {
            "aws_lambda_permission.wild": Status.FAIL,
            "aws_lambda_permission.named": Status.PASS,
        }

    def test_draft_guardrail_version(self) -> None:
        versions = {
            "draft": "DRAFT",
            "numbered": "2",
        }
        agents_ = [
            agent(
                name,
                guardrail_configuration=[
                    {"guardrail_identifier": "g", "guardrail_version": version}
                ],
            )
            for name, version in versions.items()
        ]
        unknown_version = agent(
            "pending",
            guardrail_configuration=[{"guardrail_identifier": "g"}],
            unknown={"guardrail_configuration": [{"guardrail_version": True}]},
        )
        result = statuses(guardrails.agent_uses_draft_guardrail, *agents_, unknown_version)
        assert result == {
            "aws_bedrockagent_agent.draft": Status.FAIL,
            "aws_bedrockagent_agent.numbered": Status.PASS,
            "aws_bedrockagent_agent.pending": Status.UNKNOWN,
        }


def test_pii_filter_lists_unknown_until_apply_are_unknown() -> None:
    pending = resource(
        "aws_bedrock_guardrail",
        "pending",
        sensitive_information_policy_config=[{}],
        unknown={"sensitive_information_policy_config": [{"pii_entities_config": True}]},
    )
    result = statuses(guardrails.guardrail_without_pii_filter, pending)
    assert result == {"aws_bedrock_guardrail.pending": Status.UNKNOWN}
