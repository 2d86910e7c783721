"""Turn a pydantic ValidationError into one line that names the file, the item and the field."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import ValidationError


_Model = TypeVar("_Model")
_ADAPTERS: dict[Any, Any] = {}


def validate(model: type[_Model], data: Any) -> _Model:
    """``data`` validated into ``model`` (a dataclass or pydantic model) with pydantic.

    Raises pydantic's ValidationError. pydantic is imported here, on first use.
    """
    from pydantic import TypeAdapter

    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    result: _Model = _ADAPTERS[model].validate_python(data)
    return result


_FIELD_IN_MESSAGE = re.compile(r"([a-z_]+(?:\[\d+\])?): (.*)", re.DOTALL)
"""A model's own check names the field first: ``owasp_llm[0]: ...``."""


def describe_validation_error(source: str, exc: ValidationError, data: Any = None) -> str:
    """``source: controls[2] (AI-SEC-003).owasp_llm: message (and N more problems)``."""
    errors = exc.errors(include_url=False, include_input=False)
    first = errors[0]
    location = _location(first["loc"], data)
    message = first["msg"].removeprefix("Value error, ")
    named = _FIELD_IN_MESSAGE.match(message)
    if named:
        location = f"{location}.{named.group(1)}" if location else named.group(1)
        message = named.group(2)
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    where = f"{source}: {location}" if location else source
    return f"{where}: {message}{more}"


def _location(loc: tuple[Any, ...], data: Any) -> str:
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            label = f"[{step}]"
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                label += f" ({node['id']})"
            parts.append(label)
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts)
