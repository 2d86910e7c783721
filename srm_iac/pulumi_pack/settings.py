"""The pack's policy configuration: JSON schemas, and how a policy's config becomes a RunConfig.

Every check policy accepts::

    {"enforcementLevel": "mandatory",           # handled by the engine
     "configFile": "srm-iac.yaml",              # the CLI's config file (shared settings)
     "approvedModels": {"aws_bedrock": ["anthropic.claude-3-5-sonnet-*"]},
     "waivers": [{"address": "aws_bedrockagent_agent.legacy*", "reason": "SEC-123",
                  "expires": "2027-03-31"}]}

The audit policy (``srm-iac-audit``) accepts the same plus ``attestationsFile``,
``reportJson`` and ``reportMarkdown``; its waivers name their ``check``.

The engine delivers each policy only its own properties (an ``all`` entry sets enforcement
levels, not properties), so settings every policy should share go in the srm-iac config file,
named by ``configFile`` or by the ``SRM_IAC_CONFIG`` environment variable. A policy's own
``approvedModels`` replace the file's list for the targets they name; its ``waivers`` are
added to the file's. Relative paths are resolved against the directory Pulumi was started
from (``$PWD``), like the ``--policy-pack-config`` path itself.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from srm_iac.catalog.loader import Catalog
from srm_iac.config import DEFAULT_CONFIG, RunConfig, Waiver, load_config
from srm_iac.errors import ConfigError
from srm_iac.model.enums import Target

CONFIG_ENVIRONMENT_VARIABLE = "SRM_IAC_CONFIG"
"""Names the srm-iac config file when a policy's ``configFile`` does not."""

_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_CHECK_ID = r"^SRM-(AWS|AZ|GCP|SH)-[0-9]{3}$"


def _waiver_schema(*, named_check: bool) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "address": {
            "type": "string",
            "minLength": 1,
            "description": "Address glob of the resources waived (default: all).",
        },
        "reason": {"type": "string", "minLength": 1, "description": "Why the risk is accepted."},
        "expires": {
            "type": "string",
            "pattern": _DATE,
            "description": "Last day (exclusive) the waiver applies, YYYY-MM-DD.",
        },
    }
    if named_check:
        properties["check"] = {"type": "string", "pattern": _CHECK_ID}
    return {
        "type": "object",
        "properties": properties,
        "required": ["check", "reason", "expires"] if named_check else ["reason", "expires"],
        "additionalProperties": False,
    }


def _common_properties(*, audit: bool) -> dict[str, dict[str, Any]]:
    return {
        "configFile": {
            "type": "string",
            "minLength": 1,
            "description": "srm-iac config file (YAML) with shared settings; default: "
            f"${CONFIG_ENVIRONMENT_VARIABLE}.",
        },
        "approvedModels": {
            "type": "object",
            "description": "Approved model id patterns (fnmatch) per target.",
            "properties": {
                target.value: {"type": "array", "items": {"type": "string", "minLength": 1}}
                for target in Target
            },
            "additionalProperties": False,
        },
        "waivers": {
            "type": "array",
            "description": "Accepted risks: findings on matching resources are WAIVED until "
            "the expiry date.",
            "items": _waiver_schema(named_check=audit),
        },
    }


def check_policy_schema() -> dict[str, dict[str, Any]]:
    """Config properties of a check policy (JSON Schema per property)."""
    return _common_properties(audit=False)


def audit_policy_schema() -> dict[str, dict[str, Any]]:
    """Config properties of the audit policy."""
    properties = _common_properties(audit=True)
    properties["attestationsFile"] = {
        "type": "string",
        "minLength": 1,
        "description": "srm-iac attestation file (YAML); default: the config file's.",
    }
    properties["reportJson"] = {
        "type": "string",
        "minLength": 1,
        "description": "Write the full audit report as JSON to this path.",
    }
    properties["reportMarkdown"] = {
        "type": "string",
        "minLength": 1,
        "description": "Write the full audit report as markdown (a PR comment) to this path.",
    }
    return properties


