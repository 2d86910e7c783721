"""Baselines: adopt srm-iac on an existing estate by accepting today's findings.

``srm-iac check --write-baseline FILE`` writes every current problem (FAIL, UNKNOWN and
NOT_EVIDENCED findings) by fingerprint: the check, the target and the resource address, so a
baseline survives changes to messages, line numbers and unrelated resources. ``srm-iac check
--baseline FILE`` then reports only findings that are not in it, and its exit code counts
only those. A baselined finding that gets worse (UNKNOWN then FAIL) is new again.

Only the findings list is filtered: the audit of each target still counts every finding, so
a baseline never makes a control look compliant.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictInt, StringConstraints, ValidationError

from srm_iac.catalog.schema import CheckId
from srm_iac.errors import ConfigError
from srm_iac.jsonout import dumps
from srm_iac.model.enums import Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.report import Report
from srm_iac.usermodels import UserModel
from srm_iac.validation import describe_validation_error

BASELINE_KIND = "srm-iac-baseline"
MAX_BASELINE_BYTES = 64 * 1024 * 1024
_RANK = {Status.UNKNOWN: 1, Status.NOT_EVIDENCED: 2, Status.FAIL: 3}
"""Baselined statuses, from least to most severe."""

Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


class BaselineEntry(UserModel):
    """One accepted finding."""

    fingerprint: Fingerprint
    check_id: CheckId
    target: Target
    address: str = ""
    status: Literal["FAIL", "UNKNOWN", "NOT_EVIDENCED"]


class BaselineFile(UserModel):
    """The baseline file's schema."""

    schema_version: StrictInt = Field(ge=1, le=1)
    kind: Literal["srm-iac-baseline"]
    tool_version: str
    findings: tuple[BaselineEntry, ...]


def baseline_of(report: Report) -> BaselineFile:
    """The baseline that accepts every problem in ``report``."""
    entries = {
        (f.fingerprint, f.status): BaselineEntry(
            fingerprint=f.fingerprint,
            check_id=f.check_id,
            target=f.target,
            address=f.address,
            status=f.status.value,
        )
        for f in report.findings
        if f.status in _RANK
    }
    return BaselineFile(
        schema_version=1,
        kind=BASELINE_KIND,
        tool_version=report.tool_version,
        findings=tuple(entries[key] for key in sorted(entries)),
    )


def render_baseline(baseline: BaselineFile) -> str:
    """The baseline as stable, reviewable JSON."""
    return dumps(baseline.model_dump(mode="json"))


def load_baseline(path: Path) -> BaselineFile:
    """Read and validate a baseline file; one-line ``ConfigError`` when it is not one."""
    try:
        if path.stat().st_size > MAX_BASELINE_BYTES:
            raise ConfigError(f"{path}: larger than {MAX_BASELINE_BYTES} bytes")
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or type(exc).__name__})") from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ConfigError(f"{path}: not a JSON baseline file") from None
    if not isinstance(data, dict) or data.get("kind") != BASELINE_KIND:
        raise ConfigError(
            f"{path}: not an srm-iac baseline (no kind: {BASELINE_KIND})",
            hint="write one with `srm-iac check PATH --write-baseline FILE`",
        )
    try:
        return BaselineFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(str(path), exc, data)) from None


def apply_baseline(report: Report, baseline: BaselineFile, name: str) -> Report:
    """``report`` without the findings ``baseline`` accepts, with a note saying how many."""
    accepted = {(e.fingerprint, Status(e.status)) for e in baseline.findings}
    kept = tuple(f for f in report.findings if not _covered(f, accepted))
    hidden = len(report.findings) - len(kept)
    note = (
        f"{hidden} finding(s) in the baseline {name} are not listed (the audit still counts "
        "them); only new findings decide the exit code"
    )
    return replace(report, findings=kept, notes=(*report.notes, note))


def _covered(finding: Finding, accepted: set[tuple[str, Status]]) -> bool:
    rank = _RANK.get(finding.status)
    if rank is None:
        return False
    return any(
        (finding.fingerprint, status) in accepted
        for status, other in _RANK.items()
        if other >= rank
    )
