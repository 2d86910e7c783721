"""Which of the four targets an inventory deploys, and which resources say so."""

from __future__ import annotations

import re
from collections.abc import Callable

from srm_iac.model.enums import Target
from srm_iac.model.inventory import Inventory, Resource
from srm_iac.rules.check import Detection
from srm_iac.rules.iam import mentions_service, parse_policy

MAX_EVIDENCE = 20

_TYPE_PREFIXES: dict[Target, tuple[str, ...]] = {
    Target.AWS_BEDROCK: ("aws_bedrock", "awscc_bedrock_"),
    Target.AZURE_OPENAI: (
        "azurerm_cognitive_deployment",
        "azurerm_cognitive_account_rai_",
        "azurerm_ai_foundry",
        "azurerm_ai_services",
    ),
    Target.GCP_VERTEX: ("google_vertex_ai_", "google_model_armor_", "google_discovery_engine_"),
    Target.SELF_HOSTED: (
        "aws_sagemaker_",
        "azurerm_machine_learning_",
        "google_workbench_instance",
    ),
}

AI_ACCOUNT_KINDS = frozenset({"openai", "aiservices"})
_BEDROCK_ENDPOINT = re.compile(r"\.bedrock(-runtime|-agent|-agent-runtime)?$")
_AWS_GPU = re.compile(r"^(p[2-9]|g[3-9]|inf[12]|trn[12]|dl[12])[a-z0-9]*\.")
_AZURE_GPU = re.compile(r"^Standard_N[CDVG]", re.IGNORECASE)
_GCP_GPU = re.compile(r"^(a2|a3|a4|g2|g4)-")
_SERVING_IMAGE = re.compile(r"vllm|text-generation-inference|tritonserver|ollama|llama\.cpp|tgi")
_IAM_POLICY_TYPES = ("aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy")


def detect_targets(inventory: Inventory) -> dict[Target, Detection]:
    """Detected targets in ``Target`` order, each with the addresses that show it."""
    found: dict[Target, list[str]] = {target: [] for target in Target}
    for type_ in sorted(inventory.types):
        resources = inventory.of_type(type_)
        for target, prefixes in _TYPE_PREFIXES.items():
            if type_.startswith(prefixes):
                found[target].extend(r.address for r in resources)
        detector = _VALUE_DETECTORS.get(type_)
        if detector is not None:
            target, test = detector
            found[target].extend(r.address for r in resources if test(r))
    return {
        target: Detection(target, tuple(sorted(set(addresses))))
        for target, addresses in found.items()
        if addresses
    }


def is_ai_account(resource: Resource) -> bool:
    """An ``azurerm_cognitive_account`` of kind OpenAI or AIServices."""
    kind = resource.at("kind").string()
    return kind is not None and kind.lower() in AI_ACCOUNT_KINDS


def _bedrock_endpoint(resource: Resource) -> bool:
    name = resource.at("service_name").string()
    return name is not None and bool(_BEDROCK_ENDPOINT.search(name))


def _bedrock_policy(resource: Resource) -> bool:
    statements = parse_policy(resource.at("policy").string())
    return bool(statements) and mentions_service(statements or [], "bedrock")


def _azapi_ai_account(resource: Resource) -> bool:
    type_ = resource.at("type").string() or ""
    kind = resource.at("body", "kind").string() or ""
    return type_.lower().startswith("microsoft.cognitiveservices/accounts@") and (
        kind.lower() in AI_ACCOUNT_KINDS
    )


def _aiplatform_service(resource: Resource) -> bool:
    return resource.at("service").string() == "aiplatform.googleapis.com"


def _aws_gpu(resource: Resource) -> bool:
    types = resource.at("instance_type").strings() + resource.at("instance_types").strings()
    return any(_AWS_GPU.match(t) for t in types)


def _azure_gpu(resource: Resource) -> bool:
    sizes = (
        resource.at("size").strings()
        + resource.at("vm_size").strings()
        + resource.at("default_node_pool", "vm_size").strings()
    )
    return any(_AZURE_GPU.match(size) for size in sizes)


def _gcp_gpu(resource: Resource) -> bool:
    accelerators = resource.each("guest_accelerator") + resource.each(
        "node_config", "guest_accelerator"
    )
    machine_types = (
        resource.at("machine_type").strings() + resource.at("node_config", "machine_type").strings()
    )
    return bool(accelerators) or any(_GCP_GPU.match(m) for m in machine_types)


def _serving_workload(resource: Resource) -> bool:
    containers = resource.each("spec", "template", "spec", "container")
    images = [c.get("image").string() or "" for c in containers]
    return any(_SERVING_IMAGE.search(image.lower()) for image in images)


_Detector = tuple[Target, Callable[[Resource], bool]]

_VALUE_DETECTORS: dict[str, _Detector] = {
    "azurerm_cognitive_account": (Target.AZURE_OPENAI, is_ai_account),
    "azapi_resource": (Target.AZURE_OPENAI, _azapi_ai_account),
    "aws_vpc_endpoint": (Target.AWS_BEDROCK, _bedrock_endpoint),
    "google_project_service": (Target.GCP_VERTEX, _aiplatform_service),
    "aws_instance": (Target.SELF_HOSTED, _aws_gpu),
    "aws_launch_template": (Target.SELF_HOSTED, _aws_gpu),
    "aws_eks_node_group": (Target.SELF_HOSTED, _aws_gpu),
    "azurerm_linux_virtual_machine": (Target.SELF_HOSTED, _azure_gpu),
    "azurerm_windows_virtual_machine": (Target.SELF_HOSTED, _azure_gpu),
    "azurerm_virtual_machine": (Target.SELF_HOSTED, _azure_gpu),
    "azurerm_kubernetes_cluster_node_pool": (Target.SELF_HOSTED, _azure_gpu),
    "azurerm_kubernetes_cluster": (Target.SELF_HOSTED, _azure_gpu),
    "google_compute_instance": (Target.SELF_HOSTED, _gcp_gpu),
    "google_container_node_pool": (Target.SELF_HOSTED, _gcp_gpu),
    "google_container_cluster": (Target.SELF_HOSTED, _gcp_gpu),
    "kubernetes_deployment": (Target.SELF_HOSTED, _serving_workload),
    "kubernetes_deployment_v1": (Target.SELF_HOSTED, _serving_workload),
    **dict.fromkeys(_IAM_POLICY_TYPES, (Target.AWS_BEDROCK, _bedrock_policy)),
}
