"""A tri-state view over one attribute tree: known value, unknown until apply, or null.

Every parser stores a resource's attributes the way ``terraform show -json`` does: the
values (``after``), a mask of values unknown until apply (``after_unknown``) and a mask of
sensitive values (``after_sensitive``). A mask is ``True`` for a whole subtree, or a
dict/list of the same shape as the value. ``Node`` walks the three together lazily, so a
check only pays for the attributes it reads, and resources no check reads cost nothing.

Blocks are lists of objects (Terraform's shape). Reading a named attribute through a list of
exactly one element descends into that element, so single blocks read naturally:
``resource.at("logging_config", "s3_config", "bucket_name")``. Repeated blocks are read with
``each()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SENSITIVE_PLACEHOLDER = "(sensitive)"
UNKNOWN_PLACEHOLDER = "(known after apply)"


def _child(container: Any, key: str | int) -> Any:
    if isinstance(key, str):
        if isinstance(container, dict):
            return container.get(key)
        return None
    if isinstance(container, list) and -len(container) <= key < len(container):
        return container[key]
    return None


def _mask_child(mask: Any, key: str | int) -> Any:
    if mask is True:
        return True
    return _child(mask, key)


class Node:
    """One position in an attribute tree, with its value, unknown and sensitive state."""

    __slots__ = ("_sensitive", "_unknown", "_value")

    def __init__(self, value: Any, unknown: Any = None, sensitive: Any = None) -> None:
        self._value = value
        self._unknown = unknown
        self._sensitive = sensitive

    def __repr__(self) -> str:
        return f"Node({self.display()})"

    def get(self, *path: str | int) -> Node:
        """The node at ``path`` below this one (a null node where nothing is there)."""
        node = self
        for key in path:
            node = node._step(key)
        return node

    def _step(self, key: str | int) -> Node:
        value, unknown, sensitive = self._value, self._unknown, self._sensitive
        if not isinstance(key, str):
            if unknown is True:
                return Node(None, True, _mask_child(sensitive, key))
            return Node(_child(value, key), _child(unknown, key), _mask_child(sensitive, key))
        # Attribute names: the hot path of every check, so the helpers are inlined.
        if isinstance(value, list):
            if unknown is True:
                return Node(None, True, True if sensitive is True else None)
            if len(value) != 1:
                return Node(None)
            value = value[0]
            unknown = unknown[0] if isinstance(unknown, list) and unknown else None
            if sensitive is not True:
                sensitive = sensitive[0] if isinstance(sensitive, list) and sensitive else None
        if sensitive is not True:
            sensitive = sensitive.get(key) if isinstance(sensitive, dict) else None
        if unknown is True:
            return Node(None, True, sensitive)
        return Node(
            value.get(key) if isinstance(value, dict) else None,
            unknown.get(key) if isinstance(unknown, dict) else None,
            sensitive,
        )

    def each(self, *path: str | int) -> list[Node]:
        """The elements of the list (or repeated block) at ``path``; [] when null or unknown."""
        node = self.get(*path)
        if node.is_unknown or not isinstance(node._value, list):
            return []
        return [node._step(index) for index in range(len(node._value))]

    def keys(self) -> list[str]:
        """The known keys of an object node."""
        return list(self._value) if isinstance(self._value, dict) else []

    def children(self) -> Iterator[tuple[str, Node]]:
        """(key, node) for each known key of an object node."""
        for key in self.keys():
            yield key, self._step(key)

    @property
    def is_unknown(self) -> bool:
        """The whole value is unknown until apply (never treat as a pass)."""
        return self._unknown is True

    @property
    def has_unknown(self) -> bool:
        """The value or any part of it is unknown until apply."""
        return _any_true(self._unknown)

    @property
    def is_null(self) -> bool:
        """The value is known to be absent (null, or not set)."""
        return not self.is_unknown and self._value is None

    @property
    def is_known(self) -> bool:
        """The value is known and not null."""
        return not self.is_unknown and self._value is not None

    @property
    def is_sensitive(self) -> bool:
        """The value, or part of it, is marked sensitive by the plan."""
        return _any_true(self._sensitive)

    @property
    def value(self) -> Any:
        """The known value (None when null). Raises ValueError when unknown."""
        if self._unknown is True:
            raise ValueError("value is unknown until apply")
        return self._value

    def string(self) -> str | None:
        """The value when it is a known string, else None."""
        value = None if self.is_unknown else self._value
        return value if isinstance(value, str) else None

    def boolean(self) -> bool | None:
        """The value when it is a known boolean, else None."""
        value = None if self.is_unknown else self._value
        return value if isinstance(value, bool) else None

    def number(self) -> float | None:
        """The value when it is a known number (not a boolean), else None."""
        value = None if self.is_unknown else self._value
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def strings(self) -> list[str]:
        """The known string elements of a list (or the value itself, if a string)."""
        if self.is_unknown:
            return []
        value = self._value
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [item for item in value if isinstance(item, str)]
        return []

    def display(self, limit: int = 80) -> str:
        """A string safe to print: sensitive values and long values are never shown."""
        if self.is_sensitive:
            return SENSITIVE_PLACEHOLDER
        if self.is_unknown:
            return UNKNOWN_PLACEHOLDER
        value = self._value
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return repr(value)
        if isinstance(value, str):
            return repr(value) if len(value) <= limit else f"<{len(value)} characters>"
        if isinstance(value, list):
            return f"<list of {len(value)}>"
        return "<object>"


def _any_true(mask: Any) -> bool:
    stack = [mask]
    while stack:
        item = stack.pop()
        if item is True:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
