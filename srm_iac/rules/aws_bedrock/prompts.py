"""AI-SEC-004 on Bedrock: credentials written into agent instructions and prompt templates.

The text lands in plan and state and in every model call. The finding names the kind of
credential and the attribute, never the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown

CREDENTIAL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an AWS access key id", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    ("a bearer token", re.compile(r"\bBearer\s+[A-Za-z0-9._~+/-]{20,}")),
    (
        "an API key assignment",
        re.compile(r"(?i)\b(api[_-]?key|secret|password|passwd|token)\s*[:=]\s*['\"]?[^\s'\"]{8,}"),
    ),
    ("a GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b")),
    ("an OpenAI-style key", re.compile(r"\bsk-[A-Za-z0-9_-]{20,}\b")),
)


def credential_kind(text: str) -> str | None:
    """The kind of credential found in ``text``, or None."""
    for kind, pattern in CREDENTIAL_PATTERNS:
        if pattern.search(text):
            return kind
    return None


def _prompt_texts(agent_node: Node) -> list[tuple[str, Node]]:
    templates = [
        ("prompt_override_configuration.base_prompt_template", prompt.get("base_prompt_template"))
        for override in agent_node.each("prompt_override_configuration")
        for prompt in override.each("prompt_configurations")
    ]
    return [("instruction", agent_node.get("instruction")), *templates]


def agent_prompt_with_credentials(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-024: credential in an agent's instruction or prompt template."""
    for agent in context.inventory.of_type("aws_bedrockagent_agent"):
        texts = _prompt_texts(agent.root)
        found = [(attr, credential_kind(node.string() or "")) for attr, node in texts]
        hits = [(attr, kind) for attr, kind in found if kind]
        if hits:
            attribute, kind = hits[0]
            yield failed(
                agent,
                f"{attribute} contains {kind}: prompts are stored in plan, state "
                "and logs, and models can be talked into repeating them",
                attribute,
            )
        elif any(node.is_unknown and agent.sets(attr) is not False for attr, node in texts):
            yield unknown(agent, "the instruction is only known after apply", "instruction")
        else:
            yield passed(
                agent, "no credential found in the instruction or prompt templates", "instruction"
            )
