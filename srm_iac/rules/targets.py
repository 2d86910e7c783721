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
        "google_tpu_",
    ),
}

AI_ACCOUNT_KINDS = frozenset({"openai", "aiservices"})
_BEDROCK_ENDPOINT = re.compile(r"\.bedrock(-runtime|-agent|-agent-runtime)?$")
_AWS_GPU = re.compile(r"^(p[2-9]|g[3-9]|gr[6-9]|inf[1-9]|trn[1-9]|dl[1-9])[a-z0-9-]*\.")
_AWS_GPU_AMI = re.compile(r"GPU|NVIDIA|NEURON")
_AZURE_GPU = re.compile(r"^Standard_N[CDVG]", re.IGNORECASE)
_GCP_GPU = re.compile(r"^(a2|a3|a4|g2|g4|ct[3-9][a-z]*)-")
_SERVING_IMAGE = re.compile(
    r"vllm|text-generation-inference|tritonserver|ollama|llama\.cpp|tgi|sglang|lmdeploy"
    r"|tensorrt-llm|localai"
)
_IAM_POLICY_TYPES = ("aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy")
SERVING_WORKLOAD_TYPES = (
    "kubernetes_deployment",
    "kubernetes_deployment_v1",
    "kubernetes_stateful_set",
    "kubernetes_stateful_set_v1",
)
"""Kubernetes workload types whose pod template can run an inference server."""


def detect_targets(inventory: Inventory) -> dict[Target, Detection]:
    """Detected targets in ``Target`` order, each with the addresses that show it."""
    return {
        target: Detection(target, tuple(sorted({r.address for r in resources})))
        for target, resources in detected_resources(inventory).items()
    }


def detected_resources(inventory: Inventory) -> dict[Target, list[Resource]]:
    """The managed resources that show each detected target, in ``Target`` order.

    The single definition of "an AI resource": target detection, the checks that judge only
    model-serving hosts and the AI asset inventory (``srm_iac.assets``) all read it, once per
    inventory. A resource appears once per target.
    """
    return inventory.derived("targets.detected_resources", lambda: _detect(inventory))


def shows_target(inventory: Inventory, resource: Resource) -> bool:
    """True when ``resource`` is one of the resources that show a target (GPU host ...)."""
    addresses = inventory.derived(
        "targets.detected_addresses",
        lambda: frozenset(
            r.address for found in detected_resources(inventory).values() for r in found
        ),
    )
    return resource.address in addresses


def _detect(inventory: Inventory) -> dict[Target, list[Resource]]:
    found: dict[Target, dict[str, Resource]] = {target: {} for target in Target}
    for type_ in sorted(inventory.types):
        resources = inventory.of_type(type_)
        for target, prefixes in _TYPE_PREFIXES.items():
            if type_.startswith(prefixes):
                found[target].update((r.address, r) for r in resources)
        detector = _VALUE_DETECTORS.get(type_)
        if detector is not None:
            target, test = detector
            found[target].update((r.address, r) for r in resources if test(r))
    return {target: list(by_address.values()) for target, by_address in found.items() if by_address}


def may_show_target(type_: str) -> bool:
    """True when resources of ``type_`` can show a target (by type, or by their values)."""
    prefixes = tuple(p for group in _TYPE_PREFIXES.values() for p in group)
    return type_.startswith(prefixes) or type_ in _VALUE_DETECTORS


def is_ai_account(resource: Resource) -> bool:
    """An ``azurerm_cognitive_account`` of kind OpenAI or AIServices."""
    kind = resource.peek().get("kind").string()
    return kind is not None and kind.lower() in AI_ACCOUNT_KINDS


def _bedrock_endpoint(resource: Resource) -> bool:
    name = resource.peek().get("service_name").string()
    return name is not None and bool(_BEDROCK_ENDPOINT.search(name))


def _bedrock_policy(resource: Resource) -> bool:
    statements = parse_policy(resource.peek().get("policy").string())
    return bool(statements) and mentions_service(statements or [], "bedrock")


def _azapi_ai_account(resource: Resource) -> bool:
    node = resource.peek()
    type_ = node.get("type").string() or ""
    kind = node.get("body", "kind").string() or ""
    return type_.lower().startswith("microsoft.cognitiveservices/accounts@") and (
        kind.lower() in AI_ACCOUNT_KINDS
    )


def _aiplatform_service(resource: Resource) -> bool:
    return resource.peek().get("service").string() == "aiplatform.googleapis.com"


