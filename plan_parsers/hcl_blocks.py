"""Where each top-level block of an HCL file starts and ends, and where its comments are.

python-hcl2 8.x returns values without positions, so this small scanner reads the text
itself: it skips quoted strings (with ``${...}`` / ``%{...}`` templates nested to any depth),
heredocs (``<<EOF`` and ``<<-EOF``) and comments (``#``, ``//``, ``/* */``), counts braces,
and reports every block opened at the top level with its labels and 1-based line range. It
never evaluates anything and never fails: text it cannot make sense of ends the block list.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_HEREDOC = re.compile(r"<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n")
_LABEL_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


@dataclass(frozen=True, slots=True)
class BlockSpan:
    """One top-level block: ``resource "aws_x" "y" { ... }``."""

    type: str
    """The block type (``resource``, ``data``, ``module``, ``variable`` ...)."""
    labels: tuple[str, ...]
    """The labels, unquoted."""
    start_line: int
    """Line of the block type keyword (1-based)."""
    end_line: int
    """Line of the closing brace."""


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment, with the line it starts on."""

    line: int
    """Line where the comment starts (1-based)."""
    text: str
    """The comment without its ``#``, ``//`` or ``/* */`` markers."""
    own_line: bool
    """Nothing but blanks precede it on its line."""


@dataclass(frozen=True, slots=True)
class ScannedFile:
    """The blocks and comments of one file."""

    blocks: tuple[BlockSpan, ...]
    """Top-level blocks in file order."""
    comments: tuple[Comment, ...]
    """Every comment in file order."""


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [index for index, char in enumerate(text) if char == "\n"]
        self.comments: list[Comment] = []

    def line_of(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1

    def scan(self) -> ScannedFile:
        text, length = self.text, len(self.text)
        blocks: list[BlockSpan] = []
        header: list[tuple[str, str]] = []
        header_start = 0
        depth = 0
        opened: tuple[str, tuple[str, ...], int] | None = None
        position = 0
        while position < length:
            char = text[position]
            skipped = self.skip_trivia(position)
            if skipped != position:
                if "\n" in text[position:skipped] and depth == 0:
                    header = []
                position = skipped
                continue
            if char == '"':
                end = self.skip_string(position)
                if depth == 0:
                    header.append(("label", text[position:end]))
                position = end
            elif char == "<" and (match := _HEREDOC.match(text, position)):
                position = self.skip_heredoc(match)
            elif char in "{[(":
                if char == "{" and depth == 0:
                    opened = _block_header(header, header_start)
                depth += 1
                position += 1
            elif char in "}])":
                depth = max(depth - 1, 0)
                position += 1
                if depth == 0 and char == "}" and opened is not None:
                    kind, labels, start = opened
                    blocks.append(
                        BlockSpan(kind, labels, self.line_of(start), self.line_of(position - 1))
                    )
                    opened, header = None, []
            elif match := _IDENTIFIER.match(text, position):
                if depth == 0:
                    if not header:
                        header_start = position
                    header.append(("name", match.group()))
                position = match.end()
            else:
                if depth == 0 and not char.isspace():
                    header.append(("other", char))
                position += 1
        return ScannedFile(tuple(blocks), tuple(self.comments))

    def skip_trivia(self, position: int) -> int:
        """Past a comment or a newline (recording comments); ``position`` if neither."""
        text = self.text
        if text.startswith("#", position) or text.startswith("//", position):
            end = text.find("\n", position)
            end = len(text) if end == -1 else end
            marker = 1 if text[position] == "#" else 2
            self.record(position, text[position + marker : end])
            return end
        if text.startswith("/*", position):
            end = text.find("*/", position + 2)
            end = len(text) if end == -1 else end + 2
            self.record(position, text[position + 2 : max(end - 2, position + 2)])
            return end
        if text[position] == "\n":
            return position + 1
        return position

    def record(self, position: int, body: str) -> None:
        line_start = self.text.rfind("\n", 0, position) + 1
        own_line = not self.text[line_start:position].strip()
        self.comments.append(Comment(self.line_of(position), body.strip(), own_line))

    def skip_string(self, position: int) -> int:
        """Past the quoted string starting at ``position`` (templates included)."""
        text, length = self.text, len(self.text)
        position += 1
        while position < length:
            char = text[position]
            if char == "\\":
                position += 2
            elif char == '"':
                return position + 1
            elif char == "\n":
                return position
            elif text.startswith(("$${", "%%{"), position):
                position += 3
            elif text.startswith(("${", "%{"), position):
                position = self.skip_template(position + 2)
            else:
                position += 1
        return length

    def skip_template(self, position: int) -> int:
        """Past the ``}`` closing a template interpolation or directive."""
        text, length = self.text, len(self.text)
        depth = 1
        while position < length:
            char = text[position]
            if char == '"':
                position = self.skip_string(position)
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    return position + 1
            position += 1
        return length

    def skip_heredoc(self, match: re.Match[str]) -> int:
        """Past the closing marker line of a heredoc."""
        marker = match.group(1)
        position = match.end()
        text, length = self.text, len(self.text)
        while position < length:
            end = text.find("\n", position)
            end = length if end == -1 else end
            if text[position:end].strip() == marker:
                return end
            position = end + 1
        return length


def _block_header(
    header: list[tuple[str, str]], start: int
) -> tuple[str, tuple[str, ...], int] | None:
    """(type, labels, start offset) when the tokens before ``{`` open a block."""
    if not header or header[0][0] != "name":
        return None
    labels: list[str] = []
    for kind, token in header[1:]:
        if kind == "label":
            labels.append(_unquote(token))
        elif kind == "name":
            labels.append(token)
        else:
            return None
    return header[0][1], tuple(labels), start


def _unquote(token: str) -> str:
    body = token[1:-1] if token.endswith('"') and len(token) >= 2 else token[1:]
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            out.append(_LABEL_ESCAPES.get(body[index + 1], body[index + 1]))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def scan_blocks(text: str) -> ScannedFile:
    """The top-level blocks and the comments of HCL ``text``."""
    return _Scanner(text).scan()
