"""Unit tests for the Azure OpenAI checks: account shapes, links, filter inheritance, models."""

from __future__ import annotations

from typing import Any

import pytest

from srm_iac.config import DEFAULT_CONFIG, RunConfig
from srm_iac.model.enums import Target
from srm_iac.model.inventory import Resource
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
from srm_iac.rules.azure_openai.filters import INDIRECT_ATTACK, JAILBREAK, filter_state
from srm_iac.rules.check import CheckContext, CheckFunction
from tests.factories import inventory, resource

ACCOUNT_ID = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/"
    "Microsoft.CognitiveServices/accounts/oai-demo"
)


def run(
    check: CheckFunction, *resources: Resource, config: RunConfig = DEFAULT_CONFIG
) -> dict[str, tuple[str, str]]:
    """address -> (status, message) for one check over ``resources``."""
    context = CheckContext(inventory(*resources), config, {})
    return {
        (r.resource.address if r.resource else ""): (r.status.value, r.message)
        for r in check(context)
    }


def statuses(check: CheckFunction, *resources: Resource, **kwargs: Any) -> dict[str, str]:
    return {address: status for address, (status, _) in run(check, *resources, **kwargs).items()}


def account(name: str = "main", **attrs: Any) -> Resource:
    values: dict[str, Any] = {
        "kind": "OpenAI",
        "public_network_access_enabled": True,
        "local_auth_enabled": True,
        "outbound_network_access_restricted": False,
        "network_acls": [],
        "customer_managed_key": [],
    }
    values.update(attrs)
    unknown = values.pop("_unknown", {"id": True})
    refs = values.pop("_refs", None)
    return resource("azurerm_cognitive_account", name, unknown=unknown, refs=refs, **values)


def azapi_account(name: str = "foundry", **properties: Any) -> Resource:
    body = {"kind": "AIServices", "sku": {"name": "S0"}, "properties": properties}
    return resource(
        "azapi_resource",
        name,
        unknown={"id": True},
        type="Microsoft.CognitiveServices/accounts@2025-06-01",
        body=body,
    )


def rai_policy(name: str = "policy", base: str = "Microsoft.DefaultV2", **attrs: Any) -> Resource:
    filters = attrs.pop("filters", [])
    policy = resource(
        "azurerm_cognitive_account_rai_policy",
        name,
        base_policy_name=base,
        content_filter=filters,
        **attrs,
    )
    policy.values["name"] = name  # the factory's own ``name`` parameter is the address name
    return policy


def entry(
    name: str, source: str = "Prompt", enabled: bool = True, blocking: bool = True, **extra: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "source": source,
        "filter_enabled": enabled,
        "block_enabled": blocking,
        **extra,
    }


# --- account shapes -------------------------------------------------------------------------


def test_azapi_account_with_no_properties_gets_the_service_defaults() -> None:
    foundry = azapi_account()
    assert statuses(network.public_network_access_open, foundry) == {
        "azapi_resource.foundry": "FAIL"
    }
    assert statuses(auth.local_auth_enabled, foundry) == {"azapi_resource.foundry": "FAIL"}
    assert statuses(network.custom_subdomain_missing, foundry) == {"azapi_resource.foundry": "FAIL"}
    assert statuses(encryption.customer_managed_key_missing, foundry) == {
        "azapi_resource.foundry": "FAIL"
    }


def test_azapi_arm_switches_are_read_case_insensitively() -> None:
    foundry = azapi_account(
        publicNetworkAccess="disabled",
        disableLocalAuth=True,
        restrictOutboundNetworkAccess=True,
        allowedFqdnList=["a.example.com"],
        encryption={"keySource": "Microsoft.KeyVault"},
    )
    for check in (
        network.public_network_access_open,
        auth.local_auth_enabled,
        network.outbound_access_unrestricted,
        encryption.customer_managed_key_missing,
    ):
        assert statuses(check, foundry) == {"azapi_resource.foundry": "PASS"}, check


