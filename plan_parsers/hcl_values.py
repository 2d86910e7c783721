"""Evaluate HCL expressions the way a plan would know them, and no further.

Literals are known; variables and locals are known when they resolve to literals; templates
are known when every interpolation is; ``jsonencode()`` of a known value is computed (that is
how most IAM and endpoint policies are written), as are the type conversions ``toset``,
``tolist`` and ``tomap`` (needed for ``for_each``). Every other function call, resource
attribute, splat and ``for`` expression is UNKNOWN: a check never passes on a value it cannot
see. A value that used a sensitive variable is reported as sensitive.

Values use the plan's shape; ``UNKNOWN`` marks what is unknown at any depth, and ``split()``
turns a value into the plan's ``after`` / ``after_unknown`` pair.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from plan_parsers.hcl_expressions import (
    Access,
    Binary,
    Call,
    Conditional,
    Expr,
    ForExpr,
    Index,
    Literal,
    ObjectExpr,
    Opaque,
    Splat,
    Template,
    Traversal,
    TupleExpr,
    Unary,
)


class _Unknown:
    """The marker of a value that is only known after apply."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
"""A value (or part of one) that is unknown until apply."""

MAX_DEPTH = 64


@dataclass
class Evaluated:
    """An expression's value and whether it came from sensitive input."""

    value: Any
    sensitive: bool = False


class Scope(Protocol):
    """What names mean where an expression is evaluated."""

    def lookup(self, root: str, name: str) -> Evaluated | None:
        """The value of ``root.name`` (``var.x``, ``local.y``, ``each.key``), or None.

        Returning None means the scope does not know the name: the value is UNKNOWN.
        """
        ...

    def resource_attribute(self, traversal: Traversal) -> Evaluated | None:
        """A value another block computes in source (``data.aws_iam_policy_document.x.json``)."""
        ...


@dataclass
class Evaluator:
    """Evaluates expressions in one scope, tracking sensitivity of what it read."""

    scope: Scope
    """Where names are looked up."""
    sensitive: bool = False
    """Set once anything sensitive has been read."""
    depth: int = 0

    def evaluate(self, expression: Expr) -> Any:
        """The value of ``expression``; UNKNOWN where it is not known."""
        if self.depth > MAX_DEPTH:
            return UNKNOWN
        self.depth += 1
        try:
            return self._evaluate(expression)
        finally:
            self.depth -= 1

    def _evaluate(self, expression: Expr) -> Any:
        if isinstance(expression, Literal):
            return expression.value
        if isinstance(expression, Template):
            return self._template(expression)
        if isinstance(expression, Traversal):
            return self._traversal(expression)
        if isinstance(expression, TupleExpr):
            return [self.evaluate(item) for item in expression.items]
        if isinstance(expression, ObjectExpr):
            return self._object(expression)
        if isinstance(expression, Call):
            return self._call(expression)
        if isinstance(expression, Conditional):
            condition = self.evaluate(expression.condition)
            if not isinstance(condition, bool):
                return UNKNOWN
            return self.evaluate(expression.then if condition else expression.otherwise)
        if isinstance(expression, Unary):
            return _unary(expression.operator, self.evaluate(expression.operand))
        if isinstance(expression, Binary):
            return _binary(
                expression.operator,
                self.evaluate(expression.left),
                self.evaluate(expression.right),
            )
        if isinstance(expression, Access):
            return self._steps(self.evaluate(expression.base), expression.steps)
        if isinstance(expression, ForExpr | Opaque):
            return UNKNOWN
        return UNKNOWN

    def _template(self, template: Template) -> Any:
        if template.directive:
            return UNKNOWN
        pieces: list[str] = []
        for part in template.parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            text = to_template_string(self.evaluate(part))
            if text is None:
                return UNKNOWN
            pieces.append(text)
        return "".join(pieces)

    def _traversal(self, traversal: Traversal) -> Any:
        steps = traversal.steps
        if traversal.root in ("var", "local", "each", "count", "module") and steps:
            first = steps[0]
            if isinstance(first, str):
                found = self.scope.lookup(traversal.root, first)
                if found is None:
                    return UNKNOWN
                self.sensitive = self.sensitive or found.sensitive
                return self._steps(found.value, steps[1:])
            return UNKNOWN
        found = self.scope.resource_attribute(traversal)
        if found is None:
            return UNKNOWN
        self.sensitive = self.sensitive or found.sensitive
        return found.value

    def _steps(self, value: Any, steps: tuple[str | Index | Splat, ...]) -> Any:
        for step in steps:
            if value is UNKNOWN or isinstance(step, Splat):
                return UNKNOWN
            key: Any = step if isinstance(step, str) else self.evaluate(step.key)
            if isinstance(value, dict) and isinstance(key, str):
                value = value.get(key, UNKNOWN)
            elif isinstance(value, list) and isinstance(key, int) and not isinstance(key, bool):
                value = value[key] if 0 <= key < len(value) else UNKNOWN
            else:
                return UNKNOWN
        return value

    def _object(self, expression: ObjectExpr) -> Any:
        result: dict[str, Any] = {}
        for key_expression, value_expression in expression.items:
            key = self.evaluate(key_expression)
            if isinstance(key, bool) or not isinstance(key, str | int | float):
                return UNKNOWN
            result[to_template_string(key) or str(key)] = self.evaluate(value_expression)
        return result

    def _call(self, call: Call) -> Any:
        function = _FUNCTIONS.get(call.name)
        if function is None or call.expand:
            for argument in call.args:
                self.evaluate(argument)
            return UNKNOWN
        args = [self.evaluate(argument) for argument in call.args]
        if any(not is_known(argument) for argument in args):
            return UNKNOWN
        try:
            return function(args)
        except (TypeError, ValueError):
            return UNKNOWN


