"""A minimal DOM from the standard library's HTML parser, for assertions on rendered pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Node:
    """One element: its tag, attributes, children and the text directly inside it."""

    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> list[Node]:
        """This node and every descendant (with ``tag``, when given), in document order."""
        found = [self] if tag in (None, self.tag) else []
        for child in self.children:
            found.extend(child.iter(tag))
        return found

    def text(self) -> str:
        """All text inside, whitespace collapsed."""
        parts = list(self.texts)
        parts.extend(child.text() for child in self.children)
        return " ".join(" ".join(parts).split())

    def raw(self) -> str:
        """The text directly inside, exactly as written (for ``<style>`` and ``<script>``)."""
        return "".join(self.texts)

    def classes(self) -> set[str]:
        """The class names of this element."""
        return set(self.attrs.get("class", "").split())

    def ancestors(self) -> list[Node]:
        """Enclosing elements, nearest first."""
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.current.tag != tag:
            self.errors.append(f"</{tag}> closes <{self.current.tag}>")
            return
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.texts.append(data)


def parse(page: str) -> tuple[Node, list[str]]:
    """The document tree, and nesting errors (a well-formed page has none)."""
    builder = _Builder()
    builder.feed(page)
    builder.close()
    if builder.current is not builder.root:
        builder.errors.append(f"<{builder.current.tag}> never closed")
    return builder.root, builder.errors
