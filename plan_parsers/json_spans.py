"""Walk a large JSON text without building it all: decode only the parts asked for.

A plan of 100,000 resources is over 100 MB of JSON; ``json.loads`` turns it into about six
times that in Python objects. Here a document is passed over once, member by member and
element by element: a reader streams the members it needs (decoding each entry), the rest is
skipped with the standard library's C scanner (which checks the syntax and keeps nothing),
and a ``Span`` keeps where a value is, to decode it later when something asks for it.

Syntax errors are raised as ``json.JSONDecodeError`` (positioned), as ``json.loads`` would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

_SPACE = re.compile(r"[ \t\n\r]*")
_BLANKS = frozenset(" \t\n\r")
_BLANKS_OR_END = frozenset(("", " ", "\t", "\n", "\r"))


class NotJsonNumber(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python reads them, JSON does not have them."""


def _refuse_constant(text: str) -> Any:
    raise NotJsonNumber(text)


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
_SKIPPER = json.JSONDecoder(object_pairs_hook=len, parse_constant=_refuse_constant)
"""Scans a value at C speed and keeps nothing of it (every object becomes its member count:
the hook is a C function, so a skipped object costs no Python call)."""
_Scan = Callable[[str, int], tuple[Any, int]]
_SCAN: _Scan = _DECODER.scan_once  # type: ignore[attr-defined]  # set by JSONDecoder.__init__
_SCAN_SKIPPING: _Scan = _SKIPPER.scan_once  # type: ignore[attr-defined]


Guard = Callable[[int], AbstractContextManager[None]]
"""``guard(levels_above)``: a context in which every scan applies the nesting limit (counted
from the calling frame, for a value already ``levels_above`` containers deep in the document)
and reports errors the way the document's reader does."""


def unguarded(levels_above: int) -> AbstractContextManager[None]:
    """The guard of a text with no limit of its own (errors are raised as they are)."""
    del levels_above
    return nullcontext()


class JsonText:
    """A JSON text and the moves a reader makes through it."""

    __slots__ = ("guard", "text")

    def __init__(self, text: str, guard: Guard | None = None) -> None:
        self.text = text
        self.guard: Guard = guard or unguarded
        """Applies the nesting limit to a scan (see ``Guard``); walks that recurse into nested
        modules call it again with how deep they are."""

    def space(self, index: int) -> int:
        """Index of the next non-blank character at or after ``index``."""
        text = self.text
        if index < len(text) and text[index] not in _BLANKS:  # compact JSON, as Terraform writes
            return index
        if text[index : index + 1] == " " and text[index + 1 : index + 2] not in _BLANKS_OR_END:
            return index + 1  # one space after a delimiter, as json.dumps writes
        match = _SPACE.match(text, index)
        return match.end() if match else index

    def decode(self, index: int) -> tuple[Any, int]:
        """The value starting at ``index`` and the index just after it."""
        try:  # the C scanner called directly: ``raw_decode`` is this, one frame slower
            return _SCAN(self.text, index)
        except StopIteration as stop:
            raise json.JSONDecodeError("Expecting value", self.text, stop.value) from None

    def skip(self, index: int) -> int:
        """The index just after the value starting at ``index`` (nothing of it is kept)."""
        try:
            return _SCAN_SKIPPING(self.text, index)[1]
        except StopIteration as stop:
            raise json.JSONDecodeError("Expecting value", self.text, stop.value) from None

    def members(self, index: int, visit: Callable[[str, int], int]) -> int:
        """Walk the object at ``index``: ``visit(key, value_index)`` returns the value's end.

        Returns the index just after the object. Errors are the C scanner's, at the same place.
        """
        index = self.space(self._expect(index, "{"))
        if self._next(index) == "}":
            return index + 1
        while True:
            if self._next(index) != '"':
                raise self._error("Expecting property name enclosed in double quotes", index)
            key, index = self.decode(index)
            index = self.space(index)
            if self._next(index) != ":":
                raise self._error("Expecting ':' delimiter", index)
            index = self.space(visit(key, self.space(index + 1)))
            character = self._next(index)
            if character == "}":
                return index + 1
            if character != ",":
                raise self._error("Expecting ',' delimiter", index)
            index = self.space(index + 1)

    def elements(self, index: int, visit: Callable[[int], int]) -> int:
        """Walk the array at ``index``: ``visit(element_index)`` returns the element's end."""
        index = self.space(self._expect(index, "["))
        if self._next(index) == "]":
            return index + 1
        text, space = self.text, self.space
        while True:  # once per element of the biggest arrays: the delimiter is looked at first
            index = visit(index)
            character = text[index : index + 1]
            if character in _BLANKS:
                index = space(index)
                character = text[index : index + 1]
            if character == ",":
                index = space(index + 1)
            elif character == "]":
                return index + 1
            else:
                raise self._error("Expecting ',' delimiter", index)

    def starts_with(self, index: int, character: str) -> bool:
        """True when the value at ``index`` starts with ``character`` (``{`` or ``[``)."""
        index = self.space(index)
        return index < len(self.text) and self.text[index] == character

    def _next(self, index: int) -> str:
        """The character at ``index``, or "" at the end of the text."""
        return self.text[index] if index < len(self.text) else ""

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


_MEMBER_LEVELS = 1
"""Containers around a top-level member's value (the document object): its nesting limit."""
_FIRST, _VALUE, _AFTER, _CLOSED = range(4)
"""Where the top-level scan stands: just after ``{``, at a member's value (not passed yet),
just after a value, after the closing ``}``."""


