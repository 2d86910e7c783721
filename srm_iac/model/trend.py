"""Points of a compliance trend: the compliance rate of one target on one date.

The HTML report draws them when a history is given; the history store (or any other source)
only has to produce these points.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from srm_iac.model.enums import Target


@dataclass(frozen=True, slots=True, order=True)
class TrendPoint:
    """The compliance rate of one target as measured by one run."""

    date: dt.date
    """When the run was made."""
    target: Target
    """The audited target."""
    rate: float
    """Compliance rate in percent (0 to 100), as ``TargetAudit.compliance_rate``."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 100.0:
            raise ValueError(f"compliance rate {self.rate} is not a percentage")