def _aiplatform_role(resource: Resource) -> bool:
    """A project-level grant of a Vertex AI role (apps that only call Gemini show this)."""
    return (resource.peek().get("role").string() or "").startswith("roles/aiplatform.")


def is_aws_gpu(resource: Resource) -> bool:
    """An EC2 instance, launch template or EKS node group with GPU or ML-accelerator types."""
    node = resource.peek()
    types = node.get("instance_type").strings() + node.get("instance_types").strings()
    ami_type = node.get("ami_type").string() or ""
    return any(_AWS_GPU.match(t) for t in types) or bool(_AWS_GPU_AMI.search(ami_type))


def is_azure_gpu(resource: Resource) -> bool:
    """An Azure VM, scale set or AKS pool with an N-series (GPU) size."""
    node = resource.peek()
    sizes = (
        node.get("size").strings()
        + node.get("vm_size").strings()
        + node.get("sku").strings()
        + node.get("sku_name").strings()
        + node.get("default_node_pool", "vm_size").strings()
    )
    return any(_AZURE_GPU.match(size) for size in sizes)


def is_gcp_gpu(resource: Resource) -> bool:
    """A GCE instance, GKE cluster or node pool with accelerators or accelerator machine types."""
    node = resource.peek()
    node_configs = [node, node.get("node_config")] + [
        pool.get("node_config") for pool in node.each("node_pool")
    ]
    for config in node_configs:
        machine_type = config.get("machine_type").string() or ""
        if config.each("guest_accelerator") or _GCP_GPU.match(machine_type):
            return True
    return False


def is_serving_image(image: str) -> bool:
    """The container image is a known LLM inference server (vLLM, TGI, Triton, Ollama ...)."""
    return bool(_SERVING_IMAGE.search(image.lower()))


def is_serving_workload(resource: Resource) -> bool:
    """A Kubernetes workload whose pod template runs an inference-server image."""
    containers = resource.peek().each("spec", "template", "spec", "container")
    return any(is_serving_image(c.get("image").string() or "") for c in containers)


_Detector = tuple[Target, Callable[[Resource], bool]]

_VALUE_DETECTORS: dict[str, _Detector] = {
    "azurerm_cognitive_account": (Target.AZURE_OPENAI, is_ai_account),
    "azapi_resource": (Target.AZURE_OPENAI, _azapi_ai_account),
    "aws_vpc_endpoint": (Target.AWS_BEDROCK, _bedrock_endpoint),
    "google_project_service": (Target.GCP_VERTEX, _aiplatform_service),
    "google_project_iam_member": (Target.GCP_VERTEX, _aiplatform_role),
    "google_project_iam_binding": (Target.GCP_VERTEX, _aiplatform_role),
    "aws_instance": (Target.SELF_HOSTED, is_aws_gpu),
    "aws_launch_template": (Target.SELF_HOSTED, is_aws_gpu),
    "aws_eks_node_group": (Target.SELF_HOSTED, is_aws_gpu),
    "azurerm_linux_virtual_machine": (Target.SELF_HOSTED, is_azure_gpu),
    "azurerm_windows_virtual_machine": (Target.SELF_HOSTED, is_azure_gpu),
    "azurerm_virtual_machine": (Target.SELF_HOSTED, is_azure_gpu),
    "azurerm_linux_virtual_machine_scale_set": (Target.SELF_HOSTED, is_azure_gpu),
    "azurerm_windows_virtual_machine_scale_set": (Target.SELF_HOSTED, is_azure_gpu),
    "azurerm_orchestrated_virtual_machine_scale_set": (Target.SELF_HOSTED, is_azure_gpu),
    "azurerm_kubernetes_cluster_node_pool": (Target.SELF_HOSTED, is_azure_gpu),
    "azurerm_kubernetes_cluster": (Target.SELF_HOSTED, is_azure_gpu),
    "google_compute_instance": (Target.SELF_HOSTED, is_gcp_gpu),
    "google_container_node_pool": (Target.SELF_HOSTED, is_gcp_gpu),
    "google_container_cluster": (Target.SELF_HOSTED, is_gcp_gpu),
    **dict.fromkeys(SERVING_WORKLOAD_TYPES, (Target.SELF_HOSTED, is_serving_workload)),
    **dict.fromkeys(_IAM_POLICY_TYPES, (Target.AWS_BEDROCK, _bedrock_policy)),
}
