"""Read AWS IAM policy documents (JSON strings inside the plan) and ask what they allow.

Policies arrive pretty-printed, minified, with ``Action`` as a string or a list, and with
wildcards (``bedrock:InvokeModel*``, ``bedrock:*``, ``*``). They are parsed, never grepped.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Statement:
    """One IAM policy statement, normalised."""

    effect: str
    """``Allow`` or ``Deny``."""
    actions: tuple[str, ...]
    """``Action`` patterns (lower-cased)."""
    not_actions: tuple[str, ...]
    """``NotAction`` patterns (lower-cased)."""
    resources: tuple[str, ...]
    """``Resource`` patterns."""
    not_resources: tuple[str, ...]
    """``NotResource`` patterns."""
    condition_keys: tuple[str, ...]
    """Condition keys used (lower-cased), e.g. ``bedrock:guardrailidentifier``."""

    def allows(self, action: str) -> bool:
        """True when this is an Allow statement whose actions cover ``action``."""
        if self.effect != "Allow":
            return False
        wanted = action.lower()
        if self.not_actions:
            return not any(fnmatch.fnmatchcase(wanted, p) for p in self.not_actions)
        return any(fnmatch.fnmatchcase(wanted, pattern) for pattern in self.actions)

    def action_patterns_for(self, service: str) -> tuple[str, ...]:
        """The action patterns that reach ``service`` (``bedrock``): ``*``, ``bedrock:*`` ..."""
        prefix = f"{service.lower()}:"
        return tuple(p for p in self.actions if p == "*" or p.startswith(prefix))


def parse_policy(text: Any) -> list[Statement] | None:
    """Statements of a policy document string; None when it is not a policy document."""
    if isinstance(text, dict):
        document = text
    elif isinstance(text, str):
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            return None
    else:
        return None
    if not isinstance(document, dict):
        return None
    raw = document.get("Statement")
    items = raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []
    return [_statement(item) for item in items if isinstance(item, dict)]


def _statement(item: dict[str, Any]) -> Statement:
    condition = item.get("Condition")
    keys: list[str] = []
    if isinstance(condition, dict):
        for operator_block in condition.values():
            if isinstance(operator_block, dict):
                keys.extend(str(key).lower() for key in operator_block)
    return Statement(
        effect=str(item.get("Effect", "")),
        actions=tuple(a.lower() for a in _strings(item.get("Action"))),
        not_actions=tuple(a.lower() for a in _strings(item.get("NotAction"))),
        resources=_strings(item.get("Resource")),
        not_resources=_strings(item.get("NotResource")),
        condition_keys=tuple(keys),
    )


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def mentions_service(statements: list[Statement], service: str) -> bool:
    """True when any statement names an action of ``service`` explicitly (``bedrock:...``)."""
    prefix = f"{service.lower()}:"
    return any(a.startswith(prefix) for s in statements for a in (*s.actions, *s.not_actions))
