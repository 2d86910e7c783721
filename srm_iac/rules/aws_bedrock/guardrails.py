"""AI-SEC-002 and AI-SEC-003 on Bedrock: what a guardrail filters, and which agents use one."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, join_names, worst_of

GUARDRAIL = "aws_bedrock_guardrail"
AGENT = "aws_bedrockagent_agent"
STRONG = ("MEDIUM", "HIGH")
HARMFUL_CATEGORIES = ("HATE", "INSULTS", "MISCONDUCT", "SEXUAL", "VIOLENCE")
FILTERS = "content_policy_config.filters_config"


def _filters(resource: Resource) -> tuple[list[Node], bool]:
    """The content filters of a guardrail, and whether the list is unknown."""
    policy = resource.at("content_policy_config")
    filters = policy.get("filters_config")
    return policy.each("filters_config"), policy.is_unknown or filters.is_unknown


def _blocks(node: Node, direction: str) -> bool | None:
    """False when a filter is set to detect only (action NONE) or disabled for ``direction``."""
    action = enum_value(node.get(f"{direction}_action"))
    enabled = node.get(f"{direction}_enabled").boolean()
    if action == "NONE" or enabled is False:
        return False
    if node.get(f"{direction}_action").is_unknown or node.get(f"{direction}_enabled").is_unknown:
        return None
    return True


def prompt_attack_verdict(resource: Resource) -> Result:
    """Judge a guardrail's PROMPT_ATTACK filter (shared by the guardrail and agent checks)."""
    filters, filters_unknown = _filters(resource)
    attacks = [f for f in filters if enum_value(f.get("type")) == "PROMPT_ATTACK"]
    if not attacks:
        if filters_unknown or any(f.get("type").is_unknown for f in filters):
            return unknown(resource, "the content filters are only known after apply", FILTERS)
        return failed(resource, "guardrail has no PROMPT_ATTACK filter", FILTERS)
    attack = attacks[0]
    strength_node = attack.get("input_strength")
    strength = enum_value(strength_node)
    blocks = _blocks(attack, "input")
    attribute = f"{FILTERS}[PROMPT_ATTACK].input_strength"
    if strength_node.is_unknown or blocks is None:
        return unknown(
            resource, "the PROMPT_ATTACK filter settings are only known after apply", attribute
        )
    if strength not in STRONG:
        return failed(
            resource,
            f"PROMPT_ATTACK input_strength is {strength_node.display()} (needs MEDIUM or HIGH)",
            attribute,
        )
    if not blocks:
        return failed(
            resource,
            "PROMPT_ATTACK filter only detects: input_action is NONE or input_enabled is false",
            f"{FILTERS}[PROMPT_ATTACK].input_action",
        )
    return passed(resource, f"PROMPT_ATTACK filter blocks at {strength} strength", attribute)


