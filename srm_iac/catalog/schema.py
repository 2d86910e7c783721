"""pydantic validation of catalog files into the runtime types of ``srm_iac.catalog.model``.

Imported only when a catalog file is actually validated (the shipped catalog is validated
once per content and then read from the cache, see ``srm_iac.catalog.cache``). Also holds the
annotated id types that user-file models (config, attestations) reuse.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import StringConstraints, TypeAdapter

from srm_iac.catalog.model import CHECK_ID, CONTROL_ID

ControlId = Annotated[str, StringConstraints(pattern=f"^{CONTROL_ID.pattern}$")]
CheckId = Annotated[str, StringConstraints(pattern=f"^{CHECK_ID.pattern}$")]

_Model = TypeVar("_Model")


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(model: type[Any]) -> TypeAdapter[Any]:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


def validate(model: type[_Model], data: Any) -> _Model:
    """``data`` as an instance of the dataclass ``model``; raises pydantic's ValidationError."""
    result: _Model = _adapter(model).validate_python(data)
    return result
