"""What every robustness test shares: hypothesis profiles, a hang guard, the outcome contract.

Profiles (selected by ``SRM_FUZZ_EXAMPLES``):

- ``srm-ci`` (default): a fixed seed (``derandomize``), no example database, and the
  per-parser example counts of ``tests/robustness/parsers.py``; the whole suite stays in
  its CI budget.
- ``srm-long``: ``SRM_FUZZ_EXAMPLES=200000`` (any number) runs that many examples per parser
  with fresh randomness, for a long opt-in run (``pytest --hypothesis-seed=N`` repeats one).

The contract every input must meet: the parser returns a result, or raises ``SrmError``
whose ``diagnostics()`` is one non-empty line; any other exception fails the test, and so
does running longer than the hang guard allows.
"""

from __future__ import annotations

import fnmatch
import io
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from typing import TypeVar

from hypothesis import HealthCheck, settings

from srm_iac.errors import SrmError

_T = TypeVar("_T")

EXAMPLES_VARIABLE = "SRM_FUZZ_EXAMPLES"
HANG_SECONDS = 20.0
"""Longer than any input may take; a parser still running then has hung."""
DEADLINE_MS = 5000
"""Hypothesis' per-example deadline (generous: CI machines are slow and shared)."""

_HEALTH = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
    HealthCheck.function_scoped_fixture,
]

settings.register_profile(
    "srm-ci",
    derandomize=True,
    database=None,
    deadline=DEADLINE_MS,
    suppress_health_check=_HEALTH,
    print_blob=True,
)
settings.register_profile(
    "srm-long",
    derandomize=False,
    database=None,
    deadline=DEADLINE_MS * 4,
    suppress_health_check=_HEALTH,
    print_blob=True,
)


def long_run_examples() -> int | None:
    """Examples per parser asked for by ``SRM_FUZZ_EXAMPLES``, or None for the CI budget."""
    value = os.environ.get(EXAMPLES_VARIABLE, "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def load_profile() -> None:
    """Select the profile the environment asks for (see the module docstring)."""
    settings.load_profile("srm-long" if long_run_examples() else "srm-ci")


def examples(ci_budget: int) -> int:
    """How many examples a fuzz test runs: its CI budget, or the long run's count."""
    return long_run_examples() or ci_budget


def fuzz_settings(ci_budget: int) -> settings:
    """Settings for one fuzz test with ``ci_budget`` examples in CI."""
    return settings(max_examples=examples(ci_budget))


class Hang(BaseException):
    """Raised by the hang guard. A BaseException, so no ``except Exception`` can swallow it."""


@contextmanager
def hang_guard(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail with ``Hang`` when the body runs longer than ``seconds`` (main thread, POSIX)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        del signum, frame
        raise Hang(f"still running after {seconds} s: the input makes the parser hang")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_one_line(error: SrmError) -> str:
    """The error's diagnostics, checked to be one non-empty line without a traceback."""
    line = error.diagnostics()
    assert line.strip(), f"{type(error).__name__} with an empty message"
    assert "\n" not in line and "\r" not in line, f"multi-line diagnostics: {line!r}"
    assert "Traceback" not in line, line
    return line


def result_or_one_line_error(parse: Callable[[], _T]) -> _T | str:
    """Run ``parse`` under the hang guard: its result, or the one-line diagnostics it raised.

    Any exception other than ``SrmError`` propagates and fails the calling test.
    """
    try:
        with hang_guard():
            return parse()
    except SrmError as error:
        return assert_one_line(error)
    finally:
        _forget_patterns()


def _forget_patterns() -> None:
    """Empty the process-wide pattern caches between examples.

    ``fnmatch`` keeps up to 32,768 compiled patterns and ``re`` a few hundred; over thousands
    of examples with patterns 200,000 characters long they grow to gigabytes and the garbage
    collector's pauses look like hangs. One srm-iac run never holds more than its own.
    """
    fnmatch._compile_pattern.cache_clear()
    re.purge()


@dataclass(frozen=True)
class CliOutcome:
    """What one in-process run of the command line produced."""

    code: int
    out: str
    err: str


def cli_contract(argv: list[str], stdin: bytes | None = None) -> CliOutcome:
    """Run ``srm-iac argv`` in-process and check the contract of the command line.

    Exit code 0, 1 or 2; never an internal error or a traceback; an error is one line.
    """
    from srm_iac.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = _PipedStdin(io.BytesIO(stdin))
    try:
        with hang_guard(), redirect_stdout(out), redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = saved
    outcome = CliOutcome(code, out.getvalue(), err.getvalue())
    assert code in (0, 1, 2), outcome
    assert "internal error" not in outcome.err and "Traceback" not in outcome.err, outcome.err
    errors = [line for line in outcome.err.splitlines() if line.startswith("srm-iac: error:")]
    if code == 2:
        assert errors, outcome.err
    assert len([e for e in errors if "raised" not in e]) <= 1, outcome.err
    return outcome


class _PipedStdin(io.TextIOWrapper):
    """Standard input that is a pipe, not a terminal."""

    def isatty(self) -> bool:
        return False
