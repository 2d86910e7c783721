"""Terraform address and reference tokenising.

Addresses such as ``module.a["k.x"].module.b[0].aws_s3_bucket.c`` can hold dots and brackets
inside their keys, so they are never split on ``.``: this module reads them step by step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Key:
    """An index step: ``[0]`` or ``["name"]``."""

    value: str | int


Step = str | Key


def tokenize(text: str) -> list[Step]:
    """Split a traversal into names and index keys; stops at the first unreadable character."""
    steps: list[Step] = []
    position, length = 0, len(text)
    while position < length:
        char = text[position]
        if char == ".":
            position += 1
        elif char == "[":
            key, position = _read_key(text, position + 1)
            if key is None:
                break
            steps.append(key)
        else:
            end = position
            while end < length and (text[end].isalnum() or text[end] in "_-"):
                end += 1
            if end == position:
                break
            steps.append(text[position:end])
            position = end
    return steps


def _read_key(text: str, position: int) -> tuple[Key | None, int]:
    if position < len(text) and text[position] == '"':
        end = position + 1
        while end < len(text) and text[end] != '"':
            end += 2 if text[end] == "\\" else 1
        try:
            value = json.loads(text[position : end + 1])
        except ValueError:
            return None, len(text)
        close = text.find("]", end)
        return (Key(value), close + 1) if close != -1 else (None, len(text))
    close = text.find("]", position)
    if close == -1:
        return None, len(text)
    raw = text[position:close]
    return (Key(int(raw)) if raw.isdigit() else None), close + 1


@lru_cache(maxsize=8192)
def module_path(module_address: str) -> tuple[str, ...]:
    """The module call names of a module instance address, without instance keys."""
    steps = tokenize(module_address)
    return tuple(
        step
        for previous, step in zip(steps, steps[1:], strict=False)
        if previous == "module" and isinstance(step, str)
    )


def format_key(key: str | int) -> str:
    """``[0]`` or ``["name"]`` the way Terraform prints instance keys."""
    return f"[{key}]" if isinstance(key, int) else f"[{json.dumps(key)}]"


@dataclass(frozen=True, slots=True)
class Reference:
    """What an expression reference points at."""

    kind: str
    """``resource``, ``data`` or ``module``."""
    address: str
    """Module-relative base address (``aws_x.y``, ``data.aws_x.y``) or module call name."""
    output: str = ""
    """For ``module`` references: the output name."""


_NOT_RESOURCES = frozenset(
    {"var", "local", "each", "count", "path", "terraform", "self", "provider", "ephemeral"}
)


def parse_reference(text: str) -> Reference | None:
    """Read an expression reference such as ``aws_iam_role.r.arn`` or ``module.m.out``."""
    names = [step for step in tokenize(text) if isinstance(step, str)]
    if not names or names[0] in _NOT_RESOURCES:
        return None
    if names[0] == "module":
        if len(names) < 3:
            return None
        return Reference("module", names[1], names[2])
    if names[0] == "data":
        return Reference("data", f"data.{names[1]}.{names[2]}") if len(names) >= 3 else None
    return Reference("resource", f"{names[0]}.{names[1]}") if len(names) >= 2 else None
