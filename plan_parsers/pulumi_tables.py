"""The data behind ``plan_parsers.pulumi_types``: where Pulumi's names differ from Terraform's.

Bridged providers (``aws``, ``azure``, ``gcp``) follow a rule that ``pulumi_types`` applies
(``pkg:module/member:Type`` -> ``<tf provider>_<module>_<snake member>``, camelCase inputs ->
snake_case, repeated blocks pluralised, MaxItems=1 blocks as objects). The tables here hold
only what that rule gets wrong, plus the provider defaults a hand-written or pre-Check input
may leave out. Every entry was checked against the Terraform type names of the providers and
the type tokens of the Pulumi SDKs named in ``../shared/reference/evidence-map.md`` (pulumi-aws
7.51.1, pulumi-azure 6.40.1, pulumi-gcp 10.2.0, pulumi-azure-native 3.29.0).
"""

from __future__ import annotations

from typing import Any

BRIDGED_PROVIDERS: dict[str, str] = {
    "aws": "aws",
    "azure": "azurerm",
    "gcp": "google",
    "random": "random",
    "tls": "tls",
    "azuread": "azuread",
}
"""Pulumi package of a bridged provider -> its Terraform provider name (the type prefix)."""

MODULE_NAMES: dict[tuple[str, str], str] = {
    ("aws", "ec2"): "",
    ("aws", "bedrockmodel"): "bedrock_model",
    ("aws", "bedrockfoundation"): "bedrock_foundation",
    ("aws", "apigateway"): "api_gateway",
    ("aws", "apigatewayv2"): "apigatewayv2",
    ("azure", "core"): "",
    ("azure", "network"): "",
    ("azure", "compute"): "",
    ("azure", "authorization"): "",
    ("azure", "containerservice"): "",
    ("azure", "monitoring"): "monitor",
    ("azure", "keyvault"): "key_vault",
    ("azure", "machinelearning"): "machine_learning",
    ("azure", "securitycenter"): "security_center",
    ("azure", "apimanagement"): "api_management",
    ("azure", "operationalinsights"): "log_analytics",
    ("azure", "privatedns"): "private_dns",
    ("azure", "appinsights"): "application_insights",
    ("azure", "aifoundry"): "ai_foundry",
    ("gcp", "projects"): "project",
    ("gcp", "organizations"): "organization",
    ("gcp", "folder"): "folder",
    ("gcp", "serviceaccount"): "service_account",
    ("gcp", "accesscontextmanager"): "access_context_manager",
    ("gcp", "modelarmor"): "model_armor",
    ("gcp", "discoveryengine"): "discovery_engine",
    ("gcp", "orgpolicy"): "org_policy",
    ("gcp", "binaryauthorization"): "binary_authorization",
    ("gcp", "serviceusage"): "service_usage",
    ("gcp", "secretmanager"): "secret_manager",
    ("gcp", "artifactregistry"): "artifact_registry",
    ("gcp", "cloudrun"): "cloud_run",
    ("gcp", "cloudrunv2"): "cloud_run_v2",
}
"""(package, token module) -> the middle part of the Terraform type, where it is not the module
name itself ("" drops it: ``aws:ec2/vpcEndpoint`` -> ``aws_vpc_endpoint``)."""

MEMBER_PREFIXES: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("aws", "bedrock"): (("agentcore", "bedrockagentcore"), ("agent", "bedrockagent")),
    ("aws", "opensearch"): (("serverless", "opensearchserverless"),),
}
"""(package, module) -> (member prefix, Terraform middle part): ``aws:bedrock/agentAgent`` is
``aws_bedrockagent_agent``, ``aws:bedrock/agentcoreGateway`` is ``aws_bedrockagentcore_gateway``.
Checked in order, longest prefix first."""

