"""The schemas of the files users write (config, attestations), validated with pydantic.

Imported only when such a file is read: the runtime types they produce (``RunConfig``,
``Waiver``, ``Attestation``) are plain dataclasses that cost nothing to import.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, StrictInt

from srm_iac.attestations import Attestation
from srm_iac.catalog.schema import CheckId, ControlId
from srm_iac.config import DEFAULT_REVIEW_INTERVAL_DAYS, RunConfig, Waiver
from srm_iac.errors import ConfigError
from srm_iac.model.enums import Owner, Severity, Target
from srm_iac.usermodels import Text, UserModel, read_user_file


class ConfigFile(UserModel):
    """``--config``: see the ``srm_iac.config`` module docstring for an example."""

    schema_version: StrictInt = Field(ge=1, le=1)
    fail_on: Severity | None = None
    approved_models: dict[Target, tuple[Text, ...]] = {}
    attestations: Text | None = None
    waivers: tuple[Waiver, ...] = ()
    severity_overrides: dict[CheckId, Severity] = {}
    owner_overrides: dict[Target, dict[ControlId, Owner]] = {}
    teams: dict[Text, Text] = {}
    registry: Text | None = None
    review_interval_days: StrictInt = Field(default=DEFAULT_REVIEW_INTERVAL_DAYS, ge=1, le=3660)
    history: Text | None = None


class AttestationsFile(UserModel):
    """``--attestations``: ``schema_version: 1`` and a list of attestations."""

    schema_version: StrictInt = Field(ge=1, le=1)
    attestations: tuple[Attestation, ...] = ()


def read_config_file(
    path: Path, known_checks: set[str], known_roles: set[str] | None = None
) -> RunConfig:
    """Read and validate a config file; check ids (and RACI roles) must exist in the catalog."""
    parsed = read_user_file(path, ConfigFile)
    named = [w.check for w in parsed.waivers] + list(parsed.severity_overrides)
    unknown = sorted(set(named) - known_checks)
    if unknown:
        raise ConfigError(f"{path}: unknown check id {unknown[0]}")
    if known_roles is not None:
        unknown_roles = sorted(set(parsed.teams) - known_roles)
        if unknown_roles:
            raise ConfigError(
                f"{path}: teams: {unknown_roles[0]!r} is not a role of the RACI matrix",
                hint="see `srm-iac raci` for the role names",
            )
    return RunConfig(
        approved_models=dict(parsed.approved_models),
        waivers=parsed.waivers,
        severity_overrides=dict(parsed.severity_overrides),
        owner_overrides={t: dict(o) for t, o in parsed.owner_overrides.items()},
        fail_on=parsed.fail_on,
        attestations_path=_beside(path, parsed.attestations),
        teams=dict(parsed.teams),
        registry_path=_beside(path, parsed.registry),
        review_interval_days=parsed.review_interval_days,
        history_path=_beside(path, parsed.history),
    )


def read_attestations_file(path: Path) -> tuple[Attestation, ...]:
    """The attestations of ``path``, validated."""
    return read_user_file(path, AttestationsFile).attestations


def _beside(config_path: Path, name: str | None) -> Path | None:
    """A file named in the config, relative to the config's folder."""
    return config_path.parent / name if name else None
