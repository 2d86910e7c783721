"""The Pulumi -> Terraform mapping: tokens, names, shapes, markers, azure-native, aws-native."""

from __future__ import annotations

import pytest

from plan_parsers.pulumi_resources import PulumiResource, build_inventory, source_location
from plan_parsers.pulumi_types import (
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN,
    UNKNOWN_STRING,
    Secret,
    SecretText,
    canonical_type,
    decode,
    encode,
    singular,
    snake,
    to_canonical,
)
from srm_iac.model.enums import InputKind
from srm_iac.model.inventory import Resource


@pytest.mark.parametrize(
    ("token", "tf_type"),
    [
        ("aws:bedrock/guardrail:Guardrail", "aws_bedrock_guardrail"),
        ("aws:bedrock/guardrailVersion:GuardrailVersion", "aws_bedrock_guardrail_version"),
        ("aws:bedrock/agentAgent:AgentAgent", "aws_bedrockagent_agent"),
        ("aws:bedrock/agentDataSource:AgentDataSource", "aws_bedrockagent_data_source"),
        ("aws:bedrock/agentcoreGateway:AgentcoreGateway", "aws_bedrockagentcore_gateway"),
        ("aws:bedrock/customModel:CustomModel", "aws_bedrock_custom_model"),
        (
            "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
            "aws_bedrock_model_invocation_logging_configuration",
        ),
        ("aws:ec2/vpcEndpoint:VpcEndpoint", "aws_vpc_endpoint"),
        ("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws_iam_role_policy_attachment"),
        ("aws:lambda/permission:Permission", "aws_lambda_permission"),
        ("aws:cloudtrail/trail:Trail", "aws_cloudtrail"),
        ("aws:budgets/budget:Budget", "aws_budgets_budget"),
        (
            "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy",
            "aws_opensearchserverless_security_policy",
        ),
        ("azure:cognitive/account:Account", "azurerm_cognitive_account"),
        ("azure:cognitive/deployment:Deployment", "azurerm_cognitive_deployment"),
        (
            "azure:cognitive/accountRaiPolicy:AccountRaiPolicy",
            "azurerm_cognitive_account_rai_policy",
        ),
        ("azure:privatelink/endpoint:Endpoint", "azurerm_private_endpoint"),
        (
            "azure:monitoring/diagnosticSetting:DiagnosticSetting",
            "azurerm_monitor_diagnostic_setting",
        ),
        ("azure:keyvault/key:Key", "azurerm_key_vault_key"),
        ("azure:core/resourceGroup:ResourceGroup", "azurerm_resource_group"),
        ("azure:network/subnet:Subnet", "azurerm_subnet"),
        ("gcp:vertex/aiEndpoint:AiEndpoint", "google_vertex_ai_endpoint"),
        ("gcp:projects/iAMAuditConfig:IAMAuditConfig", "google_project_iam_audit_config"),
        ("gcp:projects/service:Service", "google_project_service"),
        (
            "gcp:accesscontextmanager/servicePerimeter:ServicePerimeter",
            "google_access_context_manager_service_perimeter",
        ),
        ("gcp:modelarmor/template:Template", "google_model_armor_template"),
        ("gcp:kms/cryptoKey:CryptoKey", "google_kms_crypto_key"),
        ("gcp:serviceaccount/account:Account", "google_service_account"),
        ("random:index/randomString:RandomString", "random_string"),
        ("azure-native:cognitiveservices:Account", "azurerm_cognitive_account"),
        ("azure-native:cognitiveservices/v20250601:Account", "azurerm_cognitive_account"),
        ("azure-native:network:PrivateEndpoint", "azurerm_private_endpoint"),
        ("aws-native:bedrock:Guardrail", "aws_bedrock_guardrail"),
        ("kubernetes:apps/v1:Deployment", "kubernetes_deployment"),
    ],
)
def test_tokens_map_to_terraform_types(token: str, tf_type: str) -> None:
    assert canonical_type(token).type == tf_type


def test_unmapped_tokens_keep_their_token() -> None:
    mapping = canonical_type("azure-native:storage:StorageAccount")
    assert (mapping.type, mapping.mapped) == ("azure-native:storage:StorageAccount", False)


@pytest.mark.parametrize(
    ("camel", "expected"),
    [("kmsKeyArn", "kms_key_arn"), ("s3Config", "s3_config"), ("ipv6CidrBlock", "ipv6_cidr_block")],
)
def test_snake(camel: str, expected: str) -> None:
    assert snake(camel) == expected