TYPE_EXCEPTIONS: dict[str, str] = {
    "aws:cloudtrail/trail:Trail": "aws_cloudtrail",
    "aws:s3/bucketV2:BucketV2": "aws_s3_bucket",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": (
        "aws_s3_bucket_server_side_encryption_configuration"
    ),
    "aws:s3/bucketVersioningV2:BucketVersioningV2": "aws_s3_bucket_versioning",
    "aws:s3/bucketLoggingV2:BucketLoggingV2": "aws_s3_bucket_logging",
    "aws:s3/bucketPolicy:BucketPolicy": "aws_s3_bucket_policy",
    "azure:authorization/assignment:Assignment": "azurerm_role_assignment",
    "azure:cognitive/aIServices:AIServices": "azurerm_ai_services",
    "azure:privatelink/endpoint:Endpoint": "azurerm_private_endpoint",
    "azure:containerservice/registry:Registry": "azurerm_container_registry",
    "azure:aifoundry/hub:Hub": "azurerm_ai_foundry",
    "azure:aifoundry/project:Project": "azurerm_ai_foundry_project",
    "gcp:serviceaccount/account:Account": "google_service_account",
    "gcp:cloudquota/sQuotaPreference:SQuotaPreference": "google_cloud_quotas_quota_preference",
    "gcp:organizations/project:Project": "google_project",
}
"""Bridged tokens the rule maps wrongly -> their Terraform type."""

NATIVE_TYPES: dict[str, str] = {
    # aws-native (CloudFormation shape: camelCase of the CFN names, lists keep their names).
    "aws-native:bedrock:Guardrail": "aws_bedrock_guardrail",
    "aws-native:bedrock:Agent": "aws_bedrockagent_agent",
    "aws-native:bedrock:KnowledgeBase": "aws_bedrockagent_knowledge_base",
    "aws-native:bedrock:DataSource": "aws_bedrockagent_data_source",
    "aws-native:bedrock:ApplicationInferenceProfile": "aws_bedrock_inference_profile",
    "aws-native:ec2:VpcEndpoint": "aws_vpc_endpoint",
    "aws-native:iam:ManagedPolicy": "aws_iam_policy",
    "aws-native:lambda:Permission": "aws_lambda_permission",
    # kubernetes (Kubernetes API shape; lists of objects are singular blocks in Terraform).
    "kubernetes:apps/v1:Deployment": "kubernetes_deployment",
    "kubernetes:apps/v1:StatefulSet": "kubernetes_stateful_set",
    "kubernetes:core/v1:Service": "kubernetes_service",
}
"""Explicitly mapped non-bridged tokens whose shape the generic conversion handles."""

AZURE_NATIVE_TYPES: dict[str, str] = {
    "cognitiveservices:Account": "azurerm_cognitive_account",
    "cognitiveservices:Deployment": "azurerm_cognitive_deployment",
    "cognitiveservices:RaiPolicy": "azurerm_cognitive_account_rai_policy",
    "cognitiveservices:RaiBlocklist": "azurerm_cognitive_account_rai_blocklist",
    "network:PrivateEndpoint": "azurerm_private_endpoint",
    "monitor:DiagnosticSetting": "azurerm_monitor_diagnostic_setting",
    "insights:DiagnosticSetting": "azurerm_monitor_diagnostic_setting",
    "search:Service": "azurerm_search_service",
    "authorization:RoleAssignment": "azurerm_role_assignment",
    "machinelearningservices:Workspace": "azurerm_machine_learning_workspace",
}
"""azure-native ``module:Type`` (API version removed) -> Terraform type; each has an explicit
converter in ``pulumi_types`` because the ARM shape differs from azurerm's."""

KNOWN_MAPS: frozenset[str] = frozenset(
    {
        "tags",
        "tagsAll",
        "labels",
        "effectiveLabels",
        "terraformLabels",
        "pulumiLabels",
        "userLabels",
        "annotations",
        "variables",
        "environmentVariables",
        "envVariables",
        "dimensions",
        "matchLabels",
        "nodeSelector",
        "stringData",
        "data",
    }
)
"""Input names whose objects are maps (user-chosen keys, kept as they are), not blocks."""

