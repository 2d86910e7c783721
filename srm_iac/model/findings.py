"""Findings: the result of one check on one resource (or on a whole target)."""

from __future__ import annotations

from dataclasses import dataclass

from srm_iac.digest import sha256
from srm_iac.model.enums import Severity, Status, Target
from srm_iac.model.inventory import SourceLocation


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's verdict on one resource, or on the target when ``address`` is empty."""

    check_id: str
    """Stable check id, e.g. ``SRM-AWS-002``."""
    control_id: str
    """The control the check evidences, e.g. ``AI-SEC-002``."""
    target: Target
    """The deployment target the check belongs to."""
    status: Status
    """PASS, FAIL, UNKNOWN, NOT_EVIDENCED or WAIVED."""
    severity: Severity
    """Severity of the check (after config overrides)."""
    message: str
    """What was found; never quotes a sensitive value."""
    address: str = ""
    """Resource address; empty for target-level findings (e.g. a missing singleton)."""
    resource_type: str = ""
    """Canonical type of the resource, when there is one."""
    attribute: str = ""
    """The attribute path that decided the status, when there is one."""
    location: SourceLocation | None = None
    """Where the resource is declared, when known."""
    waiver: str = ""
    """Why the finding is waived (status WAIVED)."""
    waived_in_source: bool = False
    """The waiver is an inline ``srm-iac:ignore`` comment rather than a config waiver."""

    @property
    def fingerprint(self) -> str:
        """Stable id of this finding across runs: the check and the resource."""
        key = f"{self.check_id}|{self.target}|{self.address}"
        digest = sha256(key.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()[:16]

    @property
    def sort_key(self) -> tuple[str, str, str, str]:
        """Deterministic order: target, control, check, address."""
        return (self.target.value, self.control_id, self.check_id, self.address)
