"""YAML for the fuzzer: mutated seed files (catalog, config, attestations) and YAML hazards.

A mutated seed is written as JSON (which YAML reads) or as block-style YAML; hazards are
what only YAML has: aliases and anchors (an alias bomb expands exponentially), merge keys,
tags that name Python objects or malformed timestamps, several documents, tabs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.robustness.mutations import (
    Seed,
    byte_mutation,
    dumps,
    encoded,
    mutated_documents,
)


def alias_bomb(levels: int = 30) -> str:
    """A billion-laughs document: each anchor lists the previous one ten times."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    return "\n".join(lines) + "\n"


HAZARDS = (
    alias_bomb(),
    "schema_version: 1\nx: &x {a: 1}\ny: *x\n",
    "schema_version: 1\n<<: {fail_on: high}\n",
    "!!python/object/apply:os.system ['echo pwned']\n",
    "schema_version: !!python/name:os.system 1\n",
    "schema_version: 1\nexpires: 2026-02-30\n",
    "schema_version: 1\nexpires: !!timestamp nope\n",
    "schema_version: !!binary aGVsbG8=\n",
    "schema_version: !!set {1, 2}\n",
    "schema_version: 1\n---\nschema_version: 2\n",
    "schema_version:\t1\n",
    "schema_version: 1\nschema_version: 1\n",
    "? [a, b]\n: 1\n",
    "{" * 2000 + "}" * 2000,
    "[" * 100_000,
    "schema_version: " + "9" * 5000 + "\n",
    "schema_version: 0x" + "f" * 5000 + "\n",
    "schema_version: 1\nfail_on: " + "x" * 200_000 + "\n",
    "%YAML 1.1\n%TAG ! tag:yaml.org,2002:python/\n---\n!object:os.system {}\n",
    "",
    "---\n...\n",
    "\x00",
)


def _block_yaml(document: Any) -> str:
    try:
        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    except Exception:  # noqa: BLE001 - PyYAML cannot write it: JSON is YAML too
        return dumps(document)


@st.composite
def yaml_bytes(draw: st.DrawFn, seeds: Sequence[Seed]) -> bytes:
    """A mutated seed (as JSON or block YAML), or a YAML hazard, maybe corrupted in bytes."""
    kind = draw(st.sampled_from(["json", "block", "block", "hazard"]))
    if kind == "hazard":
        text = draw(st.sampled_from(HAZARDS))
    else:
        document = draw(mutated_documents(seeds))
        plain = kind == "block" and not _has_special(document)
        text = _block_yaml(document) if plain else dumps(document)
    return draw(byte_mutation(draw(encoded(text))))


def _has_special(document: Any) -> bool:
    """The document holds raw JSON text or repeated keys, which only JSON can write."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif not isinstance(node, str | int | float | bool | type(None)):
            return True
    return False
