"""The inventory renderers are pure, escape markup, and agree with each other."""

from __future__ import annotations

import csv
import io
import json

import pytest

from srm_iac.assets.assessment import (
    Assessment,
    RegistryInput,
    WorkspaceResult,
    assemble,
    assess_workspace,
)
from srm_iac.assets.inventory import build_assets
from srm_iac.assets.registry import Registry
from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Status
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.reporters.inventory_view import InventoryFormat, InventoryRenderOptions, Section
from tests.assets.factories import scripted
from tests.conftest import TODAY
from tests.factories import inventory, resource

ADDRESS = 'aws_bedrock_guardrail.g["[bold]prod"]'


@pytest.fixture
def assessment(catalog: Catalog) -> Assessment:
    guardrail = resource("aws_bedrock_guardrail", "g")
    guardrail.address = ADDRESS
    options = RunOptions(today=TODAY)
    result = assess_workspace(catalog, "infra/[red]prod", inventory(guardrail), options)
    registry = Registry.model_validate({"schema_version": 1, "assets": []})
    return assemble(catalog, [result], options, RegistryInput(registry, "r.yaml"))


@pytest.mark.parametrize("color", [False, True])
def test_table_escapes_markup_in_addresses_and_workspaces(
    assessment: Assessment, color: bool
) -> None:
    text = InventoryFormat.TABLE.renderer()(assessment, InventoryRenderOptions(color=color))
    assert "[bold]prod" in text and "infra/[red]prod" in text
    assert "subject [workspace]" in text
    assert ("\x1b[" in text) is color


def test_formats_list_the_same_assets(assessment: Assessment) -> None:
    options = InventoryRenderOptions()
    document = json.loads(InventoryFormat.JSON.renderer()(assessment, options))
    rows = list(csv.reader(io.StringIO(InventoryFormat.CSV.renderer()(assessment, options))))
    assert [a["address"] for a in document["assets"]] == [row[3] for row in rows[1:]] == [ADDRESS]
    assert document["reconciliation"]["items"][0]["outcome"] == "unregistered"
    reconciliation = InventoryFormat.CSV.renderer()(
        assessment, InventoryRenderOptions(sections=(Section.RECONCILIATION,))
    )
    assert reconciliation.splitlines()[1].startswith("unregistered,infra/[red]prod,aws_bedrock")


def test_scripted_findings_show_per_asset(catalog: Catalog) -> None:
    guardrail = resource("aws_bedrock_guardrail", "g")
    options = RunOptions(today=TODAY)
    inv = inventory(guardrail)
    report = check_inventory(
        catalog, inv, options, checks=scripted({"SRM-AWS-005": [(Status.FAIL, guardrail.address)]})
    )
    result = WorkspaceResult("ws", report, build_assets("ws", inv, report))
    text = InventoryFormat.TABLE.renderer()(
        assemble(catalog, [result], options), InventoryRenderOptions(width=200)
    )
    assert "FAIL 002" in text and "target-level only" in text