def is_known(value: Any) -> bool:
    """No part of ``value`` is UNKNOWN."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item is UNKNOWN:
            return False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def split(value: Any) -> tuple[Any, Any]:
    """``(after, after_unknown)`` for a value: unknown leaves leave the value, mark the mask.

    An unknown object key is absent from the value. A list with an unknown element is
    unknown as a whole: without the provider schema the list may be a set, which Terraform
    reports wholly unknown, and a check must never pass on the elements it can see while
    another one is unknown. The mask is True for an unknown subtree, a dict/list where a part
    is unknown, and False where everything is known.
    """
    if value is UNKNOWN or (isinstance(value, list) and any(v is UNKNOWN for v in value)):
        return None, True
    if isinstance(value, dict):
        known: dict[str, Any] = {}
        mask: dict[str, Any] = {}
        for key, item in value.items():
            item_value, item_mask = split(item)
            if item_mask is not True:
                known[key] = item_value
            if item_mask is not False:
                mask[key] = item_mask
        return known, (mask or False)
    if isinstance(value, list):
        pairs = [split(item) for item in value]
        masks = [mask for _, mask in pairs]
        return [item for item, _ in pairs], (masks if any(m is not False for m in masks) else False)
    return value, False


def to_template_string(value: Any) -> str | None:
    """How Terraform prints a primitive inside a string template; None if it cannot."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value) if math.isfinite(value) else None
    return None


def jsonencode(value: Any) -> str:
    """``jsonencode()`` as Terraform prints it: compact, object keys sorted, HTML-safe."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _jsonencode(args: list[Any]) -> Any:
    if len(args) != 1:
        raise ValueError("jsonencode takes one argument")
    value = args[0]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return jsonencode(value)


def _toset(args: list[Any]) -> Any:
    if len(args) != 1 or not isinstance(args[0], list):
        raise TypeError("toset takes a list")
    items = args[0]
    if all(isinstance(item, str) for item in items):
        return sorted(set(items))
    unique: list[Any] = []
    for item in items:
        if item not in unique:
            unique.append(item)
    return unique


def _tolist(args: list[Any]) -> Any:
    if len(args) != 1 or not isinstance(args[0], list):
        raise TypeError("tolist takes a list")
    return list(args[0])


def _tomap(args: list[Any]) -> Any:
    if len(args) != 1 or not isinstance(args[0], dict):
        raise TypeError("tomap takes an object")
    return dict(args[0])


_FUNCTIONS: dict[str, Callable[[list[Any]], Any]] = {
    "jsonencode": _jsonencode,
    "toset": _toset,
    "tolist": _tolist,
    "tomap": _tomap,
}
"""The pure functions evaluated on known arguments; any other call is UNKNOWN."""


def _unary(operator: str, value: Any) -> Any:
    if operator == "!" and isinstance(value, bool):
        return not value
    if operator == "-" and _is_number(value):
        return -value
    return UNKNOWN


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _binary(operator: str, left: Any, right: Any) -> Any:
    if operator in ("&&", "||"):
        if isinstance(left, bool) and isinstance(right, bool):
            return (left and right) if operator == "&&" else (left or right)
        return UNKNOWN
    if not (is_known(left) and is_known(right)):
        return UNKNOWN
    if operator == "==":
        return _same(left, right)
    if operator == "!=":
        return not _same(left, right)
    if not (_is_number(left) and _is_number(right)):
        return UNKNOWN
    comparisons: dict[str, Callable[[Any, Any], Any]] = {
        "<": lambda a, b: a < b,
        ">": lambda a, b: a > b,
        "<=": lambda a, b: a <= b,
        ">=": lambda a, b: a >= b,
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b if b else UNKNOWN,
        "%": lambda a, b: a % b if b else UNKNOWN,
    }
    operation = comparisons.get(operator)
    return operation(left, right) if operation else UNKNOWN


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return bool(left == right)
