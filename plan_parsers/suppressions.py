"""Inline suppressions: ``# srm-iac:ignore SRM-AWS-004 reason="tracked in SEC-123" expires=DATE``.

A suppression is a comment (``#`` or ``//``) on the lines directly above a block (a run of
comment lines counts) or on the block's first line. It names one or more check ids
(comma-separated), must give a ``reason`` and may give an ``expires`` date (ISO). One without
a reason, or with an unreadable date, is not applied and is reported; whether one has expired
is decided when the checks run (the engine knows today's date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from plan_parsers.hcl_blocks import BlockSpan, Comment
from srm_iac.model.inventory import SourceLocation, Suppression

MARKER = "srm-iac:ignore"
_CHECK_ID = re.compile(r"SRM-[A-Z]+-[0-9]{3}")
_DIRECTIVE = re.compile(r"srm-iac:ignore\b(?P<rest>.*)", re.IGNORECASE)
_IDS = re.compile(r"\s*(?P<ids>[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*)")
_OPTION = re.compile(
    r"\s*(?P<key>[a-z_]+)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>\S+))"
)


@dataclass
class BlockSuppressions:
    """The suppressions that apply to one block, and problems with the others."""

    suppressions: list[Suppression] = field(default_factory=list)
    """Well-formed suppressions (expiry not yet judged)."""
    problems: list[str] = field(default_factory=list)
    """Why some suppressions are not applied (one line each)."""


def for_block(
    block: BlockSpan, comments: Sequence[Comment], path: str, lines: Sequence[str]
) -> BlockSuppressions:
    """The suppressions written on or directly above ``block``."""
    found = BlockSuppressions()
    for comment in _attached(block, comments, lines):
        if MARKER not in comment.text.lower():
            continue
        location = SourceLocation(path, comment.line, comment.line)
        parsed, problem = parse(comment.text, location)
        found.suppressions.extend(parsed)
        if problem:
            found.problems.append(f"{location}: {problem}; it is not applied")
    return found


def _attached(block: BlockSpan, comments: Sequence[Comment], lines: Sequence[str]) -> list[Comment]:
    by_line = {comment.line: comment for comment in comments if comment.own_line}
    attached = [c for c in comments if c.line == block.start_line and not c.own_line]
    line = block.start_line - 1
    while line in by_line and _only_comment(lines, line):
        attached.append(by_line[line])
        line -= 1
    return attached


def _only_comment(lines: Sequence[str], line: int) -> bool:
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return text.startswith(("#", "//", "/*"))


def parse(text: str, location: SourceLocation) -> tuple[list[Suppression], str]:
    """Suppressions in one comment's text, and a problem ("" when there is none)."""
    match = _DIRECTIVE.search(text)
    if match is None:
        return [], ""
    rest = match.group("rest")
    ids_match = _IDS.match(rest)
    if ids_match is None:
        return [], "srm-iac:ignore names no check id"
    ids = [item.strip().upper() for item in ids_match.group("ids").split(",")]
    if "=" in ids_match.group("ids") or not all(_CHECK_ID.fullmatch(i) for i in ids):
        return [], "srm-iac:ignore needs check ids such as SRM-AWS-004 before its options"
    options: dict[str, str] = {}
    for option in _OPTION.finditer(rest, ids_match.end()):
        value = option.group("dq") or option.group("sq") or option.group("bare") or ""
        options[option.group("key").lower()] = value.strip()
    reason = options.get("reason", "")
    if not reason:
        return [], f'srm-iac:ignore {", ".join(ids)} has no reason="..."'
    expires: dt.date | None = None
    if "expires" in options:
        try:
            expires = dt.date.fromisoformat(options["expires"])
        except ValueError:
            return (
                [],
                f"srm-iac:ignore {', '.join(ids)} has an unreadable expires date (YYYY-MM-DD)",
            )
    return [Suppression(check_id, reason, expires, location) for check_id in ids], ""
