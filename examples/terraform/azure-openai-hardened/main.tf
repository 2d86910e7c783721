# Azure OpenAI with the customer's half of the shared-responsibility model in code.
# See README.md for what each block does and the findings srm-iac reports.

terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "5.2.0" }
  }
}

provider "azurerm" {
  features {}
  subscription_id = "00000000-0000-0000-0000-000000000000"
}

locals {
  platform  = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups"
  pe_subnet = "${local.platform}/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke-ai/subnets/private-endpoints"
}

variable "owner_contact" {
  description = "On-call contact for the AI platform (kept out of logs)."
  type        = string
  sensitive   = true
  default     = "oncall-ai-7f3c@contoso.example"
}

resource "azurerm_resource_group" "ai" {
  name     = "rg-chat-ai"
  location = "swedencentral"
  tags = {
    owner = var.owner_contact
  }
}

# Customer-managed key in the platform Key Vault, used through a user-assigned identity.
resource "azurerm_key_vault_key" "openai" {
  name         = "cmk-oai-chat"
  key_vault_id = "${local.platform}/rg-keys/providers/Microsoft.KeyVault/vaults/kv-platform-swc"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    expire_after         = "P1Y"
    notify_before_expiry = "P30D"

    automatic {
      time_before_expiry = "P60D"
    }
  }
}

resource "azurerm_cognitive_account" "openai" {
  name                               = "oai-chat-prod"
  location                           = azurerm_resource_group.ai.location
  resource_group_name                = azurerm_resource_group.ai.name
  kind                               = "OpenAI"
  sku_name                           = "S0"
  custom_subdomain_name              = "oai-chat-prod"
  public_network_access_enabled      = false
  local_auth_enabled                 = false
  outbound_network_access_restricted = true
  fqdns                              = ["srch-chat-prod.search.windows.net"]

  network_acls {
    default_action = "Deny"
    bypass         = "None"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = ["${local.platform}/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-oai-chat-prod"]
  }

  customer_managed_key {
    key_vault_key_id   = azurerm_key_vault_key.openai.id
    identity_client_id = "11111111-2222-3333-4444-555555555555"
  }
}

# Reached only through a private endpoint in the spoke network.
resource "azurerm_private_endpoint" "openai" {
  name                = "pe-oai-chat-prod"
  location            = azurerm_resource_group.ai.location
  resource_group_name = azurerm_resource_group.ai.name
  subnet_id           = local.pe_subnet

  private_service_connection {
    name                           = "psc-oai-chat-prod"
    is_manual_connection           = false
    private_connection_resource_id = azurerm_cognitive_account.openai.id
    subresource_names              = ["account"]
  }

  private_dns_zone_group {
    name                 = "openai"
    private_dns_zone_ids = ["${local.platform}/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com"]
  }
}

# Audit and request logs to the platform Log Analytics workspace.
resource "azurerm_monitor_diagnostic_setting" "openai" {
  name                       = "diag-oai-chat-prod"
  target_resource_id         = azurerm_cognitive_account.openai.id
  log_analytics_workspace_id = "${local.platform}/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-platform-swc"

  enabled_log {
    category = "Audit"
  }

  enabled_log {
    category = "RequestResponse"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

# Content filters: Prompt Shields for user prompts and documents, harm categories blocked
# from Medium (Low for Selfharm) on prompts and completions.
resource "azurerm_cognitive_account_rai_policy" "strict" {
  name                 = "chat-strict"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  base_policy_name     = "Microsoft.DefaultV2"
  mode                 = "Default"

  content_filter {
    name           = "Jailbreak"
    filter_enabled = true
    block_enabled  = true
    source         = "Prompt"
  }

  content_filter {
    name           = "Indirect Attack"
    filter_enabled = true
    block_enabled  = true
    source         = "Prompt"
  }

  content_filter {
    name               = "Hate"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Prompt"
  }

  content_filter {
    name               = "Hate"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Completion"
  }

  content_filter {
    name               = "Sexual"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Prompt"
  }

  content_filter {
    name               = "Sexual"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Completion"
  }

  content_filter {
    name               = "Violence"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Prompt"
  }

  content_filter {
    name               = "Violence"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Medium"
    source             = "Completion"
  }

  content_filter {
    name               = "Selfharm"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Low"
    source             = "Prompt"
  }

  content_filter {
    name               = "Selfharm"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "Low"
    source             = "Completion"
  }

  content_filter {
    name           = "Protected Material Text"
    filter_enabled = true
    block_enabled  = true
    source         = "Completion"
  }

  content_filter {
    name           = "Protected Material Code"
    filter_enabled = true
    block_enabled  = true
    source         = "Completion"
  }
}

# Pinned model versions, no automatic upgrades, explicit policy and quota.
resource "azurerm_cognitive_deployment" "chat" {
  name                   = "chat"
  cognitive_account_id   = azurerm_cognitive_account.openai.id
  rai_policy_name        = azurerm_cognitive_account_rai_policy.strict.name
  version_upgrade_option = "NoAutoUpgrade"

  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-11-20"
  }

  sku {
    name     = "DataZoneStandard"
    capacity = 30
  }
}

resource "azurerm_cognitive_deployment" "embeddings" {
  name                   = "embeddings"
  cognitive_account_id   = azurerm_cognitive_account.openai.id
  rai_policy_name        = azurerm_cognitive_account_rai_policy.strict.name
  version_upgrade_option = "NoAutoUpgrade"

  model {
    format  = "OpenAI"
    name    = "text-embedding-3-large"
    version = "1"
  }

  sku {
    name     = "Standard"
    capacity = 50
  }
}

# Defender for Cloud threat protection for AI services in this subscription.
resource "azurerm_security_center_subscription_pricing" "ai" {
  tier          = "Standard"
  resource_type = "AI"
}

# Spend alerts for the resource group that holds the AI resources.
resource "azurerm_consumption_budget_resource_group" "ai" {
  name              = "budget-chat-ai"
  resource_group_id = azurerm_resource_group.ai.id
  amount            = 3000
  time_grain        = "Monthly"

  time_period {
    start_date = "2026-12-01T00:00:00Z"
  }

  notification {
    threshold      = 80
    operator       = "GreaterThan"
    threshold_type = "Forecasted"
    contact_emails = ["ai-platform@example.com"]
  }

  notification {
    threshold      = 100
    operator       = "GreaterThanOrEqualTo"
    contact_emails = ["ai-platform@example.com", "finops@example.com"]
  }
}
