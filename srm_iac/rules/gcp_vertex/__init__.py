"""Checks for GCP Vertex AI (ids SRM-GCP-NNN); metadata in ``catalogs/checks/gcp_vertex.yaml``."""

from srm_iac.rules.check import Check

CHECKS: tuple[Check, ...] = ()
