"""Checks for Azure OpenAI (ids SRM-AZ-NNN); metadata in ``catalogs/checks/azure_openai.yaml``."""

from srm_iac.rules.azure_openai import (
    auth,
    content_filters,
    cost,
    defender,
    encryption,
    logging,
    models,
    network,
)
from srm_iac.rules.check import Check

CHECKS: tuple[Check, ...] = (
    Check("SRM-AZ-001", network.public_network_access_open),
    Check("SRM-AZ-002", network.private_endpoint_missing),
    Check("SRM-AZ-003", auth.local_auth_enabled),
    Check("SRM-AZ-004", logging.diagnostic_logs_missing),
    Check("SRM-AZ-005", encryption.customer_managed_key_missing),
    Check("SRM-AZ-006", network.outbound_access_unrestricted),
    Check("SRM-AZ-007", network.custom_subdomain_missing),
    Check("SRM-AZ-008", content_filters.deployment_without_jailbreak_filter),
    Check("SRM-AZ-009", models.model_version_floating),
    Check("SRM-AZ-010", models.unapproved_model),
    Check("SRM-AZ-011", content_filters.jailbreak_filter_off),
    Check("SRM-AZ-012", content_filters.indirect_attack_filter_off),
    Check("SRM-AZ-013", content_filters.harmful_output_filters_weak),
    Check("SRM-AZ-014", content_filters.asynchronous_filter_mode),
    Check("SRM-AZ-015", defender.defender_for_ai_off),
    Check("SRM-AZ-016", cost.budget_missing),
)
