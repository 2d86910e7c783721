"""The run configuration a team keeps in its repository (``--config FILE``).

schema_version: 1
fail_on: high
approved_models:
  aws_bedrock: ["anthropic.claude-3-5-sonnet-*", "amazon.titan-embed-text-v2:0"]
  azure_openai: ["gpt-4o:2024-08-06"]
attestations: attestations.yaml      # relative to this file
waivers:
  - check: SRM-AWS-004
    address: "aws_bedrockagent_agent.legacy*"
    reason: "tracked in SEC-123"
    expires: 2027-03-31
severity_overrides: {SRM-AWS-011: LOW}
owner_overrides: {self_hosted: {AI-SEC-001: customer}}
teams:                               # RACI role in the catalog -> your team's name
  "AI/ML Engineering": ml-platform
  "Application Security": appsec
registry: ai-assets.yaml             # approved AI assets (relative to this file)
review_interval_days: 90             # approvals older than this are overdue
history: .srm-iac/history.db         # where --record stores runs (relative to this file)
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, StrictInt

from srm_iac.catalog.schema import CheckId, ControlId
from srm_iac.errors import ConfigError
from srm_iac.model.enums import Owner, Severity, Target
from srm_iac.usermodels import Text, UserModel, read_user_file

DEFAULT_REVIEW_INTERVAL_DAYS = 90
"""How old an asset's approval in the registry may get before it is overdue."""


class Waiver(UserModel):
    """Accept the risk of one check on matching resources until a date."""

    check: CheckId
    address: Text = "*"
    reason: Text
    expires: dt.date

    def matches(self, check_id: str, address: str) -> bool:
        """True when this waiver names ``check_id`` and its pattern matches ``address``."""
        return self.check == check_id and fnmatch.fnmatchcase(address, self.address)


class ConfigFile(UserModel):
    """The config file's schema."""

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


@dataclass(frozen=True)
class RunConfig:
    """The configuration of one run, after defaults."""

    approved_models: dict[Target, tuple[str, ...]] = field(default_factory=dict)
    """Model id patterns (``fnmatch``) approved per target; empty means no list was given."""
    waivers: tuple[Waiver, ...] = ()
    """Waivers by check and address pattern."""
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    """Check id -> severity to use instead of the catalog's."""
    owner_overrides: dict[Target, dict[str, Owner]] = field(default_factory=dict)
    """Target -> control id -> owner the organisation assigns instead of the catalog's."""
    fail_on: Severity | None = None
    """Default for ``--fail-on``."""
    attestations_path: Path | None = None
    """Attestation file named by the config, resolved against the config's folder."""
    teams: dict[str, str] = field(default_factory=dict)
    """RACI role name in the catalog -> the organisation's team name."""
    registry_path: Path | None = None
    """Registry of approved AI assets named by the config, resolved like attestations."""
    review_interval_days: int = DEFAULT_REVIEW_INTERVAL_DAYS
    """Days after which an approval in the registry is overdue for review."""
    history_path: Path | None = None
    """History database named by the config, resolved against the config's folder."""

    def model_approved(self, target: Target, model_id: str) -> bool | None:
        """True/False against the approved list for ``target``; None when there is no list."""
        patterns = self.approved_models.get(target)
        if not patterns:
            return None
        return any(fnmatch.fnmatchcase(model_id, pattern) for pattern in patterns)

    def waiver_for(self, check_id: str, address: str) -> Waiver | None:
        """The first waiver that matches, expired or not."""
        return next((w for w in self.waivers if w.matches(check_id, address)), None)

    def team(self, role: str) -> str:
        """The organisation's name for the catalog's RACI ``role`` (the role itself if none)."""
        return self.teams.get(role, role)


DEFAULT_CONFIG = RunConfig()


def load_config(
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


def _beside(config_path: Path, name: str | None) -> Path | None:
    """A file named in the config, relative to the config's folder."""
    return config_path.parent / name if name else None
