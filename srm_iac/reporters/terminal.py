"""A rich console that writes to a string: colour and box drawing only for a terminal."""

from __future__ import annotations

import io
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


def escape(text: str) -> str:
    """``text`` with rich markup characters escaped and control characters made visible."""
    from rich.markup import escape as rich_escape

    return rich_escape(printable(text))
