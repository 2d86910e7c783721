"""Read a JSON document from bytes: encodings, truncation and stray formats, with one-line errors.

Terraform writes UTF-8; PowerShell redirection writes UTF-16 with a BOM; some editors add a
UTF-8 BOM. A document that ends early is reported as truncated, a ``terraform plan -json``
log stream (one JSON object per line) is recognised and refused with the right command.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from plan_parsers.json_spans import LazyDocument, NotJsonNumber
from srm_iac.errors import InputError, TruncatedInputError, UnsupportedFormatError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, name: str) -> str:
    """Bytes to text: BOM-marked UTF-8/16/32, BOM-less UTF-16, else UTF-8."""
    encoding, start = "utf-8", 0
    for bom, candidate in _BOMS:
        if data.startswith(bom):
            encoding, start = candidate, len(bom)
            break
    else:
        if len(data) >= 2 and data[0] and not data[1]:
            encoding = "utf-16-le"
        elif len(data) >= 2 and not data[0] and data[1]:
            encoding = "utf-16-be"
    try:
        return str(memoryview(data)[start:], encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {encoding.upper()} text (byte {exc.start + start})"
        ) from None


def load_json(data: bytes, name: str) -> Any:
    """Parse a JSON document, checked whole; every failure is a one-line ``InputError``.

    A top-level object comes back as a (scanned) ``LazyDocument``; see ``open_json``.
    """
    document = open_json(data, name)
    if isinstance(document, LazyDocument):
        document.finish()
    return document


def open_json(data: bytes, name: str) -> Any:
    """Open a JSON document for reading; every failure is a one-line ``InputError``.

    A top-level object comes back as a ``LazyDocument`` not scanned yet: it is scanned as it
    is read (a plan reader streams the big members), each scan under the nesting limit and
    with its errors reported here, and whoever reads it calls ``finish()`` before using
    anything read, so a document broken anywhere is refused whole. Strict JSON only: ``NaN``
    and ``Infinity`` are refused (no JSON writer emits them), and an integer longer than
    Python converts is an error, not a crash. A key written twice keeps its last value.
    """
    text = decode(data, name)
    del data  # the text is all that is needed now: do not hold a large input twice
    first = _FIRST.search(text)  # never text.strip(): that copies a large input
    if first is None:
        raise TruncatedInputError(f"{name}: the input is empty")
    guard = _Guard(text, name)
    if first.group() == "{":
        return LazyDocument.parse(text, guard)
    with guard(0):
        return json.loads(text, parse_constant=_refuse)


class _Guard:
    """The nesting limit and the one-line errors of one document, for every scan of it.

    ``guard(levels_above)`` is a context: inside it the C scanner may nest ``MAX_JSON_DEPTH -
    levels_above`` levels below the calling frame, and a syntax error, a number JSON does not
    have or nesting too deep becomes the document's ``InputError``. A walk that takes several
    frames per level (into nested modules) enters it again, deeper, so the limit counts JSON
    levels, not the walk's frames.
    """

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self._ceiling: int | None = None

    @contextmanager
    def __call__(self, levels_above: int) -> Iterator[None]:
        with _LIMIT_LOCK:
            previous = sys.getrecursionlimit()
            outermost = self._ceiling is None
            ceiling = previous if self._ceiling is None else self._ceiling
            self._ceiling = ceiling
            levels = max(MAX_JSON_DEPTH - levels_above, 0)
            sys.setrecursionlimit(min(ceiling, _stack_depth() + levels + _FRAMES_TO_SCANNER))
            try:
                yield
            except RecursionError:
                raise InputError(f"{self.name}: JSON nested too deeply to read") from None
            except json.JSONDecodeError as exc:
                raise _explain(exc, self.text, self.name) from None
            except NotJsonNumber as exc:
                raise InputError(f"{self.name}: invalid JSON: {exc} is not a JSON number") from None
            except ValueError:
                raise InputError(
                    f"{self.name}: invalid JSON: a number has too many digits"
                ) from None
            finally:
                sys.setrecursionlimit(previous)
                if outermost:
                    self._ceiling = None


_FIRST = re.compile(r"\S")

MAX_JSON_DEPTH = 400
"""Deepest nesting accepted (no plan or preview comes near it). A document is scanned now but
decoded member by member later, from deeper in the stack (inside a check); a limit well under
Python's keeps every later decode within it, whatever the stack, so a document is accepted or
refused here, the same way every time, and never fails inside a check."""
_FRAMES_TO_SCANNER = 8
_LIMIT_LOCK = threading.RLock()
"""Python's recursion limit is one for the process: one scan at a time sets it (a walk
re-enters for nested modules)."""


def _stack_depth() -> int:
    depth = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    return depth


def _refuse(text: str) -> Any:
    raise NotJsonNumber(text)


def _explain(exc: json.JSONDecodeError, text: str, name: str) -> InputError:
    if exc.msg == "Extra data" and _is_log_stream(text):
        return UnsupportedFormatError(
            f"{name}: this is `terraform plan -json` log output, not a plan",
            hint="save the plan with `terraform plan -out=tfplan` and pipe "
            "`terraform show -json tfplan` instead",
        )
    if exc.msg == "Extra data" and _is_pulumi_event_stream(text):
        return UnsupportedFormatError(
            f"{name}: this is a stream of Pulumi engine events, not a preview",
            hint="run `pulumi preview --json` without PULUMI_ENABLE_STREAMING_JSON_PREVIEW",
        )
    if exc.pos >= len(text.rstrip()):
        return TruncatedInputError(
            f"{name}: the JSON ends before the document does (line {exc.lineno}); "
            "the file looks truncated"
        )
    return InputError(f"{name}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")


def _is_log_stream(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        record = json.loads(first)
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and "@level" in record and "@message" in record


def _is_pulumi_event_stream(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        record = json.loads(first)
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and "sequence" in record and "timestamp" in record
