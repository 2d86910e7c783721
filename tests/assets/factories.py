"""Factories for asset tests: scripted checks, workspace reports, assets built in code."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from srm_iac.assets.inventory import Asset, AssetControl, Scope
from srm_iac.assets.kinds import AssetKind
from srm_iac.attestations import NO_ATTESTATIONS, Attestations
from srm_iac.catalog.loader import Catalog
from srm_iac.config import DEFAULT_CONFIG, RunConfig
from srm_iac.model.enums import Status, Target
from srm_iac.model.inventory import Inventory
from srm_iac.model.report import Report
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.rules.check import Check, CheckContext, Result
from tests.conftest import TODAY

Script = dict[str, Sequence[tuple[Status, str]]]
"""Check id -> (status, address) results it yields; an empty address is target-level."""


def scripted(script: Script) -> list[Check]:
    """Checks with real ids (so the catalog gives their control) that yield fixed results."""

    def evaluate(results: Sequence[tuple[Status, str]]):  # type: ignore[no-untyped-def]
        def run(context: CheckContext) -> Iterator[Result]:
            for status, address in results:
                resource = context.inventory.get(address) if address else None
                yield Result(status, f"scripted {status.value}", resource)

        return run

    return [Check(check_id, evaluate(results)) for check_id, results in script.items()]


def report_for(
    catalog: Catalog,
    inventory: Inventory,
    script: Script,
    config: RunConfig = DEFAULT_CONFIG,
    attestations: Attestations = NO_ATTESTATIONS,
) -> Report:
    """The report of ``inventory`` under scripted checks."""
    options = RunOptions(today=TODAY, config=config, attestations=attestations)
    return check_inventory(catalog, inventory, options, checks=scripted(script))


def asset(
    address: str,
    *,
    workspace: str = "infra/prod",
    target: Target = Target.AWS_BEDROCK,
    kind: AssetKind = AssetKind.AGENT,
    name: str = "",
    models: tuple[tuple[str, ...], ...] = (),
) -> Asset:
    """An asset with every control at target level (compliant)."""
    controls = tuple(
        AssetControl(f"AI-SEC-{n:03d}", Scope.TARGET, "compliant") for n in range(1, 11)
    )
    return Asset(
        workspace=workspace,
        target=target,
        kind=kind,
        address=address,
        resource_type=address.rsplit(".", 1)[0].rsplit(".", 1)[-1],
        name=name,
        models=models,
        location=None,
        controls=controls,
    )
