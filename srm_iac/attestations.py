"""Attestations: a team's signed-off statement that a control is implemented outside IaC.

Attested evidence is reported as attested, never as PASS. An expired attestation counts as
missing and is reported. Evidence links are printed without credentials, query or fragment.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field, StrictInt, model_validator

from srm_iac.catalog.schema import ControlId
from srm_iac.errors import ConfigError
from srm_iac.model.enums import Target
from srm_iac.usermodels import Text, UserModel, read_user_file

if TYPE_CHECKING:
    from srm_iac.catalog.loader import Catalog


class Attestation(UserModel):
    """One attested control for one target."""

    control: ControlId
    target: Target
    scope: Text = "*"
    statement: Text
    evidence: tuple[Text, ...] = Field(min_length=1)
    owner: Text
    approved_by: str = ""
    date: dt.date
    expires: dt.date

    @model_validator(mode="after")
    def _expires_after_date(self) -> Attestation:
        if self.expires <= self.date:
            raise ValueError("expires must be after date")
        return self

    def covers_address(self, address: str) -> bool:
        """True when ``address`` (empty for the target as a whole) is in scope."""
        if self.scope == "*":
            return True
        return bool(address) and fnmatch.fnmatchcase(address, self.scope)


class AttestationsFile(UserModel):
    """The attestation file: ``schema_version: 1`` and a list of attestations."""

    schema_version: StrictInt = Field(ge=1, le=1)
    attestations: tuple[Attestation, ...] = ()


@dataclass(frozen=True)
class Attestations:
    """The attestations in force for a run, and the problems found with the others."""

    source: str
    """The file they came from (empty when there is none)."""
    entries: tuple[Attestation, ...]
    """Every well-formed entry."""

    def valid(self, target: Target, control_id: str, today: dt.date) -> list[Attestation]:
        """Entries for ``target`` and ``control_id`` that are in force on ``today``."""
        return [
            entry
            for entry in self.entries
            if entry.target is target
            and entry.control == control_id
            and entry.date <= today < entry.expires
        ]

    def issues(self, today: dt.date) -> list[str]:
        """Expired or future-dated entries, one line each."""
        lines = []
        for entry in self.entries:
            label = f"attestation {entry.control} on {entry.target.value} ({self.source})"
            if entry.expires <= today:
                lines.append(f"{label} expired on {entry.expires.isoformat()}; it no longer counts")
            elif entry.date > today:
                lines.append(f"{label} is dated {entry.date.isoformat()}, in the future; ignored")
        return lines


NO_ATTESTATIONS = Attestations(source="", entries=())


def load_attestations(path: Path, catalog: Catalog) -> Attestations:
    """Read and validate an attestation file against the catalog's controls."""
    parsed = read_user_file(path, AttestationsFile)
    for index, entry in enumerate(parsed.attestations):
        if not catalog.has_control(entry.control):
            raise ConfigError(f"{path}: attestations[{index}].control: unknown {entry.control}")
    return Attestations(source=str(path), entries=parsed.attestations)


def safe_link(link: str) -> str:
    """A link without user info, query or fragment (they often carry tokens)."""
    try:
        parts = urlsplit(link)
        port = parts.port
    except ValueError:
        return "<invalid link>"
    if not parts.scheme or not parts.netloc:
        return link.split("?", 1)[0].split("#", 1)[0]
    host = parts.hostname or ""
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