def test_azapi_resources_of_other_types_are_not_accounts() -> None:
    storage = resource(
        "azapi_resource",
        "storage",
        type="Microsoft.Storage/storageAccounts@2023-05-01",
        body={"kind": "StorageV2"},
    )
    assert statuses(auth.local_auth_enabled, storage) == {}


def test_ai_services_4x_shape_is_read() -> None:
    services = resource(
        "azurerm_ai_services",
        "hub",
        public_network_access="Disabled",
        local_authentication_enabled=False,
        custom_subdomain_name="ais-hub",
    )
    assert statuses(network.public_network_access_open, services) == {
        "azurerm_ai_services.hub": "PASS"
    }
    assert statuses(auth.local_auth_enabled, services) == {"azurerm_ai_services.hub": "PASS"}


def test_accounts_of_other_kinds_are_not_judged() -> None:
    language = account("language", kind="TextAnalytics")
    assert statuses(auth.local_auth_enabled, language) == {}


def test_public_access_unknown_until_apply_is_unknown_unless_acls_deny() -> None:
    pending = account(_unknown={"id": True, "public_network_access_enabled": True})
    del pending.values["public_network_access_enabled"]
    assert statuses(network.public_network_access_open, pending) == {
        "azurerm_cognitive_account.main": "UNKNOWN"
    }
    denied = account(
        "denied",
        _unknown={"id": True, "public_network_access_enabled": True},
        network_acls=[{"default_action": "Deny"}],
    )
    assert statuses(network.public_network_access_open, denied) == {
        "azurerm_cognitive_account.denied": "PASS"
    }


def test_failure_messages_say_when_the_default_applies() -> None:
    defaults = account(declared=frozenset({"kind", "name"}))
    explicit = account("explicit", declared=frozenset({"kind", "local_auth_enabled"}))
    found = run(auth.local_auth_enabled, defaults, explicit)
    assert "(the default)" in found["azurerm_cognitive_account.main"][1]
    assert "(the default)" not in found["azurerm_cognitive_account.explicit"][1]


# --- links ----------------------------------------------------------------------------------


def endpoint(name: str, target: str | None, refs: tuple[str, ...] = (), **attrs: Any) -> Resource:
    connection: dict[str, Any] = {"subresource_names": attrs.pop("subresources", ["account"])}
    unknown: dict[str, Any] = {"id": True}
    if target is None:
        unknown["private_service_connection"] = [{"private_connection_resource_id": True}]
    else:
        connection["private_connection_resource_id"] = target
    return resource(
        "azurerm_private_endpoint",
        name,
        unknown=unknown,
        refs={"private_service_connection.private_connection_resource_id": refs},
        private_service_connection=[connection],
    )


def test_private_endpoint_matches_a_known_account_id_case_insensitively() -> None:
    existing = account(id=ACCOUNT_ID, _unknown={})
    pe = endpoint("pe", ACCOUNT_ID.upper())
    assert statuses(network.private_endpoint_missing, existing, pe) == {
        "azurerm_cognitive_account.main": "PASS"
    }


def test_private_endpoint_with_an_unresolvable_target_is_unknown() -> None:
    pe = endpoint("pe", None)
    assert statuses(network.private_endpoint_missing, account(), pe) == {
        "azurerm_cognitive_account.main": "UNKNOWN"
    }


def test_private_endpoint_of_another_account_does_not_count() -> None:
    pe = endpoint("pe", None, refs=("azurerm_cognitive_account.other",))
    found = statuses(network.private_endpoint_missing, account(), account("other"), pe)
    assert found == {
        "azurerm_cognitive_account.main": "FAIL",
        "azurerm_cognitive_account.other": "PASS",
    }


def diagnostic(name: str, logs: Any, unknown: Any = None) -> Resource:
    return resource(
        "azurerm_monitor_diagnostic_setting",
        name,
        unknown={"id": True, "target_resource_id": True, **(unknown or {})},
        refs={"target_resource_id": ("azurerm_cognitive_account.main",)},
        enabled_log=logs,
    )


