"""AI-SEC-002, 003 and 009 on Azure OpenAI: content filter (RAI) policies and their use."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.enums import Status
from srm_iac.model.inventory import Resource
from srm_iac.rules.azure_openai.filters import (
    CONTENT_FILTER,
    HARM_CATEGORIES,
    INDIRECT_ATTACK,
    JAILBREAK,
    RAI_POLICY,
    SYSTEM_POLICIES,
    FilterRule,
    FilterState,
    filter_state,
    inherited_state,
)
from srm_iac.rules.azure_openai.links import same_id
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, join_names, worst_of

DEPLOYMENT = "azurerm_cognitive_deployment"
POLICY_NAME = "rai_policy_name"
STREAMING_BEFORE_FILTERING = ("ASYNCHRONOUS_FILTER", "DEFERRED")


def _result(policy: Resource, state: FilterState) -> Result:
    return Result(state.status, state.reason, policy, CONTENT_FILTER)


def _each_policy_state(context: CheckContext, rule: FilterRule) -> Iterator[Result]:
    for policy in context.inventory.of_type(RAI_POLICY):
        yield _result(policy, filter_state(policy, rule))


def jailbreak_filter_off(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-011: RAI policy that does not block jailbreak attempts."""
    yield from _each_policy_state(context, JAILBREAK)


def indirect_attack_filter_off(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-012: RAI policy that does not screen documents for injected instructions."""
    yield from _each_policy_state(context, INDIRECT_ATTACK)


def harmful_output_filters_weak(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-013: RAI policy that lets harmful completions through."""
    for policy in context.inventory.of_type(RAI_POLICY):
        states = {rule.name: filter_state(policy, rule) for rule in HARM_CATEGORIES}
        weak = [name for name, state in states.items() if state.status is Status.FAIL]
        pending = [name for name, state in states.items() if state.status is Status.UNKNOWN]
        if weak:
            reasons = "; ".join(states[name].reason for name in weak)
            yield failed(
                policy,
                f"completions are not blocked at Low or Medium severity for {join_names(weak)}: "
                f"{reasons}",
                CONTENT_FILTER,
            )
        elif pending:
            yield unknown(policy, states[pending[0]].reason, CONTENT_FILTER)
        else:
            yield passed(
                policy,
                "Hate, Sexual, Violence and Selfharm completions are blocked at Low or Medium "
                "severity",
                CONTENT_FILTER,
            )


def asynchronous_filter_mode(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-014: RAI policy that streams completions before filtering them."""
    for policy in context.inventory.of_type(RAI_POLICY):
        mode = policy.at("mode")
        if enum_value(mode) in STREAMING_BEFORE_FILTERING:
            yield failed(
                policy,
                f"mode is {mode.display()}: streamed content reaches users before the filters "
                "have judged it",
                "mode",
            )
        elif mode.is_unknown:
            yield unknown(policy, "the filter mode is only known after apply", "mode")
        else:
            shown = mode.display() if mode.is_known else "the service default"
            yield passed(policy, f"mode is {shown}: content is filtered before delivery", "mode")


def deployment_without_jailbreak_filter(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-008: deployment not bound to a content filter policy that blocks jailbreaks."""
    for deployment in context.inventory.of_type(DEPLOYMENT):
        yield _deployment_verdict(context, deployment)


def _deployment_verdict(context: CheckContext, deployment: Resource) -> Result:
    node = deployment.at(POLICY_NAME)
    bound = bound_policies(context, deployment)
    if bound:
        return worst_of(
            [
                _on_deployment(
                    deployment,
                    filter_state(policy, JAILBREAK),
                    f"content filter policy {policy.address}: ",
                )
                for policy in bound
            ]
        )
    if node.is_known:
        if (node.string() or "").casefold() in SYSTEM_POLICIES:
            return _on_deployment(deployment, inherited_state(node, JAILBREAK, "system policy "))
        return unknown(
            deployment,
            f"content filter policy {node.display()} is not in this plan, so its jailbreak "
            "filter cannot be verified",
            POLICY_NAME,
        )
    if node.is_null or deployment.sets(POLICY_NAME) is False:
        return unknown(
            deployment,
            "rai_policy_name is not set: the service assigns its default content filter policy, "
            "which the plan cannot show",
            POLICY_NAME,
        )
    return unknown(deployment, "the content filter policy is only known after apply", POLICY_NAME)


def _on_deployment(deployment: Resource, state: FilterState, prefix: str = "") -> Result:
    return Result(state.status, prefix + state.reason, deployment, POLICY_NAME)


def bound_policies(context: CheckContext, deployment: Resource) -> list[Resource]:
    """RAI policies of this plan that the deployment's rai_policy_name names."""
    linked = context.inventory.referenced(deployment, POLICY_NAME, RAI_POLICY)
    name = deployment.at(POLICY_NAME).string()
    if linked or not name:
        return linked
    return [
        policy
        for policy in context.inventory.of_type(RAI_POLICY)
        if (policy.at("name").string() or "").casefold() == name.casefold()
        and _same_account(policy, deployment)
    ]


def _same_account(policy: Resource, deployment: Resource) -> bool:
    """False only when the two provably belong to different accounts."""
    attribute = "cognitive_account_id"
    left, right = policy.at(attribute).string(), deployment.at(attribute).string()
    if left and right:
        return same_id(left, right)
    left_refs, right_refs = set(policy.references(attribute)), set(deployment.references(attribute))
    if left_refs and right_refs:
        return bool(left_refs & right_refs)
    return True
