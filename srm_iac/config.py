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

from srm_iac.catalog.model import CHECK_ID
from srm_iac.model.enums import Owner, Severity, Target

DEFAULT_REVIEW_INTERVAL_DAYS = 90
"""How old an asset's approval in the registry may get before it is overdue."""


@dataclass(frozen=True)
class Waiver:
    """Accept the risk of one check on matching resources until a date."""

    __pydantic_config__ = {"extra": "forbid"}

    check: str
    """The check id."""
    reason: str
    """Why the risk is accepted (required)."""
    expires: dt.date
    """The first day the waiver no longer applies."""
    address: str = "*"
    """``fnmatch`` pattern of the resource addresses it covers (``*``: all)."""

    def __post_init__(self) -> None:
        if not CHECK_ID.fullmatch(self.check):
            raise ValueError(f"check: {self.check!r} is not a check id")
        for name in ("reason", "address"):
            value = getattr(self, name).strip()
            if not value:
                raise ValueError(f"{name}: must not be blank")
            object.__setattr__(self, name, value)

    def matches(self, check_id: str, address: str) -> bool:
        """True when this waiver names ``check_id`` and its pattern matches ``address``."""
        return self.check == check_id and fnmatch.fnmatchcase(address, self.address)


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
    from srm_iac.userfiles import read_config_file

    return read_config_file(path, known_checks, known_roles)