def test_log_categories_are_matched_case_insensitively() -> None:
    setting = diagnostic(
        "diag", [{"category": "audit", "category_group": None}, {"category": "requestresponse"}]
    )
    assert statuses(logging.diagnostic_logs_missing, account(), setting) == {
        "azurerm_cognitive_account.main": "PASS"
    }


def test_the_audit_group_does_not_cover_request_logs() -> None:
    setting = diagnostic("diag", [{"category_group": "audit"}])
    found = run(logging.diagnostic_logs_missing, account(), setting)
    assert found["azurerm_cognitive_account.main"][0] == "FAIL"
    assert "RequestResponse" in found["azurerm_cognitive_account.main"][1]


def test_log_categories_unknown_until_apply_are_unknown() -> None:
    setting = diagnostic("diag", None, unknown={"enabled_log": True})
    assert statuses(logging.diagnostic_logs_missing, account(), setting) == {
        "azurerm_cognitive_account.main": "UNKNOWN"
    }


def test_customer_managed_key_unknown_outside_the_plan_is_unknown() -> None:
    pending = account(
        customer_managed_key=[{}],
        _unknown={"id": True, "customer_managed_key": [{"key_vault_key_id": True}]},
        declared=frozenset({"customer_managed_key", "customer_managed_key.key_vault_key_id"}),
    )
    assert statuses(encryption.customer_managed_key_missing, pending) == {
        "azurerm_cognitive_account.main": "UNKNOWN"
    }


# --- content filter policies ----------------------------------------------------------------


def test_filter_names_and_sources_match_case_insensitively() -> None:
    policy = rai_policy(filters=[entry("JAILBREAK", "prompt"), entry("indirect attack")])
    assert filter_state(policy, JAILBREAK).status.value == "PASS"
    assert filter_state(policy, INDIRECT_ATTACK).status.value == "PASS"


def test_a_jailbreak_entry_on_completions_does_not_replace_the_prompt_filter() -> None:
    policy = rai_policy(base="Microsoft.Default", filters=[entry("Jailbreak", "Completion")])
    assert filter_state(policy, JAILBREAK).status.value == "FAIL"


def test_the_weakest_of_duplicate_entries_decides() -> None:
    policy = rai_policy(filters=[entry("Jailbreak"), entry("Jailbreak", blocking=False)])
    assert filter_state(policy, JAILBREAK).status.value == "FAIL"


@pytest.mark.parametrize(
    ("unknown", "filters"),
    [
        ({"content_filter": True}, None),
        ({"content_filter": [{"name": True}]}, [{"source": "Prompt"}]),
    ],
)
def test_filters_unknown_until_apply_are_unknown(unknown: Any, filters: Any) -> None:
    policy = resource(
        "azurerm_cognitive_account_rai_policy",
        "pending",
        unknown=unknown,
        base_policy_name="Microsoft.Default",
        content_filter=filters,
    )
    assert filter_state(policy, JAILBREAK).status.value == "UNKNOWN"


def test_prompt_side_harm_entries_do_not_weaken_completion_filtering() -> None:
    policy = rai_policy(filters=[entry("Hate", "Prompt", severity_threshold="High")])
    assert statuses(content_filters.harmful_output_filters_weak, policy) == {
        "azurerm_cognitive_account_rai_policy.policy": "PASS"
    }


def test_harm_categories_from_an_unknown_base_are_unknown() -> None:
    policy = rai_policy(base="contoso-baseline")
    assert statuses(content_filters.harmful_output_filters_weak, policy) == {
        "azurerm_cognitive_account_rai_policy.policy": "UNKNOWN"
    }


def deployment(name: str = "chat", **attrs: Any) -> Resource:
    values: dict[str, Any] = {
        "model": [{"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"}],
        "version_upgrade_option": "NoAutoUpgrade",
    }
    values.update(attrs)
    unknown = values.pop("_unknown", {"id": True})
    refs = values.pop("_refs", None)
    return resource("azurerm_cognitive_deployment", name, unknown=unknown, refs=refs, **values)


