"""AI-SEC-010 on Bedrock: what agents' tools may do, and who may call them."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, is_set

BEDROCK_PRINCIPAL = "bedrock.amazonaws.com"


def tool_lambda_without_source(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-020: Lambda permission for Bedrock with no source ARN (any agent may invoke)."""
    for permission in context.inventory.of_type("aws_lambda_permission"):
        if permission.at("principal").string() != BEDROCK_PRINCIPAL:
            continue
        source = permission.at("source_arn")
        if "*" in (source.string() or ""):
            yield failed(
                permission,
                "source_arn is a wildcard: agents other than the intended one may invoke this tool",
                "source_arn",
            )
        elif is_set(source) or (source.is_unknown and permission.sets("source_arn")):
            yield passed(permission, "only the named agent may invoke this tool", "source_arn")
        elif source.is_unknown:
            yield unknown(permission, "source_arn is only known after apply", "source_arn")
        else:
            yield failed(
                permission,
                "no source_arn: any Bedrock agent, in any account, may invoke this tool function",
                "source_arn",
            )


def gateway_without_authorizer(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-021: AgentCore gateway that accepts unauthenticated tool calls."""
    for gateway in context.inventory.of_type("aws_bedrockagentcore_gateway"):
        node = gateway.at("authorizer_type")
        kind = enum_value(node)
        if node.is_unknown:
            yield unknown(gateway, "authorizer_type is only known after apply", "authorizer_type")
        elif kind in ("CUSTOM_JWT", "AWS_IAM"):
            yield passed(gateway, f"callers authenticate with {kind}", "authorizer_type")
        else:
            yield failed(
                gateway,
                f"authorizer_type is {node.display()}: anyone who reaches the "
                "gateway may call its tools",
                "authorizer_type",
            )


def code_interpreter_public(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-022: AgentCore code interpreter or browser with public network access."""
    attribute = "network_configuration.network_mode"
    types = ("aws_bedrockagentcore_code_interpreter", "aws_bedrockagentcore_browser")
    for tool in context.inventory.of_type(*types):
        node = tool.at("network_configuration", "network_mode")
        mode = enum_value(node)
        if node.is_unknown:
            yield unknown(tool, "network_mode is only known after apply", attribute)
        elif mode in ("SANDBOX", "VPC"):
            yield passed(tool, f"network_mode is {mode}", attribute)
        else:
            yield failed(
                tool,
                f"network_mode is {node.display()}: agent-run code can reach the internet",
                attribute,
            )
