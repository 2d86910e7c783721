"""Customer-managed keys on Bedrock data at rest (AI-SEC-004, AI-SEC-005, AI-SEC-009)."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.rules.check import CheckContext, Result
from srm_iac.rules.common import key_reference, vpc_attachment

KMS_KEYS = ("aws_kms_key", "aws_kms_replica_key", "aws_kms_alias")


def agent_without_cmk(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-015: agent (instructions and prompt templates) without a customer-managed key."""
    for agent in context.inventory.of_type("aws_bedrockagent_agent"):
        yield key_reference(
            context,
            agent,
            ("customer_encryption_key_arn",),
            KMS_KEYS,
            "the agent's instructions and prompts",
        )


def data_source_without_cmk(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-016: knowledge-base data source whose ingestion data uses an AWS-owned key."""
    for source in context.inventory.of_type("aws_bedrockagent_data_source"):
        yield key_reference(
            context,
            source,
            ("server_side_encryption_configuration", "kms_key_arn"),
            KMS_KEYS,
            "transient ingestion data",
        )


def custom_model_without_cmk(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-017: fine-tuned model stored with an AWS-owned key."""
    for model in context.inventory.of_type("aws_bedrock_custom_model"):
        yield key_reference(
            context, model, ("custom_model_kms_key_id",), KMS_KEYS, "the customized model"
        )


def custom_model_outside_vpc(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-018: customization job that reads training data outside the customer's VPC."""
    for model in context.inventory.of_type("aws_bedrock_custom_model"):
        yield vpc_attachment(
            model,
            "subnet_ids",
            inside="the customization job runs in the customer's VPC subnets",
            outside="no vpc_config: the customization job reads training data outside your VPC",
        )
