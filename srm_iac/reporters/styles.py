"""Colours and labels shared by the human-readable formats."""

from __future__ import annotations

from srm_iac.model.enums import ControlStatus, Risk, Severity, Status

RISK_STYLE = {
    Risk.CRITICAL: "bold white on red",
    Risk.HIGH: "bold red",
    Risk.MEDIUM: "yellow",
    Risk.LOW: "green",
}
SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
}
STATUS_STYLE = {
    ControlStatus.COMPLIANT: "green",
    ControlStatus.PARTIAL: "yellow",
    ControlStatus.GAP: "bold red",
    ControlStatus.INHERITED: "blue",
}
FINDING_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.UNKNOWN: "yellow",
    Status.NOT_EVIDENCED: "magenta",
    Status.WAIVED: "dim",
}
SHOWN_STATUSES = (Status.FAIL, Status.UNKNOWN, Status.NOT_EVIDENCED, Status.WAIVED)
"""Finding statuses listed one by one in human formats (passes are counted, not listed)."""
