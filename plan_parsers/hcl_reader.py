"""python-hcl2 (8.x) behind one door: HCL text in, blocks of expression trees out.

Every quirk of the library stays here. python-hcl2 8.x keeps string quotes and block labels
quoted unless told otherwise, marks blocks with ``__is_block__``, renders every non-literal
expression as a ``"${...}"`` string and keeps heredoc markers; this module asks it for
unquoted strings and explicit block markers, reads heredocs itself (python-hcl2 drops their
final newline when it converts them), then turns each value into an ``hcl_expressions``
tree. The library is imported only when HCL is actually read, so plan
checks never need it (``pip install 'srm-iac[hcl]'``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from plan_parsers.hcl_expressions import (
    Expr,
    Literal,
    ObjectExpr,
    TupleExpr,
    parse_expression,
    parse_template,
)
from plan_parsers.hcl_support import INSTALL_HINT, HclUnavailableError

SUPPORTED_MAJOR = "8"
_BLOCK_MARKER = "__is_block__"
_HEREDOC = re.compile(r"<<-?[A-Za-z_][A-Za-z0-9_-]*\r?\n")


@dataclass(frozen=True)
class HclParseError(Exception):
    """python-hcl2 rejected a file; position where the library reports one."""

    line: int | None
    column: int | None
    reason: str

    def __str__(self) -> str:
        return self.reason


@dataclass
class Body:
    """The inside of a block: attributes, nested blocks and ``dynamic`` blocks, in order."""

    attributes: dict[str, Expr] = field(default_factory=dict)
    """Attribute name -> expression."""
    blocks: list[tuple[str, Body]] = field(default_factory=list)
    """(block type, body) for every nested block written literally."""
    dynamic: list[tuple[str, Body]] = field(default_factory=list)
    """(block type, content body) for every ``dynamic "type" { content { ... } }``."""


@dataclass
class RawBlock:
    """One top-level block as python-hcl2 read it (no position: see ``hcl_blocks``)."""

    type: str
    labels: tuple[str, ...]
    body: Body


def _library() -> Any:
    try:
        import hcl2
    except ImportError:
        raise HclUnavailableError(
            "reading Terraform source needs python-hcl2, which is not installed",
            hint=INSTALL_HINT,
        ) from None
    version = str(getattr(hcl2, "__version__", "") or _installed_version())
    if version and not version.startswith(f"{SUPPORTED_MAJOR}."):
        raise HclUnavailableError(
            f"python-hcl2 {version} is installed; srm-iac reads Terraform source with "
            f"python-hcl2 {SUPPORTED_MAJOR}.x",
            hint=INSTALL_HINT,
        )
    return hcl2


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("python-hcl2")
    except PackageNotFoundError:
        return ""


def ensure_available() -> None:
    """Raise ``HclUnavailableError`` unless python-hcl2 8.x can be imported."""
    _library()


def _load(text: str) -> dict[str, Any]:
    hcl2 = _library()
    options = hcl2.SerializationOptions(
        with_comments=False,
        explicit_blocks=True,
        preserve_heredocs=True,
        strip_string_quotes=True,
    )
    try:
        document = hcl2.loads(text, serialization_options=options)
    except RecursionError:
        raise HclParseError(None, None, "nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - any library failure is a parse error of this file
        raise _parse_error(exc) from None
    if not isinstance(document, dict):
        raise HclParseError(None, None, "not an HCL body")
    return document


def _parse_error(exc: Exception) -> HclParseError:
    line = getattr(exc, "line", None)
    column = getattr(exc, "column", None)
    name = type(exc).__name__
    reasons = {
        "UnexpectedToken": "unexpected token",
        "UnexpectedCharacters": "unexpected character",
        "UnexpectedEOF": "unexpected end of file",
    }
    reason = reasons.get(name, f"python-hcl2 cannot read it ({name})")
    valid_line = line if isinstance(line, int) and line > 0 else None
    valid_column = column if isinstance(column, int) and column > 0 else None
    return HclParseError(valid_line, valid_column, reason)


def parse_blocks(text: str) -> list[RawBlock]:
    """Top-level blocks of a ``.tf`` file; raises ``HclParseError``."""
    document = _load(text)
    blocks: list[RawBlock] = []
    for block_type, items in document.items():
        if not isinstance(items, list):
            continue
        for item in items:
            for labels, body in _labelled(item, ()):
                blocks.append(RawBlock(block_type, labels, to_body(body)))
    return blocks


def parse_attributes(text: str) -> dict[str, Expr]:
    """Top-level attributes of a ``.tfvars`` file; raises ``HclParseError``."""
    document = _load(text)
    return {
        name: to_expression(value)
        for name, value in document.items()
        if not (isinstance(value, list) and value and all(_is_block(v) for v in value))
    }


def _labelled(item: Any, labels: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    """(labels, body dict) of a block as python-hcl2 nests it under its labels."""
    if not isinstance(item, dict):
        return []
    if item.get(_BLOCK_MARKER) is True:
        return [(labels, item)]
    found: list[tuple[tuple[str, ...], Any]] = []
    for label, inner in item.items():
        found.extend(_labelled(inner, (*labels, str(label))))
    return found


def _is_block(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    if value.get(_BLOCK_MARKER) is True:
        return True
    return bool(value) and all(_is_block(inner) for inner in value.values())


def to_body(raw: dict[str, Any]) -> Body:
    """A python-hcl2 block dict as a ``Body``."""
    body = Body()
    for name, value in raw.items():
        if name == _BLOCK_MARKER:
            continue
        if isinstance(value, list) and value and all(_is_block(item) for item in value):
            for item in value:
                for labels, inner in _labelled(item, ()):
                    if name == "dynamic" and labels:
                        body.dynamic.append((labels[0], _dynamic_content(inner)))
                    else:
                        body.blocks.append((name, to_body(inner)))
            continue
        body.attributes[name] = to_expression(value)
    return body


def _dynamic_content(raw: dict[str, Any]) -> Body:
    content = raw.get("content")
    if isinstance(content, list) and content and isinstance(content[0], dict):
        return to_body(content[0])
    return Body()


def to_expression(value: Any) -> Expr:
    """A python-hcl2 attribute value (literal, ``"${...}"`` text, list, object) as a tree."""
    if isinstance(value, str):
        if _HEREDOC.match(value):
            return parse_expression(value)
        return parse_template(value)
    if isinstance(value, list):
        return TupleExpr(tuple(to_expression(item) for item in value))
    if isinstance(value, dict):
        items: list[tuple[Expr, Expr]] = []
        for key, item in value.items():
            if key == _BLOCK_MARKER:
                continue
            text = str(key)
            key_expression = (
                parse_expression(text[2:-1])
                if text.startswith("${") and text.endswith("}")
                else Literal(text)
            )
            items.append((key_expression, to_expression(item)))
        return ObjectExpr(tuple(items))
    if value is None or isinstance(value, bool | int | float):
        return Literal(value)
    return Literal(str(value))
