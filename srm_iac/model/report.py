"""The audit report every output format renders: one ``Report`` per run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from srm_iac.model.enums import ControlStatus, Owner, Risk, Status, Target
from srm_iac.model.findings import Finding


@dataclass(frozen=True, slots=True)
class ControlResult:
    """The audited status of one control for one target."""

    control_id: str
    """Control id, e.g. ``AI-SEC-002``."""
    name: str
    """Control name."""
    owner: Owner
    """Who owns the control on this target (after config overrides)."""
    status: ControlStatus
    """compliant, partial, gap or inherited."""
    risk: Risk
    """Risk of this status (unassigned gaps are CRITICAL)."""
    evidence: tuple[str, ...]
    """Human-readable lines: what was seen, attested or missing."""
    customer_action: str
    """What the customer must do for this control on this target."""
    known_gap: str
    """Where the provider's offering falls short of what customers assume."""
    owasp_llm: tuple[str, ...]
    """OWASP LLM Top 10 (2025) ids."""
    nist_ai_rmf: str
    """NIST AI RMF function."""
    attested: bool = False
    """A valid attestation contributed to the status."""


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One thing to do next, ranked by risk."""

    control_id: str
    """The control the recommendation closes."""
    risk: Risk
    """Risk of leaving it as is."""
    status: ControlStatus
    """The control's current status."""
    action: str
    """What to do."""


@dataclass(frozen=True, slots=True)
class TargetAudit:
    """The audit of one deployment target."""

    target: Target
    """Which target."""
    name: str
    """Display name of the target."""
    detected_by: tuple[str, ...]
    """Why the target is in scope: resource addresses, or ``--target``."""
    provider_map_reviewed: dt.date
    """When the provider map was last reviewed against the provider's documentation."""
    controls: tuple[ControlResult, ...]
    """One result per catalog control, in control id order."""
    top_recommendations: tuple[Recommendation, ...]
    """At most five, highest risk first, then by control id."""

    def count(self, status: ControlStatus) -> int:
        """How many controls have ``status``."""
        return sum(1 for control in self.controls if control.status is status)

    @property
    def count_compliant(self) -> int:
        """Controls whose customer half is evidenced."""
        return self.count(ControlStatus.COMPLIANT)

    @property
    def count_partial(self) -> int:
        """Controls partly evidenced (unknown values, missing attestation, waivers)."""
        return self.count(ControlStatus.PARTIAL)

    @property
    def count_gaps(self) -> int:
        """Controls with a failure, no evidence, or no owner."""
        return self.count(ControlStatus.GAP)

    @property
    def count_inherited(self) -> int:
        """Provider-owned controls."""
        return self.count(ControlStatus.INHERITED)

    @property
    def compliance_rate(self) -> float:
        """Compliant controls as a percentage of the controls the customer must implement."""
        required = len(self.controls) - self.count(ControlStatus.INHERITED)
        if required == 0:
            return 100.0
        return round(100.0 * self.count(ControlStatus.COMPLIANT) / required, 1)

    @property
    def risk_summary(self) -> dict[str, int]:
        """Controls per risk level, highest first."""
        ordered = sorted(Risk, key=lambda risk: -risk.rank)
        return {risk.value: sum(1 for c in self.controls if c.risk is risk) for risk in ordered}


@dataclass(frozen=True, slots=True)
class CheckFailure:
    """A check that raised instead of returning findings."""

    check_id: str
    """The check that failed."""
    error: str
    """The exception type (never its message: it may quote input values)."""


@dataclass(frozen=True)
class Report:
    """Everything one run found, ready for any output format."""

    tool_version: str
    """srm-iac version that produced the report."""
    source: str
    """What was checked (path or ``-``), or empty for a catalog-only audit."""
    input_kind: str
    """Which parser read the input (empty for a catalog-only audit)."""
    targets: tuple[TargetAudit, ...]
    """One audit per target in scope, in target order."""
    findings: tuple[Finding, ...] = ()
    """Every finding, sorted by ``Finding.sort_key``."""
    notes: tuple[str, ...] = ()
    """Warnings: expired attestations and waivers, stale provider maps, unsupported types."""
    failures: tuple[CheckFailure, ...] = ()
    """Checks that raised."""
    stats: dict[str, int] = field(default_factory=dict)
    """Counts about the input (resources read, AI resources)."""

    def count_findings(self, status: Status) -> int:
        """How many findings have ``status``."""
        return sum(1 for finding in self.findings if finding.status is status)

    @property
    def count_gaps(self) -> int:
        """Control gaps over every target."""
        return sum(audit.count_gaps for audit in self.targets)
