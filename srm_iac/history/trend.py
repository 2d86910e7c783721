"""Trend points for the HTML report from the history: one workspace's rate per target and day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from srm_iac.history.db import WorkspaceRate
from srm_iac.model.enums import Target
from srm_iac.model.report import Report
from srm_iac.model.trend import TrendPoint

_TARGETS = {target.value for target in Target}


def trend_points(
    history: Sequence[WorkspaceRate], current: Report | None, today: dt.date
) -> tuple[TrendPoint, ...]:
    """The recorded rates, then ``current`` dated ``today``; the last result of a day wins."""
    points: dict[tuple[dt.date, Target], float] = {}
    for row in history:
        if row.target not in _TARGETS:
            continue  # a target a later srm-iac added
        day = dt.date.fromisoformat(row.recorded_at[:10])
        rate = 100.0 if row.required == 0 else round(100.0 * row.compliant / row.required, 1)
        points[(day, Target(row.target))] = rate
    for audit in current.targets if current else ():
        points[(today, audit.target)] = audit.compliance_rate
    return tuple(sorted(TrendPoint(day, target, rate) for (day, target), rate in points.items()))