PLURAL_NAMES: dict[str, str] = {
    # Repeated blocks: Pulumi's plural -> Terraform's singular block name. Listed because an
    # empty or unknown list cannot show that it holds blocks.
    "filtersConfigs": "filters_config",
    "tierConfigs": "tier_config",
    "piiEntitiesConfigs": "pii_entities_config",
    "regexesConfigs": "regexes_config",
    "topicsConfigs": "topics_config",
    "managedWordListsConfigs": "managed_word_lists_config",
    "wordsConfigs": "words_config",
    "guardrailConfigurations": "guardrail_configuration",
    "promptOverrideConfigurations": "prompt_override_configuration",
    "memoryConfigurations": "memory_configuration",
    "advancedEventSelectors": "advanced_event_selector",
    "fieldSelectors": "field_selector",
    "eventSelectors": "event_selector",
    "dataResources": "data_resource",
    "contentFilters": "content_filter",
    "enabledLogs": "enabled_log",
    "enabledMetrics": "enabled_metric",
    "auditLogConfigs": "audit_log_config",
    "costFilters": "cost_filter",
    "notifications": "notification",
    "subnetConfigurations": "subnet_configuration",
    "ipConfigurations": "ip_configuration",
    "guestAccelerators": "guest_accelerator",
    "networkInterfaces": "network_interface",
    "accessConfigs": "access_config",
    "containers": "container",
    "initContainers": "init_container",
    # Repeated blocks whose Terraform name is already plural.
    "thresholdRules": "threshold_rules",
    "ingressPolicies": "ingress_policies",
    "egressPolicies": "egress_policies",
    "raiFilters": "rai_filters",
    "promptConfigurations": "prompt_configurations",
    "virtualNetworkRules": "virtual_network_rules",
    "inclusionFilters": "inclusion_filters",
    "exclusionFilters": "exclusion_filters",
    # Lists of strings whose Terraform name is singular.
    "projectAllowlists": "project_allowlist",
}
"""Pulumi list names that the singularisation rule would get wrong or cannot decide."""

TYPE_ATTRIBUTE_NAMES: dict[str, dict[str, str]] = {}
"""Terraform type -> {dotted Pulumi path: Terraform attribute name} for renames that hold for
one type only (none needed yet; kept so an exception never leaks into other types)."""

DEFAULTS: dict[str, dict[str, Any]] = {
    "azurerm_cognitive_account": {
        "public_network_access_enabled": True,
        "local_auth_enabled": True,
        "outbound_network_access_restricted": False,
    },
    "azurerm_cognitive_deployment": {
        "version_upgrade_option": "OnceNewDefaultVersionAvailable",
        "sku.capacity": 1,
    },
    "azurerm_search_service": {
        "public_network_access_enabled": True,
        "local_authentication_enabled": True,
    },
    "azurerm_machine_learning_workspace": {"public_network_access_enabled": True},
    "azurerm_storage_account": {
        "public_network_access_enabled": True,
        "shared_access_key_enabled": True,
    },
    "aws_vpc_endpoint": {"vpc_endpoint_type": "Gateway"},
    "aws_cloudtrail": {
        "enable_logging": True,
        "is_multi_region_trail": False,
        "enable_log_file_validation": False,
    },
    "aws_ecr_repository": {"image_tag_mutability": "MUTABLE"},
}
"""Terraform type -> schema defaults the provider fills in (dotted paths through single
blocks). A real preview already shows them (provider Check fills ``__defaults``); inputs that
leave them out get them here, so every input kind is judged on the same values."""

COMPUTED_WHEN_OMITTED: dict[str, tuple[str, ...]] = {
    "azurerm_cognitive_deployment": ("rai_policy_name",),
    "aws_vpc_endpoint": ("private_dns_enabled", "policy"),
}
"""Terraform type -> Optional+Computed attributes: left out, the service picks the value at
apply, so a Terraform plan shows them unknown. Pulumi inputs just omit them; marking them
unknown keeps the verdicts of every input kind the same (never a pass on a guess)."""
