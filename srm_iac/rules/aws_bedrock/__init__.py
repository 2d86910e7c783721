"""Checks for AWS Bedrock (ids SRM-AWS-NNN); metadata in ``catalogs/checks/aws_bedrock.yaml``."""

from srm_iac.rules.aws_bedrock import (
    access,
    agents,
    cost,
    encryption,
    guardrails,
    logging,
    models,
    network,
    prompts,
    rag,
)
from srm_iac.rules.check import Check

CHECKS: tuple[Check, ...] = (
    Check("SRM-AWS-001", logging.invocation_logging_missing),
    Check("SRM-AWS-002", logging.invocation_logging_without_text),
    Check("SRM-AWS-003", logging.invocation_logging_without_destination),
    Check("SRM-AWS-004", guardrails.agent_without_guardrail),
    Check("SRM-AWS-005", guardrails.guardrail_without_prompt_attack),
    Check("SRM-AWS-006", guardrails.guardrail_without_harmful_content_filters),
    Check("SRM-AWS-007", guardrails.guardrail_without_pii_filter),
    Check("SRM-AWS-008", guardrails.agent_guardrail_without_prompt_attack),
    Check("SRM-AWS-009", network.runtime_endpoint_missing),
    Check("SRM-AWS-010", network.endpoint_without_private_dns),
    Check("SRM-AWS-011", network.endpoint_without_policy),
    Check("SRM-AWS-012", access.policy_invokes_any_model),
    Check("SRM-AWS-013", access.full_access_policy_attached),
    Check("SRM-AWS-014", access.api_key_without_expiry),
    Check("SRM-AWS-015", encryption.agent_without_cmk),
    Check("SRM-AWS-016", encryption.data_source_without_cmk),
    Check("SRM-AWS-017", encryption.custom_model_without_cmk),
    Check("SRM-AWS-018", encryption.custom_model_outside_vpc),
    Check("SRM-AWS-019", models.unapproved_model),
    Check("SRM-AWS-020", agents.tool_lambda_without_source),
    Check("SRM-AWS-021", agents.gateway_without_authorizer),
    Check("SRM-AWS-022", agents.code_interpreter_public),
    Check("SRM-AWS-023", cost.budget_missing),
    Check("SRM-AWS-024", prompts.agent_prompt_with_credentials),
    Check("SRM-AWS-025", rag.web_crawler_unscoped),
    Check("SRM-AWS-026", guardrails.agent_uses_draft_guardrail),
)
