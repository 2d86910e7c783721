"""AI-SEC-008 on Bedrock: model invocation logging (an account and region singleton)."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, not_evidenced, passed, unknown
from srm_iac.rules.common import is_set

LOGGING = "aws_bedrock_model_invocation_logging_configuration"


def invocation_logging_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-001: no invocation-logging configuration for the Bedrock workload."""
    configurations = context.inventory.of_type(LOGGING)
    if not configurations:
        yield not_evidenced(
            "no aws_bedrock_model_invocation_logging_configuration in this plan: prompts and "
            "responses are not logged unless another workspace configures it"
        )
        return
    for resource in configurations:
        yield passed(resource, "model invocation logging is configured for this region")


def invocation_logging_without_text(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-002: invocation logging that does not deliver prompt and response text."""
    for resource in context.inventory.of_type(LOGGING):
        yield _text_delivery(resource)


def _text_delivery(resource: Resource) -> Result:
    attribute = "logging_config.text_data_delivery_enabled"
    node = resource.at("logging_config", "text_data_delivery_enabled")
    if node.boolean() is True:
        return passed(resource, "text data (prompts and responses) is delivered", attribute)
    if not node.is_known and resource.sets(attribute) is False:
        return passed(
            resource, "text data is delivered (the provider default when not set)", attribute
        )
    if node.is_unknown:
        return unknown(resource, "text_data_delivery_enabled is only known after apply", attribute)
    return failed(
        resource,
        "text_data_delivery_enabled is not true: prompts and responses are not logged",
        attribute,
    )


def invocation_logging_without_destination(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-003: invocation logging with neither an S3 nor a CloudWatch destination."""
    for resource in context.inventory.of_type(LOGGING):
        s3 = resource.at("logging_config", "s3_config", "bucket_name")
        cloudwatch = resource.at("logging_config", "cloudwatch_config", "log_group_name")
        if is_set(s3) or is_set(cloudwatch):
            where = "S3" if is_set(s3) else "CloudWatch Logs"
            yield passed(resource, f"invocation logs are delivered to {where}", "logging_config")
        elif s3.is_unknown or cloudwatch.is_unknown:
            created = _destinations_in_plan(context, resource)
            if created:
                yield passed(
                    resource,
                    f"invocation logs are delivered to {created[0].address}, created in this plan",
                    "logging_config",
                )
            else:
                yield unknown(
                    resource, "the log destination is only known after apply", "logging_config"
                )
        else:
            yield failed(
                resource,
                "logging_config has no s3_config bucket and no cloudwatch_config log group",
                "logging_config",
            )


def _destinations_in_plan(context: CheckContext, resource: Resource) -> list[Resource]:
    """Buckets and log groups of this plan that the unknown destination names refer to."""
    return [
        *context.inventory.referenced(
            resource, "logging_config.s3_config.bucket_name", "aws_s3_bucket"
        ),
        *context.inventory.referenced(
            resource, "logging_config.cloudwatch_config.log_group_name", "aws_cloudwatch_log_group"
        ),
    ]
