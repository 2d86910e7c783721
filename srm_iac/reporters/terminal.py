"""A rich console that writes to a string: colour and box drawing only for a terminal."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from srm_iac.terminal import printable

if TYPE_CHECKING:
    from rich.console import Console


def string_console(buffer: io.StringIO, *, color: bool, width: int) -> Console:
    """A console printing into ``buffer``; plain ASCII text unless ``color``."""
    from rich.console import Console

    return Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


def box_style(color: bool) -> Any:
    """Rounded boxes on a terminal, ASCII otherwise."""
    from rich import box

    return box.ROUNDED if color else box.ASCII


_LONG_BACKSLASH_RUN = re.compile(r"\\{17,}")
"""Rich's markup regexes backtrack over a run of backslashes: quadratic time in its length."""


def escape(text: str) -> str:
    """``text`` for rich markup: markup characters escaped, control characters made visible.

    A run of more than 16 backslashes is shown shortened (``\\…(200000 backslashes)``): rich
    takes time quadratic in such a run, and one crafted ``for_each`` key would stall the report.
    """
    from rich.markup import escape as rich_escape

    shown = _LONG_BACKSLASH_RUN.sub(_shortened, printable(text))
    return rich_escape(shown)


def _shortened(run: re.Match[str]) -> str:
    return f"\\…({len(run.group())} backslashes)"
