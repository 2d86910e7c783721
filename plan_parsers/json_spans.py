"""Walk a large JSON text without building it all: decode only the parts asked for.

A plan of 100,000 resources is over 100 MB of JSON; ``json.loads`` turns it into about six
times that in Python objects. Here a document is first scanned once with the standard
library's C scanner (which checks the whole syntax and keeps nothing), then read member by
member and element by element: a reader decodes what it needs, skips what it does not, and
keeps a ``Span`` to decode a value later, when something asks for it.

Syntax errors are raised as ``json.JSONDecodeError`` (positioned), as ``json.loads`` would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

_SPACE = re.compile(r"[ \t\n\r]*")


class NotJsonNumber(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python reads them, JSON does not have them."""


def _refuse_constant(text: str) -> Any:
    raise NotJsonNumber(text)


def _discard(pairs: list[tuple[str, Any]]) -> None:
    del pairs


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
_SKIPPER = json.JSONDecoder(object_pairs_hook=_discard, parse_constant=_refuse_constant)
"""Scans a value at C speed and keeps nothing of it (every object becomes None)."""


class JsonText:
    """A JSON text and the moves a reader makes through it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def space(self, index: int) -> int:
        """Index of the next non-blank character at or after ``index``."""
        match = _SPACE.match(self.text, index)
        return match.end() if match else index

    def decode(self, index: int) -> tuple[Any, int]:
        """The value starting at ``index`` and the index just after it."""
        return _DECODER.raw_decode(self.text, index)

    def skip(self, index: int) -> int:
        """The index just after the value starting at ``index`` (nothing of it is kept)."""
        return _SKIPPER.raw_decode(self.text, index)[1]

    def members(self, index: int, visit: Callable[[str, int], int]) -> int:
        """Walk the object at ``index``: ``visit(key, value_index)`` returns the value's end.

        Returns the index just after the object.
        """
        index = self.space(self._expect(index, "{"))
        if self._at(index) == "}":
            return index + 1
        while True:
            key, index = self.decode(index)
            if not isinstance(key, str):
                raise self._error("Expecting property name enclosed in double quotes", index)
            index = self.space(self._expect(index, ":"))
            index = self.space(visit(key, index))
            character = self._at(index)
            if character == "}":
                return index + 1
            if character != ",":
                raise self._error("Expecting ',' delimiter", index)
            index = self.space(index + 1)

    def elements(self, index: int, visit: Callable[[int], int]) -> int:
        """Walk the array at ``index``: ``visit(element_index)`` returns the element's end."""
        index = self.space(self._expect(index, "["))
        if self._at(index) == "]":
            return index + 1
        while True:
            index = self.space(visit(index))
            character = self._at(index)
            if character == "]":
                return index + 1
            if character != ",":
                raise self._error("Expecting ',' delimiter", index)
            index = self.space(index + 1)

    def starts_with(self, index: int, character: str) -> bool:
        """True when the value at ``index`` starts with ``character`` (``{`` or ``[``)."""
        index = self.space(index)
        return index < len(self.text) and self.text[index] == character

    def member_starts(self, index: int) -> tuple[dict[str, int], int]:
        """Key -> index of its value, for the object at ``index`` (values skipped), and the
        index just after the object. A key written twice keeps its last value."""
        starts: dict[str, int] = {}

        def remember(key: str, start: int) -> int:
            starts[key] = start
            return self.skip(start)

        return starts, self.members(index, remember)

    def _at(self, index: int) -> str:
        if index >= len(self.text):
            raise self._error("Expecting value", index)
        return self.text[index]

    def _expect(self, index: int, character: str) -> int:
        index = self.space(index)
        if self._at(index) != character:
            raise self._error(f"Expecting '{character}'", index)
        return index + 1

    def _error(self, message: str, index: int) -> json.JSONDecodeError:
        return json.JSONDecodeError(message, self.text, min(index, len(self.text)))


@dataclass(frozen=True, slots=True)
class Span:
    """Where one JSON value sits in a text, to decode it when it is needed."""

    text: JsonText
    """The whole text (shared, never copied)."""
    start: int
    """Index of the value's first character."""

    def decode(self) -> Any:
        """The value (decoded again on every call)."""
        return self.text.decode(self.start)[0]


class LazyDocument(Mapping[str, Any]):
    """A JSON object whose members are decoded on first access.

    Building one scans the whole text (so a syntax error anywhere is found at once) without
    keeping anything; readers then decode small members as a mapping and stream big ones
    through ``text`` and ``start``.
    """

    def __init__(self, text: JsonText, starts: dict[str, int]) -> None:
        self.text = text
        self._starts = starts
        self._values: dict[str, Any] = {}

    @classmethod
    def parse(cls, text: str) -> LazyDocument:
        """Scan ``text``, whose top level must be an object."""
        json_text = JsonText(text)
        starts, end = json_text.member_starts(json_text.space(0))
        end = json_text.space(end)
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
        return cls(json_text, starts)

    @classmethod
    def of(cls, document: Mapping[str, Any]) -> LazyDocument:
        """A lazy document over ``document`` (written out and scanned again)."""
        return cls.parse(json.dumps(document))

    def start(self, key: str) -> int | None:
        """Index of a member's value in the text, or None when absent."""
        return self._starts.get(key)

    def __getitem__(self, key: str) -> Any:
        if key not in self._values:
            self._values[key] = self.text.decode(self._starts[key])[0]
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._starts)

    def __len__(self) -> int:
        return len(self._starts)

    def __contains__(self, key: object) -> bool:
        return key in self._starts
