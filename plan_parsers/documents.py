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
    """Parse a JSON document; every failure is a one-line ``InputError``.

    A top-level object comes back as a ``LazyDocument``: its syntax is checked at once, its
    members are decoded when read, and a plan reader streams the big ones. Strict JSON only:
    ``NaN`` and ``Infinity`` are refused (no JSON writer emits them), and an integer longer than
    Python converts is an error, not a crash. A key written twice keeps its last value.
    """
    text = decode(data, name)
    del data  # the text is all that is needed now: do not hold a large input twice
    first = _FIRST.search(text)  # never text.strip(): that copies a large input
    if first is None:
        raise TruncatedInputError(f"{name}: the input is empty")
    try:
        with _nesting_limit(MAX_JSON_DEPTH):
            if first.group() == "{":
                return LazyDocument.parse(text)
            return json.loads(text, parse_constant=_refuse)
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply to read") from None
    except json.JSONDecodeError as exc:
        raise _explain(exc, text, name) from None
    except NotJsonNumber as exc:
        raise InputError(f"{name}: invalid JSON: {exc} is not a JSON number") from None
    except ValueError:
        raise InputError(f"{name}: invalid JSON: a number has too many digits") from None


_FIRST = re.compile(r"\S")

MAX_JSON_DEPTH = 400
"""Deepest nesting accepted (no plan or preview comes near it). A document is scanned now but
decoded member by member later, from deeper in the stack (inside a check); a limit well under
Python's keeps every later decode within it, whatever the stack, so a document is accepted or
refused here, the same way every time, and never fails inside a check."""
_FRAMES_TO_SCANNER = 8
_LIMIT_LOCK = threading.Lock()


@contextmanager
def _nesting_limit(levels: int) -> Iterator[None]:
    """Let the C JSON scanner (which counts against Python's recursion limit) nest ``levels``
    deep from here and no deeper."""
    with _LIMIT_LOCK:
        previous = sys.getrecursionlimit()
        here = _stack_depth()
        sys.setrecursionlimit(min(previous, here + levels + _FRAMES_TO_SCANNER))
        try:
            yield
        finally:
            sys.setrecursionlimit(previous)


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
