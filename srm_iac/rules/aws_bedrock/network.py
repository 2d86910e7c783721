"""AI-SEC-006 on Bedrock: private access through interface VPC endpoints."""

from __future__ import annotations

import re
from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, not_evidenced, passed, unknown
from srm_iac.rules.common import enum_value
from srm_iac.rules.iam import Statement, parse_policy

ENDPOINT = "aws_vpc_endpoint"
_BEDROCK_SERVICE = re.compile(r"\.bedrock(-runtime|-agent|-agent-runtime)?$")
_RUNTIME_SERVICE = re.compile(r"\.bedrock-runtime$")


def bedrock_endpoints(context: CheckContext) -> list[Resource]:
    """VPC endpoints whose service name is a Bedrock service."""
    inventory = context.inventory
    return inventory.derived(
        "aws_bedrock.endpoints",
        lambda: [
            resource
            for resource in inventory.of_type(ENDPOINT)
            if _BEDROCK_SERVICE.search(resource.at("service_name").string() or "")
        ],
    )


def runtime_endpoint_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-009: no bedrock-runtime interface endpoint, so inference leaves the VPC."""
    runtime = [
        resource
        for resource in bedrock_endpoints(context)
        if _RUNTIME_SERVICE.search(resource.at("service_name").string() or "")
    ]
    if not runtime:
        yield not_evidenced(
            "no aws_vpc_endpoint for bedrock-runtime in this plan: model calls use the public "
            "endpoint unless another workspace provides one"
        )
    for resource in runtime:
        yield passed(resource, "bedrock-runtime is reached through a VPC endpoint", "service_name")


def endpoint_without_private_dns(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-010: Bedrock endpoint that is not an Interface endpoint with private DNS."""
    for resource in bedrock_endpoints(context):
        kind = resource.at("vpc_endpoint_type")
        dns = resource.at("private_dns_enabled")
        if enum_value(kind) != "INTERFACE" and not kind.is_unknown:
            yield failed(
                resource,
                f"vpc_endpoint_type is {kind.display()}, Bedrock needs an Interface endpoint",
                "vpc_endpoint_type",
            )
        elif dns.boolean() is True:
            yield passed(resource, "Interface endpoint with private DNS", "private_dns_enabled")
        elif kind.is_unknown or (dns.is_unknown and resource.sets("private_dns_enabled")):
            yield unknown(resource, "private DNS is only known after apply", "private_dns_enabled")
        else:
            yield failed(
                resource,
                "private_dns_enabled is not true: SDKs still resolve the public Bedrock endpoint",
                "private_dns_enabled",
            )


def endpoint_without_policy(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-011: Bedrock endpoint with no endpoint policy (full access by default)."""
    for resource in bedrock_endpoints(context):
        policy = resource.at("policy")
        if policy.is_unknown:
            if resource.sets("policy") is False:
                yield failed(
                    resource,
                    "no endpoint policy: the default policy allows any "
                    "principal every Bedrock action",
                    "policy",
                )
            else:
                yield unknown(resource, "the endpoint policy is only known after apply", "policy")
            continue
        statements = parse_policy(policy.string())
        if statements is None:
            yield failed(
                resource,
                "no endpoint policy: the default policy allows any principal every Bedrock action",
                "policy",
            )
        elif _full_access(statements):
            yield failed(
                resource, "the endpoint policy allows every action on every resource", "policy"
            )
        else:
            yield passed(
                resource, "an endpoint policy restricts what the endpoint allows", "policy"
            )


def _full_access(statements: list[Statement]) -> bool:
    return any(
        s.effect == "Allow" and "*" in s.actions and "*" in s.resources and not s.condition_keys
        for s in statements
    )