@pytest.mark.parametrize(
    ("plural", "expected"),
    [
        ("filtersConfigs", "filtersConfig"),
        ("policies", "policy"),
        ("addresses", "address"),
        ("notifications", "notification"),
        ("status", "status"),
        ("prefixes", "prefix"),
    ],
)
def test_singular(plural: str, expected: str) -> None:
    assert singular(plural) == expected


def test_decode_markers_and_numbers() -> None:
    decoded = decode(
        {
            "a": UNKNOWN_STRING,
            "b": {SIG_KEY: SECRET_SIG, "value": "hunter22"},
            "c": "[secret]",
            "d": 3600.0,
            "e": 0.25,
            "f": SecretText("token-value"),
            "__defaults": ["a"],
            "__internal": 1,
        }
    )
    assert decoded["a"] is UNKNOWN
    assert decoded["b"] == Secret("hunter22")
    assert decoded["c"] == Secret(UNKNOWN)
    assert decoded["d"] == 3600 and isinstance(decoded["d"], int)
    assert decoded["e"] == 0.25
    assert decoded["f"] == Secret("token-value")
    assert decoded["__defaults"] == ["a"] and "__internal" not in decoded


def _resource(token: str, properties: dict[str, object]) -> Resource:
    urn = f"urn:pulumi:dev::chat::{token}::main"
    inventory = build_inventory(
        [PulumiResource(urn, token, properties)], InputKind.PULUMI_PREVIEW, "preview.json"
    )
    return inventory.resources[0]


def test_bridged_guardrail_shape() -> None:
    guardrail = _resource(
        "aws:bedrock/guardrail:Guardrail",
        {
            "__defaults": ["name"],
            "name": "g",
            "contentPolicyConfig": {
                "filtersConfigs": [{"type": "PROMPT_ATTACK", "inputStrength": "HIGH"}],
                "tierConfigs": [],
            },
            "sensitiveInformationPolicyConfig": {
                "piiEntitiesConfigs": [{"type": "EMAIL", "action": "BLOCK"}]
            },
            "tags": {"CostCenter": "ai", "team": "x"},
        },
    )
    assert guardrail.address == "aws_bedrock_guardrail.main"
    filters = guardrail.each("content_policy_config", "filters_config")
    assert [f.get("input_strength").string() for f in filters] == ["HIGH"]
    assert guardrail.values["content_policy_config"][0]["tier_config"] == []
    assert guardrail.at("sensitive_information_policy_config", "pii_entities_config", "action")
    assert guardrail.at("tags", "CostCenter").string() == "ai"
    assert guardrail.sets("content_policy_config.filters_config.type") is True
    assert guardrail.sets("name") is False  # filled in by the provider (__defaults)


def test_unknown_lists_keep_block_names() -> None:
    agent = _resource(
        "aws:bedrock/agentAgent:AgentAgent",
        {"agentName": "a", "guardrailConfigurations": "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2"},
    )
    assert agent.at("guardrail_configuration").is_unknown


def test_secrets_are_sensitive_and_collected() -> None:
    agent = _resource(
        "aws:bedrock/agentAgent:AgentAgent",
        {"instruction": {SIG_KEY: SECRET_SIG, "value": "use key sk-live-0123456789abcdef"}},
    )
    assert agent.at("instruction").is_sensitive
    assert agent.at("instruction").display() == "(sensitive)"
    redacted = _resource("aws:bedrock/agentAgent:AgentAgent", {"instruction": "[secret]"})
    assert redacted.at("instruction").is_unknown and redacted.at("instruction").is_sensitive


def test_secret_strings_reach_inventory_secrets() -> None:
    urn = "urn:pulumi:dev::chat::aws:bedrock/agentAgent:AgentAgent::a"
    inventory = build_inventory(
        [
            PulumiResource(
                urn,
                "aws:bedrock/agentAgent:AgentAgent",
                {"instruction": {SIG_KEY: SECRET_SIG, "value": "secret-instruction"}},
            )
        ],
        InputKind.PULUMI_CROSSGUARD,
        "stack",
    )
    assert inventory.secrets == {"secret-instruction"}


def test_missing_provider_defaults_are_filled() -> None:
    account = _resource("azure:cognitive/account:Account", {"kind": "OpenAI", "skuName": "S0"})
    assert account.at("public_network_access_enabled").boolean() is True
    assert account.at("local_auth_enabled").boolean() is True
    assert account.sets("public_network_access_enabled") is False


