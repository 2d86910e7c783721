"""The one clock of srm-iac: today's date and the time of a recorded run.

Tests and reproducible reports fix them with environment variables: ``SRM_IAC_NOW`` (an ISO
timestamp; without a UTC offset it is read as UTC) fixes both, ``SRM_IAC_TODAY`` (an ISO date)
fixes the date alone and wins over ``SRM_IAC_NOW`` for it. Everything else takes its dates
from here, never from ``datetime`` directly.
"""

from __future__ import annotations

import datetime as dt
import os

from srm_iac.errors import ConfigError

TODAY_VARIABLE = "SRM_IAC_TODAY"
NOW_VARIABLE = "SRM_IAC_NOW"


def now() -> dt.datetime:
    """The current time in UTC (whole seconds), or ``$SRM_IAC_NOW``."""
    value = os.environ.get(NOW_VARIABLE)
    if not value:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(
            f"{NOW_VARIABLE}={value!r} is not an ISO timestamp (YYYY-MM-DDTHH:MM:SS+00:00)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def today() -> dt.date:
    """Today, or ``$SRM_IAC_TODAY`` (ISO date), or the date of ``$SRM_IAC_NOW``."""
    value = os.environ.get(TODAY_VARIABLE)
    if not value:
        return now().date() if os.environ.get(NOW_VARIABLE) else dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{TODAY_VARIABLE}={value!r} is not an ISO date (YYYY-MM-DD)") from None


def timestamp(moment: dt.datetime) -> str:
    """``moment`` as the UTC text history records store: ``2026-11-28T09:30:00Z``."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
