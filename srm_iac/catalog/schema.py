"""pydantic models of the catalog files in ``catalogs/``.

Every model forbids unknown keys and is frozen: the catalog is data, validated once at load
time and read everywhere else. Cross-file rules (every control assigned for every target,
RACI activities naming real controls) live in ``Catalog``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

from srm_iac.model.enums import EvidenceKind, Owner, Severity, Target

CONTROL_ID_PATTERN = r"^AI-SEC-\d{3}$"
CHECK_ID_PATTERN = r"^SRM-(AWS|AZ|GCP|SH)-\d{3}$"
OWASP_PATTERN = r"^LLM(0[1-9]|10)$"

ControlId = Annotated[str, StringConstraints(pattern=CONTROL_ID_PATTERN)]
CheckId = Annotated[str, StringConstraints(pattern=CHECK_ID_PATTERN)]
OwaspId = Annotated[str, StringConstraints(pattern=OWASP_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]

NIST_FUNCTIONS = ("GOVERN", "MAP", "MEASURE", "MANAGE")


class _Strict(BaseModel):
    """Frozen, no unknown keys; strings are never coerced from numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Control(_Strict):
    """One AI security control; its id is stable and never reused."""

    id: ControlId
    name: Text
    category: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]*$")]
    description: Text
    owasp_llm: tuple[OwaspId, ...] = Field(min_length=1)
    nist_ai_rmf: Annotated[str, StringConstraints(pattern=r"^(GOVERN|MAP|MEASURE|MANAGE)$")]
    references: tuple[Url, ...] = ()


class ControlsFile(_Strict):
    """``catalogs/controls.yaml``."""

    schema_version: StrictInt = Field(ge=1, le=1)
    controls: tuple[Control, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> ControlsFile:
        ids = [control.id for control in self.controls]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate control ids: {', '.join(duplicates)}")
        return self


class Assignment(_Strict):
    """Who owns one control for one target, and what each side does."""

    owner: Owner
    provider_offers: Text
    customer_must: str = ""
    gap: str = ""
    evidence: tuple[EvidenceKind, ...] = ()
    references: tuple[Url, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Assignment:
        if self.owner in (Owner.CUSTOMER, Owner.SHARED) and not self.customer_must.strip():
            raise ValueError(f"a {self.owner} control needs customer_must")
        if self.owner in (Owner.CUSTOMER, Owner.SHARED) and not self.evidence:
            raise ValueError(f"a {self.owner} control needs evidence (infrastructure/attestation)")
        if self.owner is Owner.UNASSIGNED and not self.gap.strip():
            raise ValueError("an unassigned control needs a gap description")
        if len(set(self.evidence)) != len(self.evidence):
            raise ValueError("evidence lists a kind twice")
        return self


class ChangelogEntry(_Strict):
    """One reviewed change to a provider map."""

    date: dt.date
    summary: Text


class ProviderMap(_Strict):
    """``catalogs/providers/<target>.yaml``: the responsibility map of one target."""

    schema_version: StrictInt = Field(ge=1, le=1)
    target: Target
    name: Text
    last_reviewed: dt.date
    sources: tuple[Url, ...] = Field(min_length=1)
    changelog: tuple[ChangelogEntry, ...] = Field(min_length=1)
    assignments: dict[ControlId, Assignment]

    @model_validator(mode="after")
    def _changelog_matches_review(self) -> ProviderMap:
        newest = max(entry.date for entry in self.changelog)
        if newest > self.last_reviewed:
            raise ValueError("changelog has an entry newer than last_reviewed")
        return self


class RaciActivity(_Strict):
    """One row of the AI-security RACI matrix."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    name: Text
    responsible: tuple[Text, ...] = Field(min_length=1)
    accountable: tuple[Text, ...] = Field(min_length=1)
    consulted: tuple[Text, ...] = ()
    informed: tuple[Text, ...] = ()
    controls: tuple[ControlId, ...] = Field(min_length=1)


class RaciFile(_Strict):
    """``catalogs/raci.yaml``."""

    schema_version: StrictInt = Field(ge=1, le=1)
    activities: tuple[RaciActivity, ...] = Field(min_length=8)

    @model_validator(mode="after")
    def _unique_ids(self) -> RaciFile:
        ids = [activity.id for activity in self.activities]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate RACI activity ids")
        return self


class CheckSpec(_Strict):
    """The metadata of one check; its logic lives in ``srm_iac.rules``."""

    id: CheckId
    title: Text
    target: Target
    control: ControlId
    severity: Severity
    resource_types: tuple[Text, ...] = Field(min_length=1)
    what: Text
    why: Text
    fix: Text
    references: tuple[Url, ...] = Field(min_length=1)
    deprecated: StrictBool = False

    @model_validator(mode="after")
    def _title_names_the_problem(self) -> CheckSpec:
        if re.match(r"^(Ensure|Enable|Configure|Use)\b", self.title):
            raise ValueError("a check title names the bad pattern, not the fix")
        return self


class ChecksFile(_Strict):
    """``catalogs/checks/<target>.yaml``."""

    schema_version: StrictInt = Field(ge=1, le=1)
    checks: tuple[CheckSpec, ...] = Field(min_length=1)
