"""A tiny HTML builder that escapes everything it is not told is markup.

Every value reaches the page through ``el`` or ``text``: plain ``str`` is escaped (``&``, ``<``,
``>``, both quotes), and only ``Html`` (produced by this module) passes through unchanged. So a
hostile address such as ``x"><script>`` or ``</td>`` can only ever appear as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_TAG = re.compile(r"^[a-z][a-z0-9-]*$")
_ATTRIBUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*$")
VOID_ELEMENTS = frozenset({"br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})
LINE_AFTER = frozenset(
    "article body caption details dd div dl dt footer form g h1 h2 h3 head header html li main "
    "meta nav ol option p script section select style summary svg table tbody td th thead title "
    "tr ul".split()
)
"""Elements followed by a newline, so the source reads (and diffs) line by line; whitespace
after these elements never changes the rendering."""

AttrValue = str | int | float | bool | None


class Html(str):
    """A string of markup that is already safe to place in the page."""

    __slots__ = ()


def text(value: object) -> Html:
    """``value`` as escaped text (quotes included, so it is also safe in attributes)."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=True))


def attributes(attrs: dict[str, AttrValue]) -> Html:
    """`` name="value"`` pairs; ``True`` gives a bare attribute, ``False``/``None`` drop it."""
    parts = []
    for raw_name, value in attrs.items():
        name = raw_name.rstrip("_").replace("_", "-")
        if not _ATTRIBUTE.match(name):
            raise ValueError(f"invalid attribute name {raw_name!r}")
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{text(value)}"')
    return Html("".join(parts))


def el(tag: str, *children: object, **attrs: AttrValue) -> Html:
    """The element ``<tag attrs>children</tag>``; children are escaped unless ``Html``.

    Attribute names are Python identifiers: a trailing ``_`` is dropped (``class_``) and ``_``
    becomes ``-`` (``aria_label``, ``data_status``).
    """
    if not _TAG.match(tag):
        raise ValueError(f"invalid tag name {tag!r}")
    opening = f"<{tag}{attributes(attrs)}>"
    end = "\n" if tag in LINE_AFTER else ""
    if tag in VOID_ELEMENTS:
        if children:
            raise ValueError(f"<{tag}> cannot have children")
        return Html(opening + end)
    return Html(f"{opening}{join(children)}</{tag}>{end}")


def join(children: Iterable[object], separator: str = "") -> Html:
    """Children (nested iterables flattened, ``None`` skipped) as one piece of markup."""
    return Html(text(separator).join(_flatten(children)))


def _flatten(children: Iterable[object]) -> list[Html]:
    out: list[Html] = []
    for child in children:
        if child is None:
            continue
        if isinstance(child, str | int | float):
            out.append(text(child))
        elif isinstance(child, Iterable):
            out.extend(_flatten(child))
        else:
            raise TypeError(f"cannot place {type(child).__name__} in a page")
    return out
