"""The Pulumi twin of examples/terraform/azure-openai-insecure/main.tf.

A typical first Azure OpenAI deployment: everything left to the defaults.
Deliberately insecure; see README.md for the findings srm-iac reports.

Same resources, logical names and settings; preview.json beside this file is what
`pulumi preview --json` shows for it (srm-iac check preview.json).
"""

import json

import pulumi
import pulumi_azure as azure


app = azure.core.ResourceGroup(
    "app",
    location="swedencentral",
    name="rg-chat-app",
)

language = azure.cognitive.Account(
    "language",
    custom_question_answering_search_service_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-chat-app/providers/Microsoft.Search/searchServices/srch-chat-app",
    custom_question_answering_search_service_key=pulumi.Output.secret(
        "FAKE-search-admin-key-do-not-use-0000"
    ),
    kind="TextAnalytics",
    location=app.location,
    name="lang-chat-app",
    resource_group_name=app.name,
    sku_name="S",
)

openai = azure.cognitive.Account(
    "openai",
    kind="OpenAI",
    location=app.location,
    name="oai-chat-app",
    resource_group_name=app.name,
    sku_name="S0",
)

relaxed = azure.cognitive.AccountRaiPolicy(
    "relaxed",
    base_policy_name="Microsoft.DefaultV2",
    cognitive_account_id=openai.id,
    content_filters=[
        {
            "block_enabled": False,
            "filter_enabled": False,
            "name": "Jailbreak",
            "source": "Prompt",
        },
        {
            "block_enabled": True,
            "filter_enabled": True,
            "name": "Hate",
            "severity_threshold": "High",
            "source": "Completion",
        },
    ],
    mode="Asynchronous_filter",
    name="relaxed",
)

chat = azure.cognitive.Deployment(
    "chat",
    cognitive_account_id=openai.id,
    model={
        "format": "OpenAI",
        "name": "gpt-4o",
    },
    name="chat",
    sku={
        "capacity": 150,
        "name": "GlobalStandard",
    },
)

summarizer = azure.cognitive.Deployment(
    "summarizer",
    cognitive_account_id=openai.id,
    model={
        "format": "OpenAI",
        "name": "gpt-4o-mini",
        "version": "2024-07-18",
    },
    name="summarizer",
    rai_policy_name=relaxed.name,
    sku={
        "capacity": 50,
        "name": "GlobalStandard",
    },
)
