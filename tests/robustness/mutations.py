"""Hypothesis strategies that break documents the ways real and hostile inputs break.

Structure-level mutations walk a parsed seed document (a corpus plan, a fixture, a config)
and change one place: a value of another JSON type, a missing key, a huge or non-finite
number, nesting 100,000 levels deep, a very long or hostile string, a duplicate key, a
subtree grafted from elsewhere. Byte-level mutations then truncate the text at a random
point, flip or insert bytes, or encode it as UTF-16/32 with or without a BOM (or with an
invalid sequence). Every strategy yields ``bytes``, ready for a parser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from hypothesis import strategies as st

Path = tuple[str | int, ...]

DEEP_LEVELS = (64, 500, 1000, 5000, 100_000)
"""Nesting depths tried: around the parsers' own limits and far beyond Python's stack."""
LONG_STRING = 200_000


@dataclass(frozen=True)
class Raw:
    """JSON text put into the output verbatim (invalid numbers, deep nesting)."""

    text: str


@dataclass(frozen=True)
class Pairs:
    """An object written with these (possibly repeated) keys, in order."""

    items: tuple[tuple[str, Any], ...]


def dumps(value: Any) -> str:
    """JSON text of ``value``; ``Raw`` and ``Pairs`` nodes are written as they say."""
    raw: list[str] = []

    def prepare(node: Any) -> Any:
        if isinstance(node, Raw):
            raw.append(node.text)
            return f"\x00{len(raw) - 1}\x00"
        if isinstance(node, Pairs):
            items = ", ".join(f"{json.dumps(key)}: {dumps(item)}" for key, item in node.items)
            raw.append("{" + items + "}")
            return f"\x00{len(raw) - 1}\x00"
        if isinstance(node, dict):
            return {key: prepare(item) for key, item in node.items()}
        if isinstance(node, list):
            return [prepare(item) for item in node]
        return node

    text = json.dumps(prepare(value), ensure_ascii=False, default=str)
    return re.sub(r'"\\u0000(\d+)\\u0000"', lambda match: raw[int(match.group(1))], text)


def deep_list(levels: int) -> str:
    """``[[[...]]]`` nested ``levels`` deep."""
    return "[" * levels + "]" * levels


def deep_object(levels: int) -> str:
    """``{"a": {"a": ... 1}}`` nested ``levels`` deep."""
    return '{"a": ' * levels + "1" + "}" * levels


HOSTILE_STRINGS = (
    "",
    " ",
    "\x00",
    "\ud800",
    "\udfff\ud800",
    "\u202e\u2066evil\u2069",
    "line\nbreak\r\nand\ttab",
    "\x1b[31mred\x1b[0m\x07",
    "<script>alert(1)</script>",
    "]]></x><!--",
    "| cell | `code` **bold** [link](javascript:alert(1))",
    "${var.x}%{if true}y%{endif}",
    "../../../../etc/passwd",
    "aws_bedrock_guardrail.x",
    "\ufeffbom",
    "ﬀ\u0301\u200b\U0001f600",
    "9" * 5000,
)

SPECIAL_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    2**63,
    -(2**200),
    2**200,
    0.5,
    -0.0,
    1e308,
    Raw("1e309"),
    Raw("-1e309"),
    Raw("1e-400"),
    Raw("9" * 5000),
    Raw("NaN"),
    Raw("Infinity"),
    Raw("-Infinity"),
    Raw("1.0e+999999999"),
    *HOSTILE_STRINGS,
    [],
    {},
    [None],
    {"": None},
)


@cache
def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Arbitrary JSON values, hostile scalars included."""
    scalars = st.one_of(
        st.sampled_from(SPECIAL_VALUES),
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=40),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.text(max_size=12), inner, max_size=4),
        ),
        max_leaves=max_leaves,
    )


@cache
def deep_values() -> st.SearchStrategy[Raw]:
    """Lists or objects nested far deeper than any parser recurses."""
    return st.builds(
        lambda levels, maker: Raw(maker(levels)),
        st.sampled_from(DEEP_LEVELS),
        st.sampled_from([deep_list, deep_object]),
    )


