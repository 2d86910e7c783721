"""Shared pieces of the pydantic models for files users write (config, attestations)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from srm_iac.errors import ConfigError
from srm_iac.validation import describe_validation_error
from srm_iac.yamlio import load_yaml

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_Model = TypeVar("_Model", bound=BaseModel)


class UserModel(BaseModel):
    """Frozen, no unknown keys (a typo in a key is an error, not a silently ignored line)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def read_user_file(path: Path, model: type[_Model]) -> _Model:
    """Load ``path`` as YAML and validate it; one-line ``ConfigError`` on any problem."""
    data = load_yaml(path, ConfigError)
    if data is None:
        raise ConfigError(f"{path}: the file is empty")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(str(path), exc, data)) from None
