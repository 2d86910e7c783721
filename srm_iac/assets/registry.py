"""The registry of approved AI assets (``--registry FILE`` or ``registry:`` in the config).

    schema_version: 1
    assets:
      - address: "module.support.aws_bedrockagent_agent.*"   # or name: "support-*"
        workspace: "infra/prod/*"        # optional: only assets of matching workspaces
        target: aws_bedrock              # optional: only assets of this target
        kind: agent                      # optional: only assets of this kind
        owner: team-support
        approved_models: ["anthropic.claude-3-5-sonnet-*"]
        reviewed: 2026-10-01

Patterns are ``fnmatch`` globs: ``address`` over the resource address, ``name`` over the
provider-side name (which survives moving a resource into a module). An asset belongs to the
first entry that matches it. ``approved_models`` uses the syntax of the config's
``approved_models``; an asset that uses a model no pattern matches is reported, and an entry
without the key approves no model at all.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from pathlib import Path

from pydantic import Field, StrictInt, model_validator

from srm_iac.assets.kinds import AssetKind
from srm_iac.model.enums import Target
from srm_iac.usermodels import Text, UserModel, read_user_file


class RegistryEntry(UserModel):
    """One approved AI asset, or a family of them."""

    address: Text | None = None
    name: Text | None = None
    workspace: Text | None = None
    target: Target | None = None
    kind: AssetKind | None = None
    owner: Text
    approved_models: tuple[Text, ...] = ()
    reviewed: dt.date

    @model_validator(mode="after")
    def _one_pattern(self) -> RegistryEntry:
        if (self.address is None) == (self.name is None):
            raise ValueError("give exactly one of address or name")
        if self.kind is AssetKind.SUPPORTING:
            raise ValueError("kind supporting is configuration, not an asset to register")
        return self

    @property
    def pattern(self) -> str:
        """How the entry is shown: ``address=...`` or ``name=...``."""
        return f"address={self.address}" if self.address else f"name={self.name}"

    def in_scope(self, workspace: str) -> bool:
        """True when the entry may match assets of ``workspace``."""
        return self.workspace is None or fnmatch.fnmatchcase(workspace, self.workspace)

    def matches(
        self, workspace: str, target: Target, kind: AssetKind, address: str, name: str
    ) -> bool:
        """True when this entry covers the asset described by the arguments."""
        if not self.in_scope(workspace):
            return False
        if (self.target is not None and self.target is not target) or (
            self.kind is not None and self.kind is not kind
        ):
            return False
        if self.address is not None:
            return fnmatch.fnmatchcase(address, self.address)
        return bool(name) and fnmatch.fnmatchcase(name, self.name or "")

    def approves(self, identifiers: tuple[str, ...]) -> bool:
        """True when an approved-model pattern matches one of a model's ``identifiers``."""
        return any(
            fnmatch.fnmatchcase(identifier, pattern)
            for pattern in self.approved_models
            for identifier in identifiers
        )


class Registry(UserModel):
    """The registry file's schema."""

    schema_version: StrictInt = Field(ge=1, le=1)
    assets: tuple[RegistryEntry, ...] = ()


def load_registry(path: Path) -> Registry:
    """Read and validate a registry file; one-line ``ConfigError`` when it is malformed."""
    return read_user_file(path, Registry)