class LazyDocument(Mapping[str, Any]):
    """A JSON object scanned on demand and passed over once, its members decoded when read.

    Nothing is scanned when the document is made: a cursor moves through the top-level members
    only as far as a question needs (``start``, ``in``, ``get``, ``[]``), recording where each
    member it passes starts. ``stream_members`` lets a reader walk members in place: when the
    cursor stands at such a member, the reader's walk is the pass. ``finish`` scans whatever is
    left; every reader calls it before using what it read, so a syntax error anywhere is still
    found.
    Every scan runs inside the text's guard (the nesting limit and error reporting).
    """

    def __init__(self, text: JsonText, cursor: int) -> None:
        self.text = text
        self._starts: dict[str, int] = {}
        self._values: dict[str, Any] = {}
        self._cursor = cursor
        self._state = _FIRST
        self._pending: str | None = None
        """The key whose value the cursor stands at (when the state is ``_VALUE``)."""
        self._finished = False
        self._asked: set[str] = set()
        self.rebound: set[str] = set()
        """Keys handed out (``start``, ``[]``, ``stream``) before the scan found the same key
        written again later: what was read from them is stale (the last one counts)."""

    @classmethod
    def parse(cls, text: str, guard: Guard = unguarded) -> LazyDocument:
        """A document over ``text``, whose top level must be an object (nothing scanned yet)."""
        json_text = JsonText(text, guard)
        with guard(0):
            cursor = json_text._expect(json_text.space(0), "{")
        return cls(json_text, cursor)

    @classmethod
    def of(cls, document: Mapping[str, Any]) -> LazyDocument:
        """A lazy document over ``document`` (written out and scanned again)."""
        return cls.parse(json.dumps(document))

    @property
    def finished(self) -> bool:
        """True once the whole text has been scanned and checked."""
        return self._finished

    def start(self, key: str) -> int | None:
        """Index of a member's value in the text, or None when absent (scans up to it)."""
        if not self._find(key):
            return None
        self._asked.add(key)
        return self._starts[key]

    def stream_members(
        self, walks: Mapping[str, Callable[[int], int]], *, finish: bool = True
    ) -> set[str]:
        """Walk each member named in ``walks`` once, in document order as far as possible.

        Members passed already are walked first, where they are; then the scan moves forward
        and walks each member it reaches (the walk is the pass). With ``finish`` the scan goes
        on to the end of the text (``finish()``), otherwise it stops once every member named is
        walked. Returns the keys walked (absent ones are not).
        """
        walked: set[str] = set()
        with self.text.guard(_MEMBER_LEVELS):
            for key, walk in walks.items():
                if key in self._starts and not (self._state == _VALUE and self._pending == key):
                    self._asked.add(key)
                    walk(self._starts[key])
                    walked.add(key)
            while finish or len(walked) < len(walks):
                reached = self._pending if self._state == _VALUE else None
                if reached is not None and reached in walks:
                    if reached in walked:  # written twice: the reader reads the last one again
                        self.rebound.add(reached)
                        self._step()
                        continue
                    self._asked.add(reached)
                    self._cursor = walks[reached](self._cursor)
                    self._state = _AFTER
                    walked.add(reached)
                elif not self._step():
                    break
            if finish:
                self._check_end()
        return walked

    def finish(self) -> None:
        """Scan the rest of the text: a syntax error or extra data anywhere is raised now."""
        if self._finished:
            return
        with self.text.guard(_MEMBER_LEVELS):
            while self._step():
                pass
            self._check_end()

    def __getitem__(self, key: str) -> Any:
        if key not in self._values:
            start = self.start(key)
            if start is None:
                raise KeyError(key)
            if self._state == _VALUE and self._cursor == start:
                with self.text.guard(_MEMBER_LEVELS):  # decoding it is the pass over it
                    self._values[key], self._cursor = self.text.decode(start)
                self._state = _AFTER
            else:
                self._values[key] = self.text.decode(start)[0]
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        self.finish()
        return iter(self._starts)

    def __len__(self) -> int:
        self.finish()
        return len(self._starts)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key)

    def _find(self, key: str) -> bool:
        """Scan forward until ``key`` is found (True) or the object ends (False)."""
        if key not in self._starts and self._state != _CLOSED:
            with self.text.guard(_MEMBER_LEVELS):
                while key not in self._starts and self._step():
                    pass
        return key in self._starts

    def _step(self) -> bool:
        """Move the cursor over one thing: a value, or a delimiter and the next key. False once
        the object is closed. Runs inside the guard."""
        text, index = self.text, self._cursor
        if self._state == _VALUE:
            self._cursor, self._state = text.skip(index), _AFTER
            return True
        if self._state == _CLOSED:
            return False
        index = text.space(index)
        if self._state == _AFTER:
            character = text._at(index)
            if character == "}":
                self._cursor, self._state = index + 1, _CLOSED
                return False
            if character != ",":
                raise text._error("Expecting ',' delimiter", index)
            index = text.space(index + 1)
        elif text._at(index) == "}":
            self._cursor, self._state = index + 1, _CLOSED
            return False
        key, index = text.decode(index)
        if not isinstance(key, str):
            raise text._error("Expecting property name enclosed in double quotes", index)
        index = text.space(text._expect(index, ":"))
        if key in self._asked:
            self.rebound.add(key)
            self._values.pop(key, None)
        self._starts[key] = index
        self._cursor, self._state, self._pending = index, _VALUE, key
        return True

    def _check_end(self) -> None:
        end = self.text.space(self._cursor)
        if end != len(self.text.text):
            raise json.JSONDecodeError("Extra data", self.text.text, end)
        self._finished = True
