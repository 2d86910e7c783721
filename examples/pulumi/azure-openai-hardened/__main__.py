"""The Pulumi twin of examples/terraform/azure-openai-hardened/main.tf.

Azure OpenAI with the customer's half of the shared-responsibility model in code.
See README.md for what each block does and the findings srm-iac reports.

Same resources, logical names and settings; preview.json beside this file is what
`pulumi preview --json` shows for it (srm-iac check preview.json).
"""

import json

import pulumi
import pulumi_azure as azure


ai_resource_group = azure.core.ResourceGroup(
    "ai",
    location="swedencentral",
    name="rg-chat-ai",
    tags={
        "owner": pulumi.Output.secret("oncall-ai-7f3c@contoso.example"),
    },
)

openai_key_vault_key = azure.keyvault.Key(
    "openai",
    key_opts=["wrapKey", "unwrapKey"],
    key_size=3072,
    key_type="RSA",
    key_vault_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-platform-swc",
    name="cmk-oai-chat",
    rotation_policy={
        "automatic": {
            "time_before_expiry": "P60D",
        },
        "expire_after": "P1Y",
        "notify_before_expiry": "P30D",
    },
)

openai_cognitive_account = azure.cognitive.Account(
    "openai",
    custom_subdomain_name="oai-chat-prod",
    customer_managed_key={
        "identity_client_id": "11111111-2222-3333-4444-555555555555",
        "key_vault_key_id": openai_key_vault_key.id,
    },
    fqdns=["srch-chat-prod.search.windows.net"],
    identity={
        "identity_ids": [
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-oai-chat-prod"
        ],
        "type": "UserAssigned",
    },
    kind="OpenAI",
    local_auth_enabled=False,
    location=ai_resource_group.location,
    name="oai-chat-prod",
    network_acls={
        "bypass": "None",
        "default_action": "Deny",
    },
    outbound_network_access_restricted=True,
    public_network_access_enabled=False,
    resource_group_name=ai_resource_group.name,
    sku_name="S0",
)

strict = azure.cognitive.AccountRaiPolicy(
    "strict",
    base_policy_name="Microsoft.DefaultV2",
    cognitive_account_id=openai_cognitive_account.id,
    content_filters=[
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Jailbreak",
            "source": "Prompt",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Indirect Attack",
            "source": "Prompt",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Hate",
            "severity_threshold": "Medium",
            "source": "Prompt",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Hate",
            "severity_threshold": "Medium",
            "source": "Completion",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Sexual",
            "severity_threshold": "Medium",
            "source": "Prompt",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Sexual",
            "severity_threshold": "Medium",
            "source": "Completion",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Violence",
            "severity_threshold": "Medium",
            "source": "Prompt",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Violence",
            "severity_threshold": "Medium",
            "source": "Completion",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Selfharm",
            "severity_threshold": "Low",
            "source": "Prompt",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Selfharm",
            "severity_threshold": "Low",
            "source": "Completion",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Protected Material Text",
            "source": "Completion",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Protected Material Code",
            "source": "Completion",
        },
    ],
    mode="Default",
    name="chat-strict",
)

chat = azure.cognitive.Deployment(
    "chat",
    cognitive_account_id=openai_cognitive_account.id,
    model={
        "format": "OpenAI",
        "name": "gpt-4o",
        "version": "2024-11-20",
    },
    name="chat",
    rai_policy_name=strict.name,
    sku={
        "capacity": 30,
        "name": "DataZoneStandard",
    },
    version_upgrade_option="NoAutoUpgrade",
)

embeddings = azure.cognitive.Deployment(
    "embeddings",
    cognitive_account_id=openai_cognitive_account.id,
    model={
        "format": "OpenAI",
        "name": "text-embedding-3-large",
        "version": "1",
    },
    name="embeddings",
    rai_policy_name=strict.name,
    sku={
        "capacity": 50,
        "name": "Standard",
    },
    version_upgrade_option="NoAutoUpgrade",
)

ai_consumption_budget_resource_group = azure.consumption.BudgetResourceGroup(
    "ai",
    amount=3000,
    name="budget-chat-ai",
    notifications=[
        {
            "contact_emails": ["ai-platform@example.com"],
            "enabled": True,
            "operator": "GreaterThan",
            "threshold": 80,
            "threshold_type": "Forecasted",
        },
        {
            "contact_emails": ["ai-platform@example.com", "finops@example.com"],
            "enabled": True,
            "operator": "GreaterThanOrEqualTo",
            "threshold": 100,
            "threshold_type": "Actual",
        },
    ],
    resource_group_id=ai_resource_group.id,
    time_grain="Monthly",
    time_period={
        "start_date": "2026-12-01T00:00:00Z",
    },
)

openai_monitor_diagnostic_setting = azure.monitoring.DiagnosticSetting(
    "openai",
    enabled_logs=[
        {
            "category": "Audit",
        },
        {
            "category": "RequestResponse",
        },
    ],
    enabled_metrics=[
        {
            "category": "AllMetrics",
        }
    ],
    log_analytics_workspace_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-platform-swc",
    name="diag-oai-chat-prod",
    target_resource_id=openai_cognitive_account.id,
)

openai_private_endpoint = azure.privatelink.Endpoint(
    "openai",
    location=ai_resource_group.location,
    name="pe-oai-chat-prod",
    private_dns_zone_group={
        "name": "openai",
        "private_dns_zone_ids": [
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com"
        ],
    },
    private_service_connection={
        "is_manual_connection": False,
        "name": "psc-oai-chat-prod",
        "private_connection_resource_id": openai_cognitive_account.id,
        "subresource_names": ["account"],
    },
    resource_group_name=ai_resource_group.name,
    subnet_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke-ai/subnets/private-endpoints",
)

ai_security_center_subscription_pricing = azure.securitycenter.SubscriptionPricing(
    "ai",
    resource_type="AI",
    tier="Standard",
)
