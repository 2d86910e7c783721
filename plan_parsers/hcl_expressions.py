"""HCL expressions as a small syntax tree: enough to evaluate literals and follow references.

python-hcl2 hands back every non-literal expression as text (``"${var.a ? 1 : 0}"``, a
template ``"arn:${var.p}:x"``). This module reads that text: literals, templates, traversals
(``aws_kms_key.k.arn``, ``each.value["x"]``), function calls, tuples, objects, operators,
conditionals, ``for`` expressions and splats. Nothing is evaluated here (see ``hcl_values``);
text it cannot read becomes an ``Opaque`` node that still lists the references it mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from plan_parsers.addresses import format_key

_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_HEREDOC = re.compile(r"<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n")
_PUNCTUATION = ("...", "::", "==", "!=", "<=", ">=", "&&", "||", "=>")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
MAX_NESTING = 100
"""Deepest nesting (parentheses, brackets, calls, operators) of an expression this module
reads; deeper text is ``Opaque``, so later walks of the tree never recurse without bound."""
_BINARY_PRECEDENCE = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    ">": 4,
    "<=": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}
_KEYWORDS = {"true": True, "false": False, "null": None}


class HclSyntaxError(ValueError):
    """The expression text is not HCL this module can read."""


class Expr:
    """Base class of expression nodes."""

    def children(self) -> Iterator[Expr]:
        """Direct sub-expressions."""
        return iter(())

    def references(self) -> Iterator[str]:
        """Traversal texts this expression mentions (``aws_x.y.arn``, ``module.m.out``)."""
        for child in self.children():
            yield from child.references()


@dataclass(frozen=True, eq=False)
class Literal(Expr):
    """A number, string, bool or null written literally."""

    value: object


@dataclass(frozen=True, eq=False)
class Template(Expr):
    """A string with interpolations: literal parts and expressions, in order."""

    parts: tuple[str | Expr, ...]
    directive: bool = False
    """Holds ``%{ if }`` / ``%{ for }`` directives (never evaluated)."""

    def children(self) -> Iterator[Expr]:
        return (part for part in self.parts if isinstance(part, Expr))


@dataclass(frozen=True, slots=True)
class Splat:
    """A ``[*]`` or ``.*`` step."""


@dataclass(frozen=True, eq=False)
class Index:
    """A ``[expr]`` step."""

    key: Expr


Step = str | Index | Splat


@dataclass(frozen=True, eq=False)
class Traversal(Expr):
    """``root.attr[key]...`` starting from a name (``var``, ``local``, a resource type ...)."""

    root: str
    steps: tuple[Step, ...]

    def children(self) -> Iterator[Expr]:
        return (step.key for step in self.steps if isinstance(step, Index))

    def references(self) -> Iterator[str]:
        text = self.root
        for step in self.steps:
            if isinstance(step, str):
                text += f".{step}"
            elif isinstance(step, Index) and isinstance(step.key, Literal):
                key = step.key.value
                if isinstance(key, str | int) and not isinstance(key, bool):
                    text += format_key(key)
                else:
                    break
            else:
                break
        yield text
        yield from super().references()


@dataclass(frozen=True, eq=False)
class Access(Expr):
    """Steps applied to a value that is not a name: ``(expr).attr``, ``f(x)[0]``."""

    base: Expr
    steps: tuple[Step, ...]

    def children(self) -> Iterator[Expr]:
        yield self.base
        yield from (step.key for step in self.steps if isinstance(step, Index))


@dataclass(frozen=True, eq=False)
class Call(Expr):
    """``name(args...)``; provider functions keep their ``provider::ns::`` prefix."""

    name: str
    args: tuple[Expr, ...]
    expand: bool = False
    """The last argument is followed by ``...``."""

    def children(self) -> Iterator[Expr]:
        return iter(self.args)


@dataclass(frozen=True, eq=False)
class TupleExpr(Expr):
    """``[a, b]``."""

    items: tuple[Expr, ...]

    def children(self) -> Iterator[Expr]:
        return iter(self.items)


@dataclass(frozen=True, eq=False)
class ObjectExpr(Expr):
    """``{ key = value }``; a bare-name key is a ``Literal`` string."""

    items: tuple[tuple[Expr, Expr], ...]

    def children(self) -> Iterator[Expr]:
        for key, value in self.items:
            yield key
            yield value


@dataclass(frozen=True, eq=False)
class Conditional(Expr):
    """``condition ? then : otherwise``."""

    condition: Expr
    then: Expr
    otherwise: Expr

    def children(self) -> Iterator[Expr]:
        return iter((self.condition, self.then, self.otherwise))


@dataclass(frozen=True, eq=False)
class Unary(Expr):
    """``!x`` or ``-x``."""

    operator: str
    operand: Expr

    def children(self) -> Iterator[Expr]:
        yield self.operand


@dataclass(frozen=True, eq=False)
class Binary(Expr):
    """``left op right``."""

    operator: str
    left: Expr
    right: Expr

    def children(self) -> Iterator[Expr]:
        return iter((self.left, self.right))


@dataclass(frozen=True, eq=False)
class ForExpr(Expr):
    """``[for k, v in coll : value if cond]`` or ``{for ... : key => value}``."""

    names: tuple[str, ...]
    parts: tuple[Expr, ...]

    def references(self) -> Iterator[str]:
        for part in self.parts:
            for text in part.references():
                if text.split(".", 1)[0].split("[", 1)[0] not in self.names:
                    yield text


@dataclass(frozen=True, eq=False)
class Opaque(Expr):
    """Text that could not be read; only the references found in it are kept."""

    found: tuple[str, ...]

    def references(self) -> Iterator[str]:
        return iter(self.found)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    """``number``, ``name``, ``string``, ``heredoc``, ``punct`` or ``end``."""
    text: str
    offset: int


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position, length = 0, len(text)
    while position < length:
        char = text[position]
        if char.isspace():
            position += 1
        elif char == "#" or text.startswith("//", position):
            end = text.find("\n", position)
            position = length if end == -1 else end
        elif text.startswith("/*", position):
            end = text.find("*/", position + 2)
            position = length if end == -1 else end + 2
        elif char == '"':
            end = _string_end(text, position)
            tokens.append(_Token("string", text[position + 1 : end - 1], position))
            position = end
        elif char == "<" and (match := _HEREDOC.match(text, position)):
            end, body = _heredoc(text, match)
            tokens.append(_Token("heredoc", body, position))
            position = end
        elif match := _NUMBER.match(text, position):
            tokens.append(_Token("number", match.group(), position))
            position = match.end()
        elif match := _IDENTIFIER.match(text, position):
            tokens.append(_Token("name", match.group(), position))
            position = match.end()
        else:
            punct = next((p for p in _PUNCTUATION if text.startswith(p, position)), char)
            tokens.append(_Token("punct", punct, position))
            position += len(punct)
    tokens.append(_Token("end", "", length))
    return tokens


def _string_end(text: str, position: int) -> int:
    """Offset just past the closing quote of the string opening at ``position``."""
    position += 1
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
        elif char == '"':
            return position + 1
        elif text.startswith(("$${", "%%{"), position):
            position += 3
        elif text.startswith(("${", "%{"), position):
            position = _template_end(text, position + 2)
        else:
            position += 1
    raise HclSyntaxError("unterminated string")


def _template_end(text: str, position: int) -> int:
    depth = 1
    while position < len(text):
        char = text[position]
        if char == '"':
            position = _string_end(text, position)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    raise HclSyntaxError("unterminated template")


def _heredoc(text: str, match: re.Match[str]) -> tuple[int, str]:
    strip, marker = match.group(1) == "-", match.group(2)
    lines: list[str] = []
    position = match.end()
    while position <= len(text):
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        line = text[position:end]
        if line.strip() == marker:
            if strip:
                lines = _dedent(lines)
            return end, "".join(f"{line}\n" for line in lines)
        lines.append(line.rstrip("\r"))
        position = end + 1
    raise HclSyntaxError("unterminated heredoc")


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] for line in lines]


class _Parser:
    def __init__(self, text: str, depth: int = 0) -> None:
        self.tokens = _lex(text)
        self.index = 0
        self.depth = depth

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def next(self) -> _Token:
        token = self.tokens[self.index]
        self.index = min(self.index + 1, len(self.tokens) - 1)
        return token

    def at(self, text: str) -> bool:
        return self.token.kind == "punct" and self.token.text == text

    def at_name(self, name: str) -> bool:
        return self.token.kind == "name" and self.token.text == name

    def expect(self, text: str) -> None:
        if not self.at(text):
            raise HclSyntaxError(f"expected {text!r}")
        self.next()

    def expression(self) -> Expr:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise HclSyntaxError("nested too deeply")
        try:
            condition = self.binary(1)
            if not self.at("?"):
                return condition
            self.next()
            then = self.expression()
            self.expect(":")
            return Conditional(condition, then, self.expression())
        finally:
            self.depth -= 1

    def binary(self, level: int) -> Expr:
        left = self.unary()
        chained = 0
        while True:
            token = self.token
            precedence = _BINARY_PRECEDENCE.get(token.text) if token.kind == "punct" else None
            if precedence is None or precedence < level:
                return left
            chained += 1
            if self.depth + chained > MAX_NESTING:
                raise HclSyntaxError("nested too deeply")
            self.next()
            left = Binary(token.text, left, self.binary(precedence + 1))

    def unary(self) -> Expr:
        operators: list[str] = []
        while self.at("!") or self.at("-"):
            operators.append(self.next().text)
            if self.depth + len(operators) > MAX_NESTING:
                raise HclSyntaxError("nested too deeply")
        expression = self.postfix(self.primary())
        for operator in reversed(operators):
            expression = Unary(operator, expression)
        return expression

    def primary(self) -> Expr:
        token = self.next()
        if token.kind == "number":
            return Literal(_number(token.text))
        if token.kind == "string":
            return parse_template(_unescape_template(token.text), self.depth)
        if token.kind == "heredoc":
            return parse_template(token.text, self.depth)
        if token.kind == "name":
            if token.text in _KEYWORDS:
                return Literal(_KEYWORDS[token.text])
            if self.at("(") or self.at("::"):
                return self.call(token.text)
            return Traversal(token.text, ())
        if token.kind == "punct":
            if token.text == "(":
                inner = self.expression()
                self.expect(")")
                return inner
            if token.text == "[":
                return self.for_expression("]") if self.at_name("for") else self.tuple()
            if token.text == "{":
                return self.for_expression("}") if self.at_name("for") else self.object()
        raise HclSyntaxError("unexpected token")

    def call(self, name: str) -> Expr:
        while self.at("::"):
            self.next()
            name += "::" + self.next().text
        self.expect("(")
        args: list[Expr] = []
        expand = False
        while not self.at(")"):
            args.append(self.expression())
            if self.at("..."):
                self.next()
                expand = True
            if not self.at(","):
                break
            self.next()
        self.expect(")")
        return Call(name, tuple(args), expand)

    def tuple(self) -> Expr:
        items: list[Expr] = []
        while not self.at("]"):
            items.append(self.expression())
            if not self.at(","):
                break
            self.next()
        self.expect("]")
        return TupleExpr(tuple(items))

    def object(self) -> Expr:
        items: list[tuple[Expr, Expr]] = []
        while not self.at("}"):
            key = self.expression()
            if isinstance(key, Traversal) and not key.steps:
                key = Literal(key.root)
            if not (self.at("=") or self.at(":")):
                raise HclSyntaxError("expected = in object")
            self.next()
            items.append((key, self.expression()))
            if self.at(","):
                self.next()
        self.expect("}")
        return ObjectExpr(tuple(items))

    def for_expression(self, close: str) -> Expr:
        self.next()
        names = [self.next().text]
        if self.at(","):
            self.next()
            names.append(self.next().text)
        if not self.at_name("in"):
            raise HclSyntaxError("expected in")
        self.next()
        parts = [self.expression()]
        self.expect(":")
        parts.append(self.expression())
        if self.at("=>"):
            self.next()
            parts.append(self.expression())
        if self.at("..."):
            self.next()
        if self.at_name("if"):
            self.next()
            parts.append(self.expression())
        self.expect(close)
        return ForExpr(tuple(names), tuple(parts))

    def postfix(self, base: Expr) -> Expr:
        steps: list[Step] = []
        while True:
            if self.at("."):
                self.next()
                token = self.next()
                if token.kind == "punct" and token.text == "*":
                    steps.append(Splat())
                elif token.kind in ("name", "number"):
                    steps.append(token.text if token.kind == "name" else _index(token.text))
                else:
                    raise HclSyntaxError("expected attribute name")
            elif self.at("["):
                self.next()
                if self.at("*"):
                    self.next()
                    steps.append(Splat())
                else:
                    steps.append(Index(self.expression()))
                self.expect("]")
            else:
                break
        if not steps:
            return base
        if isinstance(base, Traversal):
            return Traversal(base.root, base.steps + tuple(steps))
        return Access(base, tuple(steps))


def _index(text: str) -> Index:
    return Index(Literal(int(text)) if text.isdigit() else Literal(text))


def _number(text: str) -> int | float:
    if re.fullmatch(r"[0-9]+", text):
        return int(text)
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _unescape_template(raw: str) -> str:
    """Resolve backslash escapes of a quoted string, keeping ``${`` / ``%{`` markers."""
    out: list[str] = []
    index = 0
    while index < len(raw):
        char = raw[index]
        if char != "\\" or index + 1 >= len(raw):
            out.append(char)
            index += 1
            continue
        marker = raw[index + 1]
        if marker in _ESCAPES:
            out.append(_ESCAPES[marker])
            index += 2
        elif marker in "uU":
            width = 4 if marker == "u" else 8
            digits = raw[index + 2 : index + 2 + width]
            try:
                out.append(chr(int(digits, 16)))
            except ValueError:
                out.append(raw[index : index + 2 + width])
            index += 2 + width
        else:
            out.append(raw[index : index + 2])
            index += 2
    return "".join(out)


def parse_template(text: str, depth: int = 0) -> Expr:
    """A string whose escapes are already resolved, with ``${}`` / ``%{}`` still in it.

    ``$${`` and ``%%{`` are literal ``${`` and ``%{``. A template that is exactly one
    interpolation is that expression (HCL keeps its type: ``"${var.n}"`` is a number).
    ``depth`` is the nesting of the expression this template is written in.
    """
    parts: list[str | Expr] = []
    literal: list[str] = []
    directive = False
    position = 0
    while position < len(text):
        if text.startswith(("$${", "%%{"), position):
            literal.append(text[position + 1 : position + 3])
            position += 3
        elif text.startswith(("${", "%{"), position):
            try:
                end = _template_end(text, position + 2)
            except (HclSyntaxError, RecursionError):
                return _opaque(text)  # an interpolation that never closes: unreadable
            inner = text[position + 2 : end - 1].strip().removeprefix("~").removesuffix("~")
            if literal:
                parts.append("".join(literal))
                literal = []
            if text[position] == "%":
                directive = True
                parts.append(_opaque(inner))
            else:
                parts.append(parse_expression(inner, depth))
            position = end
        else:
            literal.append(text[position])
            position += 1
    if literal:
        parts.append("".join(literal))
    if not directive and len(parts) == 1 and isinstance(parts[0], Expr):
        return parts[0]
    if not parts:
        return Literal("")
    if len(parts) == 1 and isinstance(parts[0], str):
        return Literal(parts[0])
    return Template(tuple(parts), directive)


def parse_expression(text: str, depth: int = 0) -> Expr:
    """The syntax tree of one HCL expression; ``Opaque`` when it cannot be read.

    ``depth`` is the nesting of the expression it is part of (a template inside a string).
    """
    try:
        parser = _Parser(text, depth)
        expression = parser.expression()
        if parser.token.kind != "end":
            raise HclSyntaxError("trailing text")
        return expression
    except (HclSyntaxError, RecursionError, IndexError, ValueError):
        return _opaque(text)


def _opaque(text: str) -> Opaque:
    """An unreadable expression: keep every ``name.name...`` chain as a possible reference.

    Strings inside it are searched too, depth first, without recursion (they may nest)."""
    found: list[str] = []
    pending = [text]
    while pending:
        tokens = _tokens_or_none(pending.pop())
        found.extend(_chains(tokens))
        pending.extend(
            token.text for token in reversed(tokens) if token.kind in ("string", "heredoc")
        )
    return Opaque(tuple(dict.fromkeys(found)))


def _tokens_or_none(text: str) -> list[_Token]:
    try:
        return _lex(text)
    except HclSyntaxError:
        return []


def _chains(tokens: list[_Token]) -> list[str]:
    """``name.name...`` chains that are not ``for`` iterators or attribute steps."""
    found: list[str] = []
    iterators: set[str] = set()
    for index, token in enumerate(tokens):
        if token.kind != "name":
            continue
        previous = tokens[index - 1] if index else None
        if previous is not None and previous.kind == "name" and previous.text == "for":
            iterators.add(token.text)
            following = tokens[index + 2] if index + 2 < len(tokens) else None
            if index + 1 < len(tokens) and tokens[index + 1].text == "," and following is not None:
                iterators.add(following.text)
            continue
        if previous is not None and previous.kind == "punct" and previous.text in (".", "::"):
            continue
        chain = [token.text]
        cursor = index + 1
        while (
            cursor + 1 < len(tokens)
            and tokens[cursor].text == "."
            and tokens[cursor + 1].kind == "name"
        ):
            chain.append(tokens[cursor + 1].text)
            cursor += 2
        if len(chain) > 1 and chain[0] not in iterators:
            found.append(".".join(chain))
    return found
