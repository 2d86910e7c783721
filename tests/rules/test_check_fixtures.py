"""Every check's fixture folder: run that one check on each case, compare statuses exactly.

Layout: tests/fixtures/checks/<CHECK-ID>/<case>/plan.json and expected.yaml (address -> status,
"" for a target-level result), optionally config.yaml (an srm-iac config). Every check has at
least one case with a PASS and one with a FAIL or NOT_EVIDENCED.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plan_parsers.loader import load_inventory, read_source
from srm_iac.catalog.loader import Catalog
from srm_iac.config import DEFAULT_CONFIG, load_config
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.rules.registry import ALL_CHECKS
from tests.conftest import FIXTURES, TODAY

CHECK_FIXTURES = FIXTURES / "checks"
CASES = sorted(path.parent for path in CHECK_FIXTURES.glob("*/*/expected.yaml"))


def run_case(case: Path, catalog: Catalog, plan_name: str = "plan.json") -> dict[str, str]:
    """Statuses of the case's check on the case's input, by address."""
    check_id = case.parent.name
    checks = [check for check in ALL_CHECKS if check.id == check_id]
    assert checks, f"no implementation for {check_id}"
    config_path = case / "config.yaml"
    config = (
        load_config(config_path, {c.id for c in catalog.checks})
        if config_path.exists()
        else DEFAULT_CONFIG
    )
    inventory = load_inventory(read_source(str(case / plan_name)))
    report = check_inventory(catalog, inventory, RunOptions(today=TODAY, config=config), checks)
    assert not report.failures, report.failures
    return {finding.address: finding.status.value for finding in report.findings}


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_check_fixture(case: Path, catalog: Catalog) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text()) or {}
    assert run_case(case, catalog) == {str(k): v for k, v in expected.items()}


def test_every_check_has_passing_and_failing_fixtures(catalog: Catalog) -> None:
    missing = []
    for spec in catalog.checks:
        statuses: set[str] = set()
        for expected in (CHECK_FIXTURES / spec.id).glob("*/expected.yaml"):
            statuses.update((yaml.safe_load(expected.read_text()) or {}).values())
        if "PASS" not in statuses or not statuses & {"FAIL", "NOT_EVIDENCED"}:
            missing.append(spec.id)
    assert not missing, f"checks without a passing and a failing fixture: {missing}"


def test_every_check_is_implemented_once(catalog: Catalog) -> None:
    implemented = [check.id for check in ALL_CHECKS]
    assert len(implemented) == len(set(implemented))
    assert sorted(implemented) == sorted(spec.id for spec in catalog.checks)
