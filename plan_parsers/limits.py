"""How much input srm-iac reads: one limit for a plan file, standard input or a source tree.

A plan is parsed in memory (Python's JSON objects take several times the file's size), so
an input larger than the limit is refused before it is read, and standard input is read no
further than the limit. The default suits plans of tens of thousands of resources;
``--max-input-size`` or ``SRM_IAC_MAX_INPUT_SIZE`` raise or lower it.
"""

from __future__ import annotations

import re

DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024
MAX_INPUT_VARIABLE = "SRM_IAC_MAX_INPUT_SIZE"

_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
_SIZE = re.compile(r"([0-9]{1,15})\s*([KMG]?)(?:I?B)?", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``"256M"``, ``"1G"``, ``"512KiB"`` or a number of bytes; ValueError when not a size."""
    match = _SIZE.fullmatch(text.strip())
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"not a size: {text!r} (use bytes or K, M, G, e.g. 512M)")
    return int(match.group(1)) * _UNITS[match.group(2).upper()]


def describe_size(size: int) -> str:
    """A size for messages: ``256 MiB``, ``1.5 GiB``, ``900 bytes``."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            amount = size / factor
            return f"{amount:.0f} {unit}" if amount.is_integer() else f"{amount:.1f} {unit}"
    return f"{size} bytes"


def too_large_hint() -> str:
    """What to do about an input over the limit."""
    return f"raise the limit with --max-input-size or {MAX_INPUT_VARIABLE}, or split the workspace"
