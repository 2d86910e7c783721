"""Inline ``srm-iac:ignore`` comments: syntax, placement, and how the engine applies them."""

from __future__ import annotations

import datetime as dt

import pytest

from plan_parsers.hcl_blocks import scan_blocks
from plan_parsers.suppressions import for_block, parse
from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Status
from srm_iac.model.inventory import SourceLocation, Suppression
from srm_iac.pipeline import RunOptions, check_inventory
from tests.factories import inventory, resource

HERE = SourceLocation("main.tf", 3, 3)


@pytest.mark.parametrize(
    ("text", "ids", "reason", "expires"),
    [
        (
            'srm-iac:ignore SRM-AWS-004 reason="tracked in SEC-123" expires=2027-03-31',
            ["SRM-AWS-004"],
            "tracked in SEC-123",
            dt.date(2027, 3, 31),
        ),
        (
            "srm-iac:ignore SRM-AWS-004, srm-aws-005 reason='two at once'",
            ["SRM-AWS-004", "SRM-AWS-005"],
            "two at once",
            None,
        ),
        ("note first; srm-iac:ignore SRM-AZ-001 reason=short", ["SRM-AZ-001"], "short", None),
    ],
)
def test_well_formed(text: str, ids: list[str], reason: str, expires: dt.date | None) -> None:
    found, problem = parse(text, HERE)
    assert problem == ""
    assert [s.check_id for s in found] == ids
    assert {(s.reason, s.expires, s.location) for s in found} == {(reason, expires, HERE)}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("srm-iac:ignore SRM-AWS-004", 'has no reason="..."'),
        ('srm-iac:ignore SRM-AWS-004 reason=""', 'has no reason="..."'),
        ('srm-iac:ignore reason="x"', "needs check ids"),
        ("srm-iac:ignore", "names no check id"),
        ('srm-iac:ignore SRM-AWS-004 reason="x" expires=31/03/2027', "unreadable expires"),
    ],
)
def test_malformed_ones_are_not_applied(text: str, problem: str) -> None:
    found, message = parse(text, HERE)
    assert found == [] and problem in message


def test_placement_above_and_on_the_first_line() -> None:
    text = (
        "# unrelated\n"
        '# srm-iac:ignore SRM-AWS-001 reason="a"\n'
        '// srm-iac:ignore SRM-AWS-002 reason="b"\n'
        'resource "x" "y" { # srm-iac:ignore SRM-AWS-003 reason="c"\n'
        '  # srm-iac:ignore SRM-AWS-009 reason="inside the block does not count"\n'
        "}\n"
        '# srm-iac:ignore SRM-AWS-010 reason="separated by a blank line"\n'
        "\n"
        'resource "x" "z" {}\n'
    )
    scanned = scan_blocks(text)
    lines = text.splitlines()
    first = for_block(scanned.blocks[0], scanned.comments, "main.tf", lines)
    assert sorted(s.check_id for s in first.suppressions) == [
        "SRM-AWS-001",
        "SRM-AWS-002",
        "SRM-AWS-003",
    ]
    second = for_block(scanned.blocks[1], scanned.comments, "main.tf", lines)
    assert second.suppressions == []


def test_the_engine_waives_reports_expired_and_unknown_ids(catalog: Catalog) -> None:
    today = dt.date(2026, 11, 28)
    agent = resource("aws_bedrockagent_agent", "a", agent_name="a")
    agent.suppressions = (
        Suppression("SRM-AWS-004", "accepted in SEC-1", dt.date(2027, 1, 1), HERE),
        Suppression("SRM-AWS-015", "old", dt.date(2026, 11, 28), HERE),
        Suppression("SRM-AWS-999", "typo", None, HERE),
    )
    report = check_inventory(catalog, inventory(agent), RunOptions(today=today))
    statuses = {f.check_id: f for f in report.findings if f.address == agent.address}
    waived = statuses["SRM-AWS-004"]
    assert waived.status is Status.WAIVED and waived.waiver == "accepted in SEC-1"
    assert waived.waived_in_source
    assert statuses["SRM-AWS-015"].status is Status.FAIL
    assert (
        "srm-iac:ignore SRM-AWS-015 at main.tf:3 expired on 2026-11-28; it no longer applies"
        in report.notes
    )
    assert any("names unknown check SRM-AWS-999" in note for note in report.notes)
