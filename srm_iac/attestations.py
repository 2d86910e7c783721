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

from srm_iac.catalog.model import CONTROL_ID
from srm_iac.errors import ConfigError
from srm_iac.model.enums import Target

if TYPE_CHECKING:
    from srm_iac.catalog.loader import Catalog


@dataclass(frozen=True, kw_only=True)
class Attestation:
    """One attested control for one target."""

    __pydantic_config__ = {"extra": "forbid"}

    control: str
    """The control id."""
    target: Target
    """The target it is attested for."""
    statement: str
    """What the team states is in place."""
    evidence: tuple[str, ...]
    """Links to the evidence (printed without credentials, query or fragment)."""
    owner: str
    """Who is accountable for the statement."""
    date: dt.date
    """When it was made."""
    expires: dt.date
    """The first day it no longer counts."""
    scope: str = "*"
    """Address glob it covers (``*``: the whole target)."""
    approved_by: str = ""
    """Who approved it, when recorded."""

    def __post_init__(self) -> None:
        if not CONTROL_ID.fullmatch(self.control):
            raise ValueError(f"control: {self.control!r} is not a control id")
        for name in ("statement", "owner", "scope"):
            value = getattr(self, name).strip()
            if not value:
                raise ValueError(f"{name}: must not be blank")
            object.__setattr__(self, name, value)
        if not self.evidence or not all(link.strip() for link in self.evidence):
            raise ValueError("evidence: needs at least one non-blank link")
        if self.expires <= self.date:
            raise ValueError("expires must be after date")

    def covers_address(self, address: str) -> bool:
        """True when ``address`` (empty for the target as a whole) is in scope."""
        if self.scope == "*":
            return True
        return bool(address) and fnmatch.fnmatchcase(address, self.scope)


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
    from srm_iac.userfiles import read_attestations_file

    entries = read_attestations_file(path)
    for index, entry in enumerate(entries):
        if not catalog.has_control(entry.control):
            raise ConfigError(f"{path}: attestations[{index}].control: unknown {entry.control}")
    return Attestations(source=str(path), entries=entries)


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
