"""The catalog's runtime types: frozen dataclasses that importing costs nothing.

pydantic validates catalog files into these classes (``srm_iac.catalog.schema``): it checks
types, refuses unknown keys (``__pydantic_config__``) and turns the ``ValueError`` of each
``__post_init__`` into a located error. The rules that are about values (id patterns, text
that must not be blank, cross-field consistency) live here, in ``__post_init__``, so they hold
however an instance is made.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from srm_iac.model.enums import EvidenceKind, Owner, Severity, Target

CONTROL_ID = re.compile(r"AI-SEC-\d{3}")
CHECK_ID = re.compile(r"SRM-(AWS|AZ|GCP|SH)-\d{3}")
OWASP_ID = re.compile(r"LLM(0[1-9]|10)")
CATEGORY = re.compile(r"[a-z][a-z_]*")
ACTIVITY_ID = re.compile(r"[a-z][a-z0-9-]*")
URL = re.compile(r"https://\S+")
NIST_FUNCTIONS = ("GOVERN", "MAP", "MEASURE", "MANAGE")
_FORBID = {"extra": "forbid"}


def _text(name: str, value: str) -> None:
    if not value.strip():
        raise ValueError(f"{name} must not be blank")


def _matches(name: str, pattern: re.Pattern[str], values: Iterable[str]) -> None:
    for index, value in enumerate(values):
        if not pattern.fullmatch(value):
            raise ValueError(f"{name}[{index}]: {value!r} does not match {pattern.pattern}")


def _one(name: str, pattern: re.Pattern[str], value: str) -> None:
    if not pattern.fullmatch(value):
        raise ValueError(f"{name}: {value!r} does not match {pattern.pattern}")


def _not_empty(name: str, values: tuple[object, ...]) -> None:
    if not values:
        raise ValueError(f"{name} must list at least one item")


@dataclass(frozen=True)
class Control:
    """One AI security control; its id is stable and never reused."""

    __pydantic_config__ = _FORBID

    id: str
    name: str
    category: str
    description: str
    owasp_llm: tuple[str, ...]
    nist_ai_rmf: str
    references: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _one("id", CONTROL_ID, self.id)
        _text("name", self.name)
        _one("category", CATEGORY, self.category)
        _text("description", self.description)
        _not_empty("owasp_llm", self.owasp_llm)
        _matches("owasp_llm", OWASP_ID, self.owasp_llm)
        if self.nist_ai_rmf not in NIST_FUNCTIONS:
            raise ValueError(f"nist_ai_rmf must be one of {', '.join(NIST_FUNCTIONS)}")
        _matches("references", URL, self.references)


@dataclass(frozen=True)
class Assignment:
    """Who owns one control for one target, and what each side does."""

    __pydantic_config__ = _FORBID

    owner: Owner
    provider_offers: str
    customer_must: str = ""
    gap: str = ""
    evidence: tuple[EvidenceKind, ...] = ()
    references: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _text("provider_offers", self.provider_offers)
        if self.owner in (Owner.CUSTOMER, Owner.SHARED):
            if not self.customer_must.strip():
                raise ValueError(f"a {self.owner} control needs customer_must")
            if not self.evidence:
                raise ValueError(
                    f"a {self.owner} control needs evidence (infrastructure/attestation)"
                )
        if self.owner is Owner.UNASSIGNED and not self.gap.strip():
            raise ValueError("an unassigned control needs a gap description")
        if len(set(self.evidence)) != len(self.evidence):
            raise ValueError("evidence lists a kind twice")
        _matches("references", URL, self.references)


@dataclass(frozen=True)
class ChangelogEntry:
    """One reviewed change to a provider map."""

    __pydantic_config__ = _FORBID

    date: dt.date
    summary: str

    def __post_init__(self) -> None:
        _text("summary", self.summary)


@dataclass(frozen=True)
class ProviderMap:
    """``catalogs/providers/<target>.yaml``: the responsibility map of one target."""

    __pydantic_config__ = _FORBID

    schema_version: int
    target: Target
    name: str
    last_reviewed: dt.date
    sources: tuple[str, ...]
    changelog: tuple[ChangelogEntry, ...]
    assignments: Mapping[str, Assignment]

    def __post_init__(self) -> None:
        _schema_version(self.schema_version)
        _text("name", self.name)
        _not_empty("sources", self.sources)
        _matches("sources", URL, self.sources)
        _not_empty("changelog", self.changelog)
        _matches("assignments", CONTROL_ID, list(self.assignments))
        if max(entry.date for entry in self.changelog) > self.last_reviewed:
            raise ValueError("changelog has an entry newer than last_reviewed")


@dataclass(frozen=True)
class RaciActivity:
    """One row of the AI-security RACI matrix."""

    __pydantic_config__ = _FORBID

    id: str
    name: str
    responsible: tuple[str, ...]
    accountable: tuple[str, ...]
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    controls: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _one("id", ACTIVITY_ID, self.id)
        _text("name", self.name)
        for role in ("responsible", "accountable", "controls"):
            _not_empty(role, getattr(self, role))
        for role in ("responsible", "accountable", "consulted", "informed"):
            for team in getattr(self, role):
                _text(role, team)
        _matches("controls", CONTROL_ID, self.controls)


@dataclass(frozen=True)
class CheckSpec:
    """The metadata of one check; its logic lives in ``srm_iac.rules``."""

    __pydantic_config__ = _FORBID

    id: str
    title: str
    target: Target
    control: str
    severity: Severity
    resource_types: tuple[str, ...]
    what: str
    why: str
    fix: str
    references: tuple[str, ...]
    deprecated: bool = False

    def __post_init__(self) -> None:
        _one("id", CHECK_ID, self.id)
        _one("control", CONTROL_ID, self.control)
        for name in ("title", "what", "why", "fix"):
            _text(name, getattr(self, name))
        _not_empty("resource_types", self.resource_types)
        _not_empty("references", self.references)
        _matches("references", URL, self.references)
        if re.match(r"(Ensure|Enable|Configure|Use)\b", self.title):
            raise ValueError("a check title names the bad pattern, not the fix")


@dataclass(frozen=True)
class ControlsFile:
    """``catalogs/controls.yaml``."""

    __pydantic_config__ = _FORBID

    schema_version: int
    controls: tuple[Control, ...]

    def __post_init__(self) -> None:
        _schema_version(self.schema_version)
        _not_empty("controls", self.controls)
        ids = [control.id for control in self.controls]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate control ids: {', '.join(duplicates)}")


@dataclass(frozen=True)
class RaciFile:
    """``catalogs/raci.yaml``."""

    __pydantic_config__ = _FORBID

    schema_version: int
    activities: tuple[RaciActivity, ...] = field(default=())

    def __post_init__(self) -> None:
        _schema_version(self.schema_version)
        if len(self.activities) < 8:
            raise ValueError("the RACI matrix needs at least eight activities")
        ids = [activity.id for activity in self.activities]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate RACI activity ids")


@dataclass(frozen=True)
class ChecksFile:
    """``catalogs/checks/<target>.yaml``."""

    __pydantic_config__ = _FORBID

    schema_version: int
    checks: tuple[CheckSpec, ...]

    def __post_init__(self) -> None:
        _schema_version(self.schema_version)
        _not_empty("checks", self.checks)


def _schema_version(value: int) -> None:
    if value != 1 or isinstance(value, bool):
        raise ValueError("schema_version must be 1")
