"""Which lines of a pull request's diff can carry a review comment.

Both platforms hand out each file's change as unified-diff hunks without the ``---``/``+++``
header (GitHub's ``patch``, GitLab's ``diff``). A review comment on the new version of a file
can sit on any line a hunk shows on that side: an added line or an unchanged context line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class FileDiff:
    """The commentable lines of one changed file."""

    path: str
    """Path of the file after the change, relative to the repository root."""
    old_path: str
    """Path before the change (the same unless the file was renamed)."""
    lines: Mapping[int, int | None] = field(default_factory=dict)
    """Line in the new file -> line in the old file, or None for an added line."""

    def is_added(self, line: int) -> bool:
        """True when ``line`` is new in this change (not a context line)."""
        return line in self.lines and self.lines[line] is None


def commentable_lines(patch: str) -> dict[int, int | None]:
    """New-file line -> old-file line (None when added) for every line the hunks show.

    Each hunk is read for exactly as many lines as its header announces, so a context line
    whose leading space was stripped (an empty line) still counts.
    """
    lines: dict[int, int | None] = {}
    old = new = old_left = new_left = 0
    for raw in patch.splitlines():
        header = _HUNK.match(raw)
        if header:
            old, new = int(header.group(1)), int(header.group(3))
            old_left = int(header.group(2) or 1)
            new_left = int(header.group(4) or 1)
            continue
        if old_left <= 0 and new_left <= 0:
            continue
        marker = raw[:1]
        if marker == "+":
            lines[new] = None
            new, new_left = new + 1, new_left - 1
        elif marker == "-":
            old, old_left = old + 1, old_left - 1
        elif marker in (" ", ""):
            lines[new] = old
            old, new, old_left, new_left = old + 1, new + 1, old_left - 1, new_left - 1
    return lines