def test_a_policy_of_the_same_name_on_another_account_is_not_followed() -> None:
    policy = rai_policy(
        "strict",
        cognitive_account_id=ACCOUNT_ID,
        filters=[entry("Jailbreak", enabled=False)],
    )
    elsewhere = deployment(rai_policy_name="strict", cognitive_account_id=ACCOUNT_ID + "-other")
    same = deployment("same", rai_policy_name="STRICT", cognitive_account_id=ACCOUNT_ID.lower())
    assert statuses(
        content_filters.deployment_without_jailbreak_filter, policy, elsewhere, same
    ) == {
        "azurerm_cognitive_deployment.chat": "UNKNOWN",
        "azurerm_cognitive_deployment.same": "FAIL",
    }


# --- models ---------------------------------------------------------------------------------


def approved(*patterns: str) -> RunConfig:
    return RunConfig(approved_models={Target.AZURE_OPENAI: patterns})


def test_model_candidates_cover_name_version_and_format() -> None:
    assert models.model_candidates("OpenAI", "gpt-4o", "2024-11-20") == [
        "gpt-4o:2024-11-20",
        "OpenAI/gpt-4o:2024-11-20",
        "gpt-4o",
        "OpenAI/gpt-4o",
    ]
    assert models.model_candidates("OpenAI", "gpt-4o", None) == ["gpt-4o", "OpenAI/gpt-4o"]


def test_format_patterns_approve_a_publisher() -> None:
    openai = deployment()
    partner = deployment(
        "partner", model=[{"format": "Mistral AI", "name": "Mistral-Large-2411", "version": "2"}]
    )
    found = statuses(models.unapproved_model, openai, partner, config=approved("OpenAI/*"))
    assert found == {
        "azurerm_cognitive_deployment.chat": "PASS",
        "azurerm_cognitive_deployment.partner": "FAIL",
    }


def test_a_model_version_unknown_until_apply_needs_a_versionless_pattern() -> None:
    pending = deployment(
        model=[{"format": "OpenAI", "name": "gpt-4o"}], _unknown={"model": [{"version": True}]}
    )
    assert statuses(models.unapproved_model, pending, config=approved("gpt-4o:*")) == {
        "azurerm_cognitive_deployment.chat": "UNKNOWN"
    }
    assert statuses(models.unapproved_model, pending, config=approved("gpt-4o")) == {
        "azurerm_cognitive_deployment.chat": "PASS"
    }
    assert statuses(models.model_version_floating, pending) == {
        "azurerm_cognitive_deployment.chat": "UNKNOWN"
    }


def test_a_sensitive_model_name_is_never_printed() -> None:
    secret = deployment(
        model=[{"format": "OpenAI", "name": "internal-codename-x", "version": "1"}],
        sensitive={"model": [{"name": True}]},
    )
    found = run(models.unapproved_model, secret, config=approved("gpt-4o"))
    status, message = found["azurerm_cognitive_deployment.chat"]
    assert status == "UNKNOWN"
    assert "internal-codename-x" not in message


# --- singletons -----------------------------------------------------------------------------


def test_defender_plan_with_unknown_resource_type_is_unknown() -> None:
    plan = resource(
        "azurerm_security_center_subscription_pricing",
        "plan",
        unknown={"resource_type": True},
        tier="Standard",
    )
    assert statuses(defender.defender_for_ai_off, plan) == {
        "azurerm_security_center_subscription_pricing.plan": "UNKNOWN"
    }


def test_budget_notifications_unknown_until_apply_are_unknown() -> None:
    budget = resource(
        "azurerm_consumption_budget_subscription", "ai", unknown={"notification": True}
    )
    assert statuses(cost.budget_missing, budget) == {
        "azurerm_consumption_budget_subscription.ai": "UNKNOWN"
    }
