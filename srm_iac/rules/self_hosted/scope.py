"""Which resources of a self-hosted plan the checks judge: models, GPU hosts, serving workloads.

The target detection (``srm_iac.rules.targets``) decides *whether* a plan hosts models; these
selectors decide *which* resources serve them, so that an unrelated EC2 instance or cluster in
the same plan is not judged by a model-serving check.
"""

from __future__ import annotations

from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext
from srm_iac.rules.targets import SERVING_WORKLOAD_TYPES, shows_target

SAGEMAKER_MODEL = "aws_sagemaker_model"
KMS_KEYS = ("aws_kms_key", "aws_kms_replica_key", "aws_kms_alias")
POD_CONTAINERS = ("spec", "template", "spec", "container")
"""Path of the containers in a Kubernetes workload's pod template."""
POD_CONTAINER_ATTRIBUTE = "spec.template.spec.container"


def model_containers(model: Resource) -> list[tuple[str, Node]]:
    """(attribute prefix, container) for the primary container and every extra container."""
    primary = [("primary_container", node) for node in model.each("primary_container")]
    return primary + [("container", node) for node in model.each("container")]


def gpu_instances(context: CheckContext) -> list[Resource]:
    """EC2 instances with a GPU or ML-accelerator instance type."""
    inventory = context.inventory
    return inventory.derived(
        "self_hosted.gpu_instances",
        lambda: [r for r in inventory.of_type("aws_instance") if shows_target(inventory, r)],
    )


def gpu_launch_templates(context: CheckContext) -> list[Resource]:
    """Launch templates with a GPU or ML-accelerator instance type."""
    inventory = context.inventory
    return inventory.derived(
        "self_hosted.gpu_launch_templates",
        lambda: [r for r in inventory.of_type("aws_launch_template") if shows_target(inventory, r)],
    )


def gpu_node_groups(context: CheckContext) -> list[Resource]:
    """EKS node groups with GPU instance or AMI types, directly or through a launch template."""
    return context.inventory.derived("self_hosted.gpu_node_groups", lambda: _gpu_groups(context))


def _gpu_groups(context: CheckContext) -> list[Resource]:
    templates = gpu_launch_templates(context)
    found = []
    for group in context.inventory.of_type("aws_eks_node_group"):
        linked = context.inventory.referenced(
            group, "launch_template.id", "aws_launch_template"
        ) + context.inventory.referenced(group, "launch_template.name", "aws_launch_template")
        if shows_target(context.inventory, group) or any(t in templates for t in linked):
            found.append(group)
    return found


def gpu_node_pools(context: CheckContext) -> list[Resource]:
    """GKE node pools with accelerators or accelerator machine types."""
    inventory = context.inventory
    return inventory.derived(
        "self_hosted.gpu_node_pools",
        lambda: [
            r for r in inventory.of_type("google_container_node_pool") if shows_target(inventory, r)
        ],
    )


def serving_workloads(context: CheckContext) -> list[Resource]:
    """Kubernetes deployments and stateful sets that run an inference-server image."""
    inventory = context.inventory
    return inventory.derived(
        "self_hosted.serving_workloads",
        lambda: [
            r for r in inventory.of_type(*SERVING_WORKLOAD_TYPES) if shows_target(inventory, r)
        ],
    )


def unique(resources: list[Resource]) -> list[Resource]:
    """``resources`` without repeats, in first-seen order."""
    seen: list[Resource] = []
    for resource in resources:
        if resource not in seen:
            seen.append(resource)
    return seen