@cache
def long_strings() -> st.SearchStrategy[str]:
    """Very long strings, plain or hostile."""
    return st.builds(
        lambda unit, length: (unit * (length // max(len(unit), 1) + 1))[:length],
        st.sampled_from(["a", "é", "\u202e", "${x}", "\\", '"']),
        st.sampled_from([1000, LONG_STRING]),
    )


@cache
def _values_not_of_type(name: str) -> st.SearchStrategy[Any]:
    return json_values().filter(lambda value: type_of(value) != name)


def type_of(value: Any) -> str:
    """The JSON type name of a value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Raw):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def all_paths(document: Any) -> tuple[Path, ...]:
    """Every path in ``document`` (the root is ``()``), without recursion."""
    found: list[Path] = [()]
    stack: list[tuple[Any, Path]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        children: Sequence[tuple[str | int, Any]] = (
            list(node.items())
            if isinstance(node, dict)
            else list(enumerate(node))
            if isinstance(node, list)
            else []
        )
        for key, child in children:
            found.append((*path, key))
            stack.append((child, (*path, key)))
    return tuple(found)


@dataclass(frozen=True, eq=False)
class Seed:
    """A document to mutate, with its paths computed once."""

    document: Any
    """The parsed document."""
    paths: tuple[Path, ...]
    """Every path in it."""

    def __repr__(self) -> str:
        return f"Seed(<{type(self.document).__name__} with {len(self.paths)} paths>)"

    @classmethod
    def of(cls, document: Any) -> Seed:
        """Wrap ``document``."""
        return cls(document, all_paths(document))


def get(document: Any, path: Path) -> Any:
    """The value at ``path``."""
    for key in path:
        document = document[key]
    return document


def replaced(document: Any, path: Path, change: Callable[[Any], Any]) -> Any:
    """A copy of ``document`` with ``change`` applied at ``path`` (only the spine is copied).

    ``change`` returns the new value, or ``_DELETE`` to remove the key or element.
    """
    if not path:
        new = change(document)
        return {} if new is _DELETE else new
    head, rest = path[0], path[1:]
    copy: Any = dict(document) if isinstance(document, dict) else list(document)
    assert isinstance(document, dict) or isinstance(head, int)
    new = replaced(document[head], rest, change) if rest else change(document[head])
    if new is _DELETE:
        del copy[head]
    else:
        copy[head] = new
    return copy


_DELETE = object()


@st.composite
def structure_mutation(draw: st.DrawFn, seed: Seed) -> Any:
    """One structural change at a random place of the seed document."""
    document = seed.document
    path = draw(st.sampled_from(seed.paths))
    current = get(document, path)
    kind = draw(
        st.sampled_from(
            ["wrong_type", "missing", "special", "deep", "long", "duplicate", "graft", "repeat"]
        )
    )
    if kind == "wrong_type":
        other = draw(_values_not_of_type(type_of(current)))
        return replaced(document, path, lambda _: other)
    if kind == "missing" and path:
        return replaced(document, path, lambda _: _DELETE)
    if kind == "special":
        special = draw(st.sampled_from(SPECIAL_VALUES))
        return replaced(document, path, lambda _: special)
    if kind == "deep":
        deep = draw(deep_values())
        return replaced(document, path, lambda _: deep)
    if kind == "long":
        text = draw(long_strings())
        return replaced(document, path, lambda _: text)
    if kind == "duplicate" and isinstance(current, dict) and current:
        key = draw(st.sampled_from(sorted(current)))
        twin = draw(json_values(max_leaves=3))
        items = (*current.items(), (key, twin))
        if draw(st.booleans()):
            items = ((key, twin), *current.items())
        return replaced(document, path, lambda _: Pairs(tuple(items)))
    if kind == "graft":
        donor = get(document, draw(st.sampled_from(seed.paths)))
        return replaced(document, path, lambda _: donor)
    if kind == "repeat" and isinstance(current, list) and current:
        return replaced(document, path, lambda value: [*value, *value])
    return replaced(document, path, lambda _: None)


def seeds_of(documents: Sequence[Any]) -> list[Seed]:
    """Seed documents for ``mutated_documents``."""
    return [Seed.of(document) for document in documents]


@st.composite
def mutated_documents(draw: st.DrawFn, seeds: Sequence[Seed], most: int = 3) -> Any:
    """A seed document with one to ``most`` structural changes."""
    seed = draw(st.sampled_from(seeds))
    document = draw(structure_mutation(seed))
    for _ in range(draw(st.integers(1, most)) - 1):
        document = draw(structure_mutation(Seed.of(document)))
    return document


BYTE_MUTATIONS = ("none",) * 10 + ("truncate", "flip", "insert", "prefix", "cut_middle")
"""Mostly none: a document broken in its bytes never reaches the checks."""
INVALID_SEQUENCES = (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00\xd8", b"\x00", b"\xef\xbb\xbf")
"""Bytes no valid UTF-8 (or UTF-16) text has at a random place, and a stray BOM."""
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be")


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """``text`` in an encoding a file may have; lone surrogates become invalid sequences."""
    encoding = draw(st.sampled_from(("utf-8",) * 12 + ENCODINGS))
    return text.encode(encoding, "surrogatepass")


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """Maybe truncate, flip, insert or prefix bytes (invalid UTF-8/16, stray BOMs)."""
    kind = draw(st.sampled_from(BYTE_MUTATIONS))
    if not data or kind == "none":
        return data
    position = draw(st.integers(0, len(data)))
    if kind == "truncate":
        return data[:position]
    if kind == "flip" and position < len(data):
        return (
            data[:position]
            + bytes([data[position] ^ draw(st.integers(1, 255))])
            + data[position + 1 :]
        )
    if kind == "insert":
        junk = draw(
            st.sampled_from(
                [
                    b"\xff",
                    b"\xc3",
                    b"\xed\xa0\x80",
                    b"\x00\xd8",
                    b"\x00",
                    b"\xef\xbb\xbf",
                    b"\xfe\xff",
                ]
            )
        )
        return data[:position] + junk + data[position:]
    if kind == "prefix":
        return (
            draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"]))
            + data
        )
    if kind == "cut_middle":
        end = draw(st.integers(position, len(data)))
        return data[:position] + data[end:]
    return data


@st.composite
def mutated_json(draw: st.DrawFn, seeds: Sequence[Seed]) -> bytes:
    """A seed JSON document, changed in structure, then in its bytes."""
    document = draw(mutated_documents(seeds))
    return draw(byte_mutation(draw(encoded(dumps(document)))))
