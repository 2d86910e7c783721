"""Source and plan agree wherever the source holds the value.

For every check fixture folder with a ``main.tf`` (tests/fixtures/checks/<ID>/<case>/), the
case's check runs twice: on ``plan.json`` and on a scan of the folder's ``.tf`` files. A
finding is compared when both sides report it (same address, or both target-level) and
**neither side is UNKNOWN**: UNKNOWN on the plan side means Terraform itself did not know the
value; UNKNOWN on the source side means the source does not hold it as a literal (a resource
attribute, a function call, a data source), which is exactly what only a plan can tell.
Compared findings must have the same status. Findings only one side reports are not
compared (for example a target the source cannot detect because the deciding value is
computed); the test still requires that something is compared across all folders.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_parsers.loader import load_inventory, read_source
from plan_parsers.terraform_hcl import parse_source
from srm_iac.catalog.loader import Catalog
from srm_iac.config import DEFAULT_CONFIG, load_config
from srm_iac.model.inventory import Inventory
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.rules.registry import ALL_CHECKS
from tests.conftest import FIXTURES, TODAY

CASES = sorted(
    path.parent
    for path in (FIXTURES / "checks").glob("*/*/main.tf")
    if (path.parent / "plan.json").is_file()
)
COMPARED: dict[str, int] = {}


def statuses(case: Path, inventory: Inventory, catalog: Catalog) -> dict[str, str]:
    checks = [check for check in ALL_CHECKS if check.id == case.parent.name]
    config_path = case / "config.yaml"
    config = (
        load_config(config_path, {c.id for c in catalog.checks})
        if config_path.exists()
        else DEFAULT_CONFIG
    )
    report = check_inventory(catalog, inventory, RunOptions(today=TODAY, config=config), checks)
    assert not report.failures, report.failures
    return {finding.address: finding.status.value for finding in report.findings}


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_source_agrees_with_plan(case: Path, catalog: Catalog) -> None:
    planned = statuses(case, load_inventory(read_source(str(case / "plan.json"))), catalog)
    source = parse_source(case, base=case)
    assert not source.metadata["parse_errors"]
    scanned = statuses(case, source, catalog)
    comparable = {
        address
        for address in planned.keys() & scanned.keys()
        if "UNKNOWN" not in (planned[address], scanned[address])
    }
    differing = {
        address: {"plan": planned[address], "source": scanned[address]}
        for address in sorted(comparable)
        if planned[address] != scanned[address]
    }
    assert differing == {}
    COMPARED[f"{case.parent.name}/{case.name}"] = len(comparable)


def test_parity_compared_something() -> None:
    if not CASES:
        pytest.skip("no fixture folder has a main.tf")
    if len(COMPARED) < len(CASES):
        pytest.skip("run together with test_source_agrees_with_plan")
    assert sum(COMPARED.values()) >= len(CASES) // 2
