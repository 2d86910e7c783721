# A typical first Azure OpenAI deployment: everything left to the defaults.
# Deliberately insecure; see README.md for the findings srm-iac reports.

terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "5.2.0" }
  }
}

provider "azurerm" {
  features {}
  subscription_id = "00000000-0000-0000-0000-000000000000"
}

variable "search_admin_key" {
  description = "Admin key of the search service the Language account uses for question answering."
  type        = string
  sensitive   = true
  default     = "FAKE-search-admin-key-do-not-use-0000"
}

resource "azurerm_resource_group" "app" {
  name     = "rg-chat-app"
  location = "swedencentral"
}

# Public endpoint, API keys on, no custom subdomain, Microsoft-managed keys, open egress.
resource "azurerm_cognitive_account" "openai" {
  name                = "oai-chat-app"
  location            = azurerm_resource_group.app.location
  resource_group_name = azurerm_resource_group.app.name
  kind                = "OpenAI"
  sku_name            = "S0"
}

# A filter policy that was relaxed to stop "false positives".
resource "azurerm_cognitive_account_rai_policy" "relaxed" {
  name                 = "relaxed"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  base_policy_name     = "Microsoft.DefaultV2"
  mode                 = "Asynchronous_filter"

  content_filter {
    name           = "Jailbreak"
    filter_enabled = false
    block_enabled  = false
    source         = "Prompt"
  }

  content_filter {
    name               = "Hate"
    filter_enabled     = true
    block_enabled      = true
    severity_threshold = "High"
    source             = "Completion"
  }
}

# No model version, default upgrade option, no content filter policy.
resource "azurerm_cognitive_deployment" "chat" {
  name                 = "chat"
  cognitive_account_id = azurerm_cognitive_account.openai.id

  model {
    format = "OpenAI"
    name   = "gpt-4o"
  }

  sku {
    name     = "GlobalStandard"
    capacity = 150
  }
}

# Pinned version, but upgraded automatically and bound to the relaxed policy.
resource "azurerm_cognitive_deployment" "summarizer" {
  name                 = "summarizer"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  rai_policy_name      = azurerm_cognitive_account_rai_policy.relaxed.name

  model {
    format  = "OpenAI"
    name    = "gpt-4o-mini"
    version = "2024-07-18"
  }

  sku {
    name     = "GlobalStandard"
    capacity = 50
  }
}

# Azure AI Language for question answering, wired to search with an admin key.
resource "azurerm_cognitive_account" "language" {
  name                                         = "lang-chat-app"
  location                                     = azurerm_resource_group.app.location
  resource_group_name                          = azurerm_resource_group.app.name
  kind                                         = "TextAnalytics"
  sku_name                                     = "S"
  custom_question_answering_search_service_id  = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-chat-app/providers/Microsoft.Search/searchServices/srch-chat-app"
  custom_question_answering_search_service_key = var.search_admin_key
}
