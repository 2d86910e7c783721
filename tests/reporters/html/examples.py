"""The shipped examples as reports and HTML pages, built with the library API."""

from __future__ import annotations

import functools
from pathlib import Path

from plan_parsers.loader import load_inventory, read_source
from srm_iac.attestations import NO_ATTESTATIONS, load_attestations
from srm_iac.catalog.loader import Catalog, load_catalog
from srm_iac.config import DEFAULT_CONFIG, load_config
from srm_iac.model.report import Report
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.reporters.html import page
from srm_iac.reporters.interface import RenderOptions
from tests.conftest import REPO, TODAY

EXAMPLES = sorted((REPO / "examples" / "terraform").glob("*/plan.json"))


@functools.cache
def shipped_catalog() -> Catalog:
    """The shipped catalog, loaded once."""
    return load_catalog()


def example_report(example: Path) -> Report:
    """``srm-iac check`` of one example, with its config and attestations when it has them."""
    catalog = shipped_catalog()
    config_path = example.parent / "srm-iac.yaml"
    config = (
        load_config(config_path, {c.id for c in catalog.checks})
        if config_path.exists()
        else DEFAULT_CONFIG
    )
    attestations = (
        load_attestations(config.attestations_path, catalog)
        if config.attestations_path
        else NO_ATTESTATIONS
    )
    inventory = load_inventory(read_source(str(example)))
    return check_inventory(catalog, inventory, RunOptions(TODAY, config, attestations))


def example_page(example: Path, options: RenderOptions | None = None) -> str:
    """The HTML page of one example."""
    return page.render(example_report(example), shipped_catalog(), options or RenderOptions())