def test_optional_computed_attributes_are_unknown_when_omitted() -> None:
    deployment = _resource(
        "azure:cognitive/deployment:Deployment",
        {"model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"}},
    )
    assert deployment.at("rai_policy_name").is_unknown
    assert deployment.sets("rai_policy_name") is False
    assert deployment.at("model", "name").string() == "gpt-4o"


def test_azure_native_account_is_mapped_field_by_field() -> None:
    account = _resource(
        "azure-native:cognitiveservices/v20250601:Account",
        {
            "accountName": "chat",
            "kind": "OpenAI",
            "sku": {"name": "S0"},
            "properties": {
                "publicNetworkAccess": "Disabled",
                "disableLocalAuth": True,
                "customSubDomainName": "chat-example",
                "networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "203.0.113.7"}]},
                "encryption": {
                    "keySource": "Microsoft.KeyVault",
                    "keyVaultProperties": {
                        "keyVaultUri": "https://kv.vault.azure.net/",
                        "keyName": "cmk",
                        "keyVersion": UNKNOWN_STRING,
                    },
                },
            },
        },
    )
    assert account.type == "azurerm_cognitive_account"
    assert account.at("public_network_access_enabled").boolean() is False
    assert account.at("local_auth_enabled").boolean() is False
    assert account.at("custom_subdomain_name").string() == "chat-example"
    assert account.at("network_acls", "default_action").string() == "Deny"
    assert account.at("network_acls", "ip_rules").strings() == ["203.0.113.7"]
    assert account.at("customer_managed_key", "key_vault_key_id").is_unknown
    assert account.at("sku_name").string() == "S0"


def test_azure_native_defaults_match_azurerm() -> None:
    account = _resource(
        "azure-native:cognitiveservices:Account", {"kind": "OpenAI", "properties": {}}
    )
    assert account.at("public_network_access_enabled").boolean() is True
    assert account.at("local_auth_enabled").boolean() is True
    assert account.at("customer_managed_key").is_null


def test_azure_native_private_endpoint_and_diagnostics() -> None:
    endpoint = _resource(
        "azure-native:network:PrivateEndpoint",
        {
            "subnet": {"id": "/subnets/pe"},
            "privateLinkServiceConnections": [
                {"name": "c", "privateLinkServiceId": UNKNOWN_STRING, "groupIds": ["account"]}
            ],
        },
    )
    connection = endpoint.at("private_service_connection")
    assert connection.get("subresource_names").strings() == ["account"]
    assert connection.get("private_connection_resource_id").is_unknown
    assert connection.get("is_manual_connection").boolean() is False
    setting = _resource(
        "azure-native:monitor:DiagnosticSetting",
        {
            "resourceUri": UNKNOWN_STRING,
            "workspaceId": "/workspaces/w",
            "logs": [
                {"categoryGroup": "audit", "enabled": True},
                {"categoryGroup": "allLogs", "enabled": False},
            ],
        },
    )
    assert setting.at("target_resource_id").is_unknown
    assert [log.get("category_group").string() for log in setting.each("enabled_log")] == ["audit"]


def test_azure_native_rai_policy_and_deployment() -> None:
    policy = _resource(
        "azure-native:cognitiveservices:RaiPolicy",
        {
            "accountName": "chat",
            "properties": {
                "basePolicyName": "Microsoft.DefaultV2",
                "contentFilters": [
                    {"name": "Jailbreak", "enabled": True, "blocking": True, "source": "Prompt"}
                ],
            },
        },
    )
    entry = policy.each("content_filter")[0]
    assert entry.get("filter_enabled").boolean() is True
    assert entry.get("block_enabled").boolean() is True
    deployment = _resource(
        "azure-native:cognitiveservices:Deployment",
        {
            "accountName": "chat",
            "properties": {
                "model": {"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"},
                "raiPolicyName": "strict",
            },
            "sku": {"name": "Standard", "capacity": 10},
        },
    )
    assert deployment.at("rai_policy_name").string() == "strict"
    assert deployment.at("sku", "capacity").number() == 10
    assert deployment.at("cognitive_account_id").is_unknown


