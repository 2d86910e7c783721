"""The gap map: no owner, or a customer half with neither evidence nor attestation."""

from __future__ import annotations

import datetime as dt

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import ControlStatus, Owner, Status, Target
from srm_iac.model.report import Report
from srm_iac.pipeline import RunOptions, audit_only
from srm_iac.reporters.html.gaps import NO_EVIDENCE, NO_OWNER, gap_map
from tests.reporters.html.examples import EXAMPLES, example_report

TODAY = dt.date(2026, 11, 28)


def _example(name: str) -> Report:
    return example_report(next(e for e in EXAMPLES if e.parent.name == name))


def test_unassigned_controls_are_gaps_nobody_owns(catalog: Catalog) -> None:
    report = audit_only(catalog, [Target.SELF_HOSTED], RunOptions(TODAY))
    gaps = gap_map(report, catalog)
    unassigned = [c.control_id for c in report.targets[0].controls if c.owner is Owner.UNASSIGNED]
    assert unassigned
    assert [g.control.control_id for g in gaps if g.reason == NO_OWNER] == unassigned
    assert gaps[0].reason == NO_OWNER, "critical gaps come first"
    assert all(g.why.startswith(NO_OWNER) for g in gaps if g.reason == NO_OWNER)


def test_failing_controls_are_not_in_the_gap_map(catalog: Catalog) -> None:
    report = _example("bedrock-insecure")
    statuses: dict[str, set[Status]] = {}
    for finding in report.findings:
        statuses.setdefault(finding.control_id, set()).add(finding.status)
    in_map = {g.control.control_id for g in gap_map(report, catalog)}
    for control_id, seen in statuses.items():
        if seen <= {Status.NOT_EVIDENCED}:
            assert control_id in in_map, control_id
        else:
            assert control_id not in in_map, control_id


def test_attested_and_compliant_controls_are_not_gaps(catalog: Catalog) -> None:
    report = _example("azure-openai-hardened")
    assert gap_map(report, catalog) == []


def test_every_gap_is_a_gap_control(catalog: Catalog) -> None:
    report = audit_only(catalog, list(Target), RunOptions(TODAY))
    gaps = gap_map(report, catalog)
    assert all(g.control.status is ControlStatus.GAP for g in gaps)
    assert {g.reason for g in gaps} == {NO_OWNER, NO_EVIDENCE}
    assert all(g.action for g in gaps)


def test_gaps_name_the_team_that_should_own_them(catalog: Catalog) -> None:
    report = audit_only(catalog, [Target.SELF_HOSTED], RunOptions(TODAY))
    teams = {"AI/ML Engineering": "ml-platform"}
    first = next(g for g in gap_map(report, catalog, teams) if g.control.control_id == "AI-SEC-001")
    assert first.responsible == ("ml-platform",)
    assert first.accountable == ("CISO / AI Governance Board",)
