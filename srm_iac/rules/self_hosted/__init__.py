"""Checks for self-hosted models (SRM-SH-NNN); metadata in ``catalogs/checks/self_hosted.yaml``."""

from srm_iac.rules.check import Check

CHECKS: tuple[Check, ...] = ()
