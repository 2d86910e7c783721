"""AI-SEC-006 on Bedrock: who may invoke models (IAM), and long-lived Bedrock API keys."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.iam import Statement, mentions_service, parse_policy

POLICY_TYPES = (
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
)
ATTACHMENT_TYPES = (
    "aws_iam_role_policy_attachment",
    "aws_iam_user_policy_attachment",
    "aws_iam_group_policy_attachment",
    "aws_iam_policy_attachment",
)
POLICY_DOCUMENT = "aws_iam_policy_document"
INVOKE_ACTIONS = (
    "bedrock:invokemodel",
    "bedrock:invokemodelwithresponsestream",
    "bedrock:converse",
    "bedrock:conversestream",
)
FULL_ACCESS_POLICIES = ("arn:aws:iam::aws:policy/AmazonBedrockFullAccess",)
MANAGED_POLICY_PREFIX = "arn:aws:iam::aws:policy/"
_ANY_MODEL = ("*", "arn:aws:bedrock:*", "arn:aws:bedrock:*:*:*")


def _any_model(resource: str) -> bool:
    if resource in _ANY_MODEL:
        return True
    tail = resource.rsplit("/", 1)[-1] if "/" in resource else ""
    return resource.startswith("arn:") and ":bedrock:" in resource and tail == "*"


def broad_invoke(statements: list[Statement]) -> Statement | None:
    """The first Allow statement that lets a principal invoke any model."""
    for statement in statements:
        if not any(statement.allows(action) for action in INVOKE_ACTIONS):
            continue
        if statement.not_resources or any(_any_model(r) for r in statement.resources):
            return statement
    return None


def _policy_statements(context: CheckContext, resource: Resource) -> list[Statement] | None:
    """The statements of a policy resource, through a referenced policy document if needed."""
    node = resource.at("policy")
    if not node.is_unknown:
        return parse_policy(node.string()) or []
    for document in context.inventory.referenced(resource, "policy", POLICY_DOCUMENT):
        parsed = parse_policy(document.at("json").string())
        if parsed is not None:
            return parsed
    return None


def _mentions_bedrock(context: CheckContext, resource: Resource) -> bool:
    """The policy document is built from Bedrock resources of this plan."""
    linked = context.inventory.referenced(resource, "policy")
    return any(other.type.startswith("aws_bedrock") for other in linked)


def policy_invokes_any_model(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-012: IAM policy that allows invoking every Bedrock model."""
    for resource in context.inventory.of_type(*POLICY_TYPES):
        statements = _policy_statements(context, resource)
        if statements is None:
            if _mentions_bedrock(context, resource):
                yield unknown(
                    resource,
                    "the policy document is only known after apply; check "
                    "the source (srm-iac check ./infra)",
                    "policy",
                )
            continue
        if not any(any(s.allows(a) for a in INVOKE_ACTIONS) for s in statements):
            continue
        broad = broad_invoke(statements)
        if broad is not None:
            actions = ", ".join(broad.action_patterns_for("bedrock")) or "NotAction"
            yield failed(
                resource, f"allows {actions} on every model (Resource is a wildcard)", "policy"
            )
        else:
            yield passed(resource, "model invocation is limited to named model ARNs", "policy")


def full_access_policy_attached(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-013: AmazonBedrockFullAccess attached to a role, user or group."""
    for resource in context.inventory.of_type(*ATTACHMENT_TYPES):
        arn = resource.at("policy_arn")
        value = arn.string() or ""
        if any(fnmatch.fnmatchcase(value, pattern) for pattern in FULL_ACCESS_POLICIES):
            yield failed(
                resource,
                "AmazonBedrockFullAccess is attached: it grants every "
                "Bedrock action on every resource",
                "policy_arn",
            )
        elif _scoped_bedrock_policy(context, resource, value):
            yield passed(
                resource,
                "attaches a Bedrock policy other than AmazonBedrockFullAccess",
                "policy_arn",
            )


def _scoped_bedrock_policy(context: CheckContext, attachment: Resource, arn: str) -> bool:
    """An AWS-managed Bedrock policy, or a policy of this plan that names Bedrock actions."""
    if arn.startswith(MANAGED_POLICY_PREFIX) and "bedrock" in arn.lower():
        return True
    for policy in context.inventory.referenced(attachment, "policy_arn", "aws_iam_policy"):
        statements = _policy_statements(context, policy)
        if statements and mentions_service(statements, "bedrock"):
            return True
    return False


def api_key_without_expiry(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-014: long-term Bedrock API key that never expires."""
    for resource in context.inventory.of_type("aws_iam_service_specific_credential"):
        if resource.at("service_name").string() != "bedrock.amazonaws.com":
            continue
        age = resource.at("credential_age_days")
        if age.number() is not None:
            yield passed(
                resource,
                f"the Bedrock API key expires after {age.display()} days",
                "credential_age_days",
            )
        elif age.is_unknown:
            yield unknown(
                resource, "credential_age_days is only known after apply", "credential_age_days"
            )
        else:
            yield failed(
                resource,
                "long-term Bedrock API key with no credential_age_days: it never expires",
                "credential_age_days",
            )
