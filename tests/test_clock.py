"""The one clock: SRM_IAC_NOW and SRM_IAC_TODAY fix it for tests and reproducible runs."""

from __future__ import annotations

import datetime as dt

import pytest

from srm_iac import clock
from srm_iac.errors import ConfigError


def test_now_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SRM_IAC_TODAY", raising=False)
    monkeypatch.setenv("SRM_IAC_NOW", "2026-11-28T23:30:00-05:00")
    assert clock.now() == dt.datetime(2026, 11, 29, 4, 30, tzinfo=dt.UTC)
    assert clock.timestamp(clock.now()) == "2026-11-29T04:30:00Z"
    assert clock.today() == dt.date(2026, 11, 29)  # the date of SRM_IAC_NOW, in UTC
    monkeypatch.setenv("SRM_IAC_NOW", "2026-11-28T10:00:00")
    assert clock.now().tzinfo is dt.UTC  # no offset: UTC


def test_today_wins_for_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SRM_IAC_NOW", "2026-11-28T10:00:00Z")
    monkeypatch.setenv("SRM_IAC_TODAY", "2027-01-01")
    assert clock.today() == dt.date(2027, 1, 1)


def test_real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SRM_IAC_NOW", raising=False)
    monkeypatch.delenv("SRM_IAC_TODAY", raising=False)
    moment = clock.now()
    assert moment.tzinfo is dt.UTC and moment.microsecond == 0


@pytest.mark.parametrize(("variable", "value"), [("SRM_IAC_NOW", "noon"), ("SRM_IAC_TODAY", "x")])
def test_bad_values_are_config_errors(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.delenv("SRM_IAC_TODAY", raising=False)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        clock.today()
