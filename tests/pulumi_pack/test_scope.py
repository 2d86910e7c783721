"""Resource policies judge a resource alone: their verdicts must not depend on the rest.

For every check enforced as a CrossGuard resource policy, every fixture resource it judges gets
the same status when the check sees only that resource (what ``Analyze`` sees) as when it sees
the whole plan (what ``srm-iac check`` sees).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_parsers.loader import load_inventory, read_source
from srm_iac.catalog.loader import Catalog
from srm_iac.config import DEFAULT_CONFIG, load_config
from srm_iac.model.inventory import Inventory
from srm_iac.pulumi_pack.scope import RESOURCE_CHECKS, PolicyKind, policy_kind
from srm_iac.rules.check import CheckContext, Detection
from srm_iac.rules.engine import run_checks
from srm_iac.rules.registry import ALL_CHECKS
from tests.conftest import FIXTURES, TODAY
from tests.rules.test_check_fixtures import run_case

CASES = sorted(
    case
    for check_id in RESOURCE_CHECKS
    for case in (FIXTURES / "checks" / check_id).glob("*")
    if (case / "plan.json").is_file()
)


def test_resource_checks_exist(catalog: Catalog) -> None:
    assert RESOURCE_CHECKS <= {check.id for check in catalog.checks}
    assert policy_kind("SRM-AWS-005") is PolicyKind.RESOURCE
    assert policy_kind("SRM-AWS-004") is PolicyKind.STACK


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_resource_check_verdicts_need_only_the_resource(case: Path, catalog: Catalog) -> None:
    check_id = case.parent.name
    spec = catalog.check(check_id)
    [check] = [c for c in ALL_CHECKS if c.id == check_id]
    config_path = case / "config.yaml"
    config = (
        load_config(config_path, {c.id for c in catalog.checks})
        if config_path.exists()
        else DEFAULT_CONFIG
    )
    whole = run_case(case, catalog)
    inventory = load_inventory(read_source(str(case / "plan.json")))
    compared = 0
    for resource in inventory.of_type(*spec.resource_types):
        if resource.address not in whole:
            continue
        alone = Inventory(inventory.kind, inventory.source, [resource], inventory.secrets)
        context = CheckContext(
            inventory=alone,
            config=config,
            targets={spec.target: Detection(spec.target, (resource.address,))},
        )
        statuses = {
            f.address: f.status.value for f in run_checks(catalog, [check], context, TODAY).findings
        }
        assert statuses.get(resource.address) == whole[resource.address], resource.address
        compared += 1
    assert compared or not whole or set(whole) == {""}
