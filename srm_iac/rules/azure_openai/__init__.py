"""Checks for Azure OpenAI (ids SRM-AZ-NNN); metadata in ``catalogs/checks/azure_openai.yaml``."""

from srm_iac.rules.check import Check

CHECKS: tuple[Check, ...] = ()