@dataclass(frozen=True)
class PolicySettings:
    """What one policy run needs from its configuration."""

    config: RunConfig
    """Approved models, waivers, severity and owner overrides."""
    attestations_path: Path | None = None
    """Attestation file (audit policy)."""
    report_json: Path | None = None
    """Where to write the JSON report (audit policy)."""
    report_markdown: Path | None = None
    """Where to write the markdown report (audit policy)."""
    config_path: Path | None = None
    """The srm-iac config file read (a report is never written over it)."""

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every file these settings read: the reports must not overwrite one."""
        read = (self.config_path, self.attestations_path, self.config.attestations_path)
        return tuple(str(path) for path in read if path is not None)


def base_directory() -> Path:
    """The directory relative paths are resolved against: where Pulumi was started."""
    pwd = os.environ.get("PWD")
    return Path(pwd) if pwd and Path(pwd).is_dir() else Path.cwd()


def resolve(path: str) -> Path:
    """``path`` made absolute against ``base_directory()``; ``~`` is expanded."""
    candidate = Path(path).expanduser()
    return candidate if candidate.is_absolute() else base_directory() / candidate


def settings_for(
    properties: Mapping[str, Any], catalog: Catalog, *, check_id: str | None
) -> PolicySettings:
    """A policy's settings from its config ``properties``; ``check_id`` for check policies.

    Raises ``ConfigError`` for a broken config file or an invalid date.
    """
    named = properties.get("configFile") or os.environ.get(CONFIG_ENVIRONMENT_VARIABLE)
    config_path = resolve(named) if isinstance(named, str) and named else None
    config = _load_config(config_path, catalog) if config_path is not None else None
    config = config or DEFAULT_CONFIG
    approved = properties.get("approvedModels")
    if isinstance(approved, Mapping) and approved:
        models = dict(config.approved_models)
        for target_name, patterns in approved.items():
            models[Target(target_name)] = tuple(str(p) for p in patterns)
        config = replace(config, approved_models=models)
    waivers = properties.get("waivers")
    if isinstance(waivers, list) and waivers:
        extra = tuple(_waiver(item, check_id, index) for index, item in enumerate(waivers))
        config = replace(config, waivers=config.waivers + extra)
    attestations = properties.get("attestationsFile")
    return PolicySettings(
        config=config,
        attestations_path=resolve(attestations)
        if isinstance(attestations, str)
        else config.attestations_path,
        report_json=_path(properties.get("reportJson")),
        report_markdown=_path(properties.get("reportMarkdown")),
        config_path=config_path,
    )


def _path(value: Any) -> Path | None:
    return resolve(value) if isinstance(value, str) and value else None


def _waiver(item: Mapping[str, Any], check_id: str | None, index: int) -> Waiver:
    check = item.get("check") or check_id
    try:
        expires = dt.date.fromisoformat(str(item.get("expires")))
    except ValueError:
        raise ConfigError(f"waivers[{index}].expires is not a valid date (YYYY-MM-DD)") from None
    if check_id is not None and check != check_id:
        raise ConfigError(f"waivers[{index}].check names another check than {check_id}")
    try:
        return Waiver(
            check=str(check),
            address=str(item.get("address") or "*"),
            reason=str(item.get("reason") or ""),
            expires=expires,
        )
    except ValueError:
        raise ConfigError(f"waivers[{index}] is not a valid waiver") from None


def _load_config(path: Path, catalog: Catalog) -> RunConfig:
    try:
        stat = path.stat()
    except OSError:
        raise ConfigError(f"{path}: cannot read the srm-iac config file") from None
    known = frozenset(check.id for check in catalog.checks)
    return _cached_config(str(path), stat.st_mtime_ns, stat.st_size, known)


@lru_cache(maxsize=16)
def _cached_config(path: str, mtime: int, size: int, known: frozenset[str]) -> RunConfig:
    del mtime, size  # part of the cache key: a changed file is read again
    return load_config(Path(path), set(known))
