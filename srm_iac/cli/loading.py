"""Load the catalog, config and attestations named on a command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from srm_iac.attestations import NO_ATTESTATIONS, Attestations, load_attestations
from srm_iac.catalog.loader import Catalog, load_catalog
from srm_iac.cli.common import today
from srm_iac.config import DEFAULT_CONFIG, RunConfig, load_config
from srm_iac.pipeline import RunOptions


def catalog_from(args: argparse.Namespace) -> Catalog:
    """The catalog at ``--catalog``, or the shipped one."""
    return load_catalog(getattr(args, "catalog", None))


def config_from(args: argparse.Namespace, catalog: Catalog) -> RunConfig:
    """The config at ``--config`` (validated against the catalog), or the defaults."""
    config_path: Path | None = getattr(args, "config", None)
    if config_path is None:
        return DEFAULT_CONFIG
    from srm_iac.gapmap import raci_roles  # only with a config file

    return load_config(config_path, {c.id for c in catalog.checks}, raci_roles(catalog))


def run_options(args: argparse.Namespace, catalog: Catalog) -> RunOptions:
    """Config, attestations and today's date for a run."""
    config = config_from(args, catalog)
    attestations_path: Path | None = getattr(args, "attestations", None) or config.attestations_path
    attestations: Attestations = (
        load_attestations(attestations_path, catalog) if attestations_path else NO_ATTESTATIONS
    )
    return RunOptions(today=today(), config=config, attestations=attestations)