def guardrail_without_prompt_attack(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-005: guardrail with no prompt-attack filter, or a weak one."""
    for resource in context.inventory.of_type(GUARDRAIL):
        yield prompt_attack_verdict(resource)


def guardrail_without_harmful_content_filters(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-006: guardrail that lets harmful content through in model outputs."""
    for resource in context.inventory.of_type(GUARDRAIL):
        filters, filters_unknown = _filters(resource)
        if filters_unknown:
            yield unknown(resource, "the content filters are only known after apply", FILTERS)
            continue
        strong: set[str] = set()
        pending = False
        for item in filters:
            kind = enum_value(item.get("type"))
            strength = item.get("output_strength")
            blocks = _blocks(item, "output")
            if item.get("type").is_unknown or strength.is_unknown or blocks is None:
                pending = True
            elif kind in HARMFUL_CATEGORIES and enum_value(strength) in STRONG and blocks:
                strong.add(kind)
        weak = [category for category in HARMFUL_CATEGORIES if category not in strong]
        if not weak:
            yield passed(
                resource,
                "HATE, INSULTS, MISCONDUCT, SEXUAL and VIOLENCE outputs are "
                "filtered at MEDIUM or HIGH",
                FILTERS,
            )
        elif pending:
            yield unknown(resource, "some content filters are only known after apply", FILTERS)
        else:
            yield failed(
                resource,
                f"outputs are not filtered at MEDIUM or HIGH for {join_names(weak)}",
                FILTERS,
            )


def guardrail_without_pii_filter(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-007: guardrail with no PII entity or regex filter that blocks or masks."""
    attribute = "sensitive_information_policy_config"
    for resource in context.inventory.of_type(GUARDRAIL):
        policy = resource.at(attribute)
        if policy.is_unknown:
            yield unknown(resource, "the PII filters are only known after apply", attribute)
            continue
        entries = policy.each("pii_entities_config") + policy.each("regexes_config")
        actions = {enum_value(entry.get("action")) for entry in entries}
        lists_unknown = any(
            policy.get(name).is_unknown for name in ("pii_entities_config", "regexes_config")
        )
        if actions & {"BLOCK", "ANONYMIZE"}:
            yield passed(resource, "PII entities are blocked or anonymized", attribute)
        elif lists_unknown or any(entry.get("action").is_unknown for entry in entries):
            yield unknown(resource, "the PII filter actions are only known after apply", attribute)
        else:
            yield failed(resource, "no PII entity or regex filter blocks or anonymizes", attribute)


def _agent_guardrails(context: CheckContext, agent: Resource) -> tuple[list[Node], list[Resource]]:
    configurations = agent.each("guardrail_configuration")
    linked = context.inventory.referenced(
        agent, "guardrail_configuration.guardrail_identifier", GUARDRAIL
    )
    return configurations, linked


def agent_without_guardrail(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-004: Bedrock agent with no guardrail attached."""
    attribute = "guardrail_configuration.guardrail_identifier"
    for agent in context.inventory.of_type(AGENT):
        configurations, linked = _agent_guardrails(context, agent)
        identifiers = [c.get("guardrail_identifier") for c in configurations]
        if linked:
            yield passed(agent, f"guardrail {linked[0].address} is attached", attribute)
        elif any(node.string() for node in identifiers):
            yield passed(agent, "a guardrail is attached", attribute)
        elif agent.at("guardrail_configuration").is_unknown or any(
            node.is_unknown for node in identifiers
        ):
            yield unknown(agent, "the attached guardrail is only known after apply", attribute)
        else:
            yield failed(agent, "agent has no guardrail_configuration", "guardrail_configuration")


def _guardrails_by_identifier(context: CheckContext) -> dict[str, Resource]:
    """Guardrails of the plan by their known id and ARN."""
    index: dict[str, Resource] = {}
    for guardrail in context.inventory.of_type(GUARDRAIL):
        for attribute in ("guardrail_id", "guardrail_arn"):
            value = guardrail.at(attribute).string()
            if value:
                index.setdefault(value, guardrail)
    return index


def agent_guardrail_without_prompt_attack(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-008: agent whose attached guardrail has no adequate prompt-attack filter."""
    attribute = "guardrail_configuration.guardrail_identifier"
    by_identifier = _guardrails_by_identifier(context)
    for agent in context.inventory.of_type(AGENT):
        configurations, linked = _agent_guardrails(context, agent)
        if not configurations and not agent.at("guardrail_configuration").is_unknown:
            continue
        for configuration in configurations:
            found = by_identifier.get(configuration.get("guardrail_identifier").string() or "")
            if found is not None and found not in linked:
                linked.append(found)
        if not linked:
            yield unknown(
                agent,
                "the attached guardrail is not in this plan, so its filters cannot be verified",
                attribute,
            )
            continue
        worst = worst_of([prompt_attack_verdict(g) for g in linked])
        guardrail = worst.resource.address if worst.resource else "the guardrail"
        yield Result(
            worst.status, f"attached guardrail {guardrail}: {worst.message}", agent, attribute
        )


def agent_uses_draft_guardrail(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-026: agent pinned to the DRAFT guardrail version (edits apply untested)."""
    attribute = "guardrail_configuration.guardrail_version"
    for agent in context.inventory.of_type(AGENT):
        for configuration in agent.each("guardrail_configuration"):
            version = configuration.get("guardrail_version")
            text = version.string()
            if text is not None and text.upper() == "DRAFT":
                yield failed(
                    agent,
                    "guardrail_version is DRAFT: every edit to the guardrail reaches this agent "
                    "untested",
                    attribute,
                )
            elif text is not None:
                yield passed(agent, f"pinned to guardrail version {version.display()}", attribute)
            elif context.inventory.referenced(agent, attribute, "aws_bedrock_guardrail_version"):
                yield passed(
                    agent, "pinned to a published aws_bedrock_guardrail_version", attribute
                )
            elif version.is_unknown:
                yield unknown(agent, "guardrail_version is only known after apply", attribute)