def test_azure_native_accounts_are_linked_by_name() -> None:
    account = PulumiResource(
        "urn:pulumi:dev::chat::azure-native:cognitiveservices:Account::acct",
        "azure-native:cognitiveservices:Account",
        {"accountName": "chat-prod", "kind": "OpenAI"},
    )
    deployment = PulumiResource(
        "urn:pulumi:dev::chat::azure-native:cognitiveservices:Deployment::gpt",
        "azure-native:cognitiveservices:Deployment",
        {"accountName": "chat-prod", "properties": {"model": {"name": "gpt-4o"}}},
    )
    inventory = build_inventory([account, deployment], InputKind.PULUMI_PREVIEW, "p")
    linked = inventory.get("azurerm_cognitive_deployment.gpt")
    assert linked is not None
    assert linked.references("cognitive_account_id") == ("azurerm_cognitive_account.acct",)


def test_aws_native_policy_documents_become_json_text() -> None:
    endpoint = _resource(
        "aws-native:ec2:VpcEndpoint",
        {
            "serviceName": "com.amazonaws.us-east-1.bedrock-runtime",
            "vpcEndpointType": "Interface",
            "privateDnsEnabled": True,
            "policyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
        },
    )
    assert endpoint.at("policy").string() == (
        '{"Statement": [{"Action": "*", "Effect": "Allow", "Resource": "*"}]}'
    )
    assert endpoint.sets("policy") is True
    agent = to_canonical(
        "aws-native:bedrock:Agent",
        decode({"guardrailConfiguration": {"guardrailIdentifier": "g", "guardrailVersion": "1"}}),
    )
    assert agent.tree["guardrail_configuration"] == [
        {"guardrail_identifier": "g", "guardrail_version": "1"}
    ]


def test_property_dependencies_become_refs() -> None:
    key = PulumiResource("urn:pulumi:dev::chat::aws:kms/key:Key::cmk", "aws:kms/key:Key", {})
    agent = PulumiResource(
        "urn:pulumi:dev::chat::aws:bedrock/agentAgent:AgentAgent::a",
        "aws:bedrock/agentAgent:AgentAgent",
        {"customerEncryptionKeyArn": UNKNOWN_STRING},
        property_dependencies={"customerEncryptionKeyArn": (key.urn,)},
        dependencies=(key.urn, "urn:pulumi:dev::chat::pulumi:providers:aws::default"),
    )
    inventory = build_inventory([key, agent], InputKind.PULUMI_PREVIEW, "p")
    resource = inventory.get("aws_bedrockagent_agent.a")
    assert resource is not None
    assert resource.references("customer_encryption_key_arn") == ("aws_kms_key.cmk",)
    assert inventory.metadata["urns"]["aws_bedrockagent_agent.a"] == agent.urn


def test_colliding_names_get_their_type_chain_as_key() -> None:
    plain = PulumiResource(
        "urn:pulumi:dev::chat::aws:bedrock/guardrail:Guardrail::g",
        "aws:bedrock/guardrail:Guardrail",
        {},
    )
    nested = PulumiResource(
        "urn:pulumi:dev::chat::my:app:Chat$aws:bedrock/guardrail:Guardrail::g",
        "aws:bedrock/guardrail:Guardrail",
        {},
    )
    component = PulumiResource(
        "urn:pulumi:dev::chat::my:app:Chat::g", "my:app:Chat", {}, custom=False
    )
    inventory = build_inventory([plain, nested, component], InputKind.PULUMI_PREVIEW, "p")
    assert [r.address for r in inventory.resources] == [
        'aws_bedrock_guardrail.g["aws:bedrock/guardrail:Guardrail"]',
        'aws_bedrock_guardrail.g["my:app:Chat$aws:bedrock/guardrail:Guardrail"]',
    ]
    assert {r.base_address for r in inventory.resources} == {"aws_bedrock_guardrail.g"}


def test_source_positions() -> None:
    location = source_location("project:///infra/__main__.py#12,5")
    assert location is not None and str(location) == "infra/__main__.py:12"
    assert source_location("") is None
    assert source_location("project:///x.py#0,1") is None


def test_encode_masks_follow_the_value_shape() -> None:
    encoded = encode({"a": [{"b": UNKNOWN, "c": Secret("s3cr3t")}], "d": 1})
    assert encoded.values == {"a": [{"b": None, "c": "s3cr3t"}], "d": 1}
    assert encoded.unknown == {"a": [{"b": True}]}
    assert encoded.sensitive == {"a": [{"c": True}]}
    assert encoded.secrets == {"s3cr3t"}
