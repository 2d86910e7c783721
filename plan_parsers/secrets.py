"""Collect the sensitive string values of an input, so outputs can be scrubbed of them.

Terraform never redacts its JSON: a sensitive value sits in clear text next to a mask that
marks it. Reporters never print attribute values they were not asked to, and as a second
line of defence the CLI removes every collected secret from everything it writes.
"""

from __future__ import annotations

from typing import Any

MIN_SECRET_LENGTH = 4


def sensitive_strings(value: Any, mask: Any, into: set[str]) -> None:
    """Add to ``into`` every string (at any depth) of ``value`` that ``mask`` marks sensitive."""
    stack: list[tuple[Any, Any]] = [(value, mask)]
    while stack:
        node, node_mask = stack.pop()
        if node_mask is True:
            all_strings(node, into)
        elif isinstance(node_mask, dict) and isinstance(node, dict):
            stack.extend((node.get(key), sub) for key, sub in node_mask.items() if sub)
        elif isinstance(node_mask, list) and isinstance(node, list):
            stack.extend((node[i], sub) for i, sub in enumerate(node_mask) if sub and i < len(node))


def all_strings(value: Any, into: set[str]) -> None:
    """Add every string of ``value`` (leaves, map keys, numbers as text) to ``into``.

    A map that is sensitive as a whole hides its keys too (Terraform shows neither).
    """
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if len(node) >= MIN_SECRET_LENGTH:
                into.add(node)
        elif isinstance(node, bool) or node is None:
            continue
        elif isinstance(node, int | float):
            text = _number_text(node)
            if len(text) >= MIN_SECRET_LENGTH:
                into.add(text)
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _number_text(number: int | float) -> str:
    try:
        return str(number)
    except ValueError:  # an integer too long for Python to print: nothing prints it either
        return ""
