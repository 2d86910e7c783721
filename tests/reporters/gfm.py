"""Check markdown the way GitHub renders it: CommonMark plus GFM tables (markdown-it-py).

``problems(document)`` lists what would render badly: table rows whose cell count differs from
the header (GFM silently pads or drops cells), unbalanced ``<details>`` blocks or ones without
a ``<summary>``, links that are not absolute https URLs or that did not parse, and raw HTML
other than the few tags srm-iac writes.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_HTML = re.compile(
    r"^(<!-- srm-iac:[a-z]+(:[A-Za-z0-9._/-]+)?( [0-9a-f]{16})? -->|<details>|</details>|"
    r"<summary>|</summary>|<sub>|</sub>)$"
)
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>")


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def cells(row: str) -> list[str]:
    """The cells of one table row: split on pipes that are not backslash-escaped."""
    parts, current, escaped = [], "", False
    for char in row.strip():
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            current += char
            escaped = True
        elif char == "|":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    if parts and parts[0].strip() == "":
        parts = parts[1:]
    if parts and parts[-1].strip() == "":
        parts = parts[:-1]
    return parts


def problems(document: str) -> list[str]:
    """Everything in ``document`` that GitHub would render badly."""
    tokens = parser().parse(document)
    lines = document.splitlines()
    found: list[str] = []
    found += _table_problems(tokens, lines)
    found += _details_problems(tokens)
    found += _link_problems(tokens)
    return found


def _table_problems(tokens: list[Token], lines: list[str]) -> list[str]:
    found = []
    for token in tokens:
        if token.type != "table_open" or token.map is None:
            continue
        start, end = token.map
        rows = lines[start:end]
        width = len(cells(rows[0]))
        if not all(re.fullmatch(r"\s*:?-+:?\s*", cell) for cell in cells(rows[1])):
            found.append(f"line {start + 2}: bad table separator")
        for offset, row in enumerate(rows):
            if len(cells(row)) != width:
                found.append(f"line {start + offset + 1}: {len(cells(row))} cells, not {width}")
    if "|---|" in "\n".join(lines) and not any(t.type == "table_open" for t in tokens):
        found.append("a table separator that did not make a table")
    return found


def _html_fragments(tokens: list[Token]) -> list[str]:
    fragments = []
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            fragments += _TAG.findall(token.content)
        for child in token.children or ():
            if child.type == "html_inline":
                fragments += _TAG.findall(child.content)
    return fragments


def _details_problems(tokens: list[Token]) -> list[str]:
    found = []
    depth = 0
    fragments = _html_fragments(tokens)
    for n, tag in enumerate(fragments):
        if not ALLOWED_HTML.match(tag):
            found.append(f"unexpected HTML {tag!r}")
        if tag == "<details>":
            depth += 1
            if fragments[n + 1 : n + 2] != ["<summary>"]:
                found.append("<details> without a <summary>")
        elif tag == "</details>":
            depth -= 1
            if depth < 0:
                found.append("</details> without <details>")
                depth = 0
    if depth:
        found.append(f"{depth} <details> never closed")
    summaries = [t for t in tokens if t.type == "html_block" and "<summary>" in t.content]
    found += [
        "a <summary> spread over several blocks"
        for block in summaries
        if block.content.count("<summary>") != block.content.count("</summary>")
    ]
    return found


def _link_problems(tokens: list[Token]) -> list[str]:
    found = []
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                if not href.startswith("https://"):
                    found.append(f"link to {href!r} is not an absolute https URL")
            if child.type == "text" and re.search(r"\]\(|<https?://", child.content):
                found.append(f"unparsed link in {child.content[:60]!r}")
    return found


def rendered_text(document: str) -> str:
    """The visible text of ``document`` (what a reader sees, without markup)."""
    return " ".join(
        child.content
        for token in parser().parse(document)
        for child in token.children or ()
        if child.type in ("text", "code_inline")
    )


def links(document: str) -> list[str]:
    """The targets of every link in ``document``."""
    return [
        str(child.attrs.get("href", ""))
        for token in parser().parse(document)
        for child in token.children or ()
        if child.type == "link_open"
    ]
