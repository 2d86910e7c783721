"""What kind of AI asset each detected resource is.

Which resources are AI resources at all is decided once, by target detection
(``srm_iac.rules.targets.detected_resources``); this table only names the kind of each one.
A detected resource whose type is not listed here is ``supporting``: configuration around an
asset (logging, IAM, network, versions and aliases) rather than an asset of its own. Patterns
are ``fnmatch`` globs over the Terraform type, tried in order; the first match wins, so
specific types come before the globs that would also match them.
"""

from __future__ import annotations

import fnmatch
from enum import StrEnum


class AssetKind(StrEnum):
    """The kind of an AI asset."""

    ACCOUNT = "account"
    MODEL = "model"
    ENDPOINT = "endpoint"
    AGENT = "agent"
    KNOWLEDGE_BASE = "knowledge_base"
    GUARDRAIL = "guardrail"
    DATASET = "dataset"
    COMPUTE = "compute"
    SUPPORTING = "supporting"

    @property
    def is_asset(self) -> bool:
        """False for supporting configuration, which is listed only on request."""
        return self is not AssetKind.SUPPORTING


_K = AssetKind

ASSET_KINDS: tuple[tuple[str, AssetKind], ...] = (
    # AWS Bedrock
    ("aws_bedrock_guardrail", _K.GUARDRAIL),
    ("aws_bedrock_custom_model", _K.MODEL),
    ("aws_bedrock_foundation_model_agreement", _K.MODEL),
    ("aws_bedrock_provisioned_model_throughput", _K.ENDPOINT),
    ("aws_bedrock_inference_profile", _K.ENDPOINT),
    ("aws_bedrock_custom_model_deployment", _K.ENDPOINT),
    ("aws_bedrock_model_invocation_logging_configuration", _K.SUPPORTING),
    ("aws_bedrock_guardrail_version", _K.SUPPORTING),
    ("aws_bedrockagent_agent", _K.AGENT),
    ("aws_bedrockagent_flow", _K.AGENT),
    ("aws_bedrockagent_knowledge_base", _K.KNOWLEDGE_BASE),
    ("aws_bedrockagent_data_source", _K.DATASET),
    ("aws_bedrockagentcore_agent_runtime", _K.AGENT),
    ("aws_bedrockagentcore_agent_runtime_endpoint", _K.ENDPOINT),
    ("aws_bedrockagentcore_gateway", _K.AGENT),
    ("aws_bedrockagentcore_browser", _K.AGENT),
    ("aws_bedrockagentcore_code_interpreter", _K.AGENT),
    ("awscc_bedrock_agent", _K.AGENT),
    ("awscc_bedrock_flow", _K.AGENT),
    ("awscc_bedrock_knowledge_base", _K.KNOWLEDGE_BASE),
    ("awscc_bedrock_data_source", _K.DATASET),
    ("awscc_bedrock_guardrail", _K.GUARDRAIL),
    ("awscc_bedrock_application_inference_profile", _K.ENDPOINT),
    # Azure OpenAI and AI Foundry
    ("azurerm_cognitive_account", _K.ACCOUNT),
    ("azapi_resource", _K.ACCOUNT),
    ("azurerm_ai_services", _K.ACCOUNT),
    ("azurerm_ai_foundry", _K.ACCOUNT),
    ("azurerm_ai_foundry_project", _K.ACCOUNT),
    ("azurerm_cognitive_deployment", _K.ENDPOINT),
    ("azurerm_cognitive_account_rai_policy", _K.GUARDRAIL),
    ("azurerm_cognitive_account_rai_blocklist", _K.GUARDRAIL),
    # GCP Vertex AI
    ("google_vertex_ai_endpoint", _K.ENDPOINT),
    ("google_vertex_ai_endpoint_with_model_garden_deployment", _K.ENDPOINT),
    ("google_vertex_ai_index_endpoint", _K.ENDPOINT),
    ("google_vertex_ai_model_garden_enable_model", _K.MODEL),
    ("google_vertex_ai_index", _K.KNOWLEDGE_BASE),
    ("google_vertex_ai_rag_corpus", _K.KNOWLEDGE_BASE),
    ("google_vertex_ai_reasoning_engine", _K.AGENT),
    ("google_vertex_ai_dataset", _K.DATASET),
    ("google_vertex_ai_featurestore", _K.DATASET),
    ("google_vertex_ai_feature_online_store", _K.DATASET),
    ("google_vertex_ai_feature_group", _K.DATASET),
    ("google_vertex_ai_deployment_resource_pool", _K.COMPUTE),
    ("google_model_armor_template", _K.GUARDRAIL),
    ("google_model_armor_floorsetting", _K.GUARDRAIL),
    ("google_discovery_engine_data_store", _K.KNOWLEDGE_BASE),
    ("google_discovery_engine_search_engine", _K.KNOWLEDGE_BASE),
    ("google_discovery_engine_chat_engine", _K.AGENT),
    ("google_discovery_engine_target_site", _K.DATASET),
    # Self-hosted models: managed ML platforms, GPU compute, inference servers
    ("aws_sagemaker_model", _K.MODEL),
    ("aws_sagemaker_model_package_group", _K.MODEL),
    ("aws_sagemaker_endpoint", _K.ENDPOINT),
    ("aws_sagemaker_notebook_instance", _K.COMPUTE),
    ("aws_sagemaker_domain", _K.ACCOUNT),
    ("azurerm_machine_learning_workspace", _K.ACCOUNT),
    ("azurerm_machine_learning_compute_*", _K.COMPUTE),
    ("azurerm_machine_learning_inference_cluster", _K.COMPUTE),
    ("azurerm_machine_learning_datastore_*", _K.DATASET),
    ("google_workbench_instance", _K.COMPUTE),
    ("google_tpu_*", _K.COMPUTE),
    ("aws_instance", _K.COMPUTE),
    ("aws_launch_template", _K.COMPUTE),
    ("aws_eks_node_group", _K.COMPUTE),
    ("azurerm_*virtual_machine", _K.COMPUTE),
    ("azurerm_*virtual_machine_scale_set", _K.COMPUTE),
    ("azurerm_kubernetes_cluster", _K.COMPUTE),
    ("azurerm_kubernetes_cluster_node_pool", _K.COMPUTE),
    ("google_compute_instance", _K.COMPUTE),
    ("google_container_cluster", _K.COMPUTE),
    ("google_container_node_pool", _K.COMPUTE),
    ("kubernetes_deployment*", _K.ENDPOINT),
    ("kubernetes_stateful_set*", _K.ENDPOINT),
    # Detected, but configuration around the assets above
    ("aws_sagemaker_endpoint_configuration", _K.SUPPORTING),
    ("google_vertex_ai_*_iam_*", _K.SUPPORTING),
    ("google_vertex_ai_metadata_store", _K.SUPPORTING),
    ("google_vertex_ai_tensorboard", _K.SUPPORTING),
    ("aws_iam_*", _K.SUPPORTING),
    ("aws_vpc_endpoint", _K.SUPPORTING),
    ("google_project_service", _K.SUPPORTING),
    ("google_project_iam_*", _K.SUPPORTING),
)
"""(type pattern, kind), first match wins; unlisted detected types are supporting."""


def listed_kind(resource_type: str) -> AssetKind | None:
    """The kind the table gives ``resource_type``, or None when it is not listed."""
    for pattern, kind in ASSET_KINDS:
        if fnmatch.fnmatchcase(resource_type, pattern):
            return kind
    return None


def asset_kind(resource_type: str) -> AssetKind:
    """The kind of a detected resource of ``resource_type`` (``supporting`` when unlisted)."""
    return listed_kind(resource_type) or AssetKind.SUPPORTING
