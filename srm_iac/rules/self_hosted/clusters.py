"""Kubernetes clusters that run models: EKS and GKE control-plane exposure and audit logs.

A cluster is judged when a GPU node group or pool of this plan belongs to it. When the plan
has GPU pools or inference-server workloads that cannot be tied to a cluster, every cluster of
the plan is judged; a plan whose clusters run no models has none to judge.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.self_hosted.scope import (
    gpu_node_groups,
    gpu_node_pools,
    serving_workloads,
    unique,
)
from srm_iac.rules.targets import is_gcp_gpu

OPEN_CIDRS = frozenset({"0.0.0.0/0", "::/0"})
PUBLIC_CIDRS = "vpc_config.public_access_cidrs"


def _linked_clusters(
    context: CheckContext, members: list[Resource], attribute: str, cluster_type: str
) -> list[Resource]:
    clusters = context.inventory.of_type(cluster_type)
    linked: list[Resource] = []
    for member in members:
        linked += context.inventory.referenced(member, attribute, cluster_type)
        name = member.at(attribute).string()
        linked += [c for c in clusters if name is not None and c.at("name").string() == name]
    return linked


def eks_serving_clusters(context: CheckContext) -> list[Resource]:
    """EKS clusters that run GPU node groups (see the module docstring)."""
    groups = gpu_node_groups(context)
    linked = unique(_linked_clusters(context, groups, "cluster_name", "aws_eks_cluster"))
    if linked or not (groups or serving_workloads(context)):
        return linked
    return context.inventory.of_type("aws_eks_cluster")


def gke_serving_clusters(context: CheckContext) -> list[Resource]:
    """GKE clusters with GPU pools, inline or separate (see the module docstring)."""
    pools = gpu_node_pools(context)
    inline = [c for c in context.inventory.of_type("google_container_cluster") if is_gcp_gpu(c)]
    linked = unique(
        inline + _linked_clusters(context, pools, "cluster", "google_container_cluster")
    )
    if linked or not (pools or serving_workloads(context)):
        return linked
    return context.inventory.of_type("google_container_cluster")


def eks_public_endpoint(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-017: EKS cluster running models whose API endpoint is open to the internet."""
    for cluster in eks_serving_clusters(context):
        yield _eks_endpoint(cluster)


def _eks_endpoint(cluster: Resource) -> Result:
    public = cluster.at("vpc_config", "endpoint_public_access")
    cidrs = cluster.at("vpc_config", "public_access_cidrs")
    if public.boolean() is False:
        return passed(cluster, "the API server endpoint is private only", "vpc_config")
    if public.is_unknown:
        return unknown(cluster, "endpoint_public_access is only known after apply", "vpc_config")
    if cidrs.is_unknown and cluster.sets(PUBLIC_CIDRS) is not False:
        return unknown(cluster, "public_access_cidrs is only known after apply", PUBLIC_CIDRS)
    if cidrs.is_unknown or not cidrs.strings() or OPEN_CIDRS & set(cidrs.strings()):
        return failed(
            cluster,
            "the public API endpoint accepts 0.0.0.0/0 (public_access_cidrs is open or not set): "
            "the control plane of the GPU nodes is reachable from any address",
            PUBLIC_CIDRS,
        )
    count = len(cidrs.strings())
    return passed(cluster, f"the public endpoint accepts only {count} CIDR range(s)", PUBLIC_CIDRS)


def eks_without_audit_logs(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-018: EKS cluster running models without Kubernetes audit logs."""
    attribute = "enabled_cluster_log_types"
    for cluster in eks_serving_clusters(context):
        types = cluster.at(attribute)
        if "audit" in types.strings():
            yield passed(cluster, "Kubernetes audit logs are sent to CloudWatch Logs", attribute)
        elif types.is_unknown:
            yield unknown(cluster, "enabled_cluster_log_types is only known after apply", attribute)
        else:
            yield failed(
                cluster,
                "enabled_cluster_log_types does not include audit: changes to the serving "
                "workloads, their secrets and RBAC are not recorded",
                attribute,
            )


def gke_public_control_plane(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-021: GKE cluster running models whose control plane accepts any address."""
    for cluster in gke_serving_clusters(context):
        yield _gke_endpoint(cluster)


def _gke_endpoint(cluster: Resource) -> Result:
    private = cluster.at("private_cluster_config", "enable_private_endpoint")
    networks = cluster.at("master_authorized_networks_config")
    attribute = "master_authorized_networks_config"
    if private.boolean() is True:
        return passed(
            cluster, "the control plane has a private endpoint only", "private_cluster_config"
        )
    pending = [
        name
        for name, node in (("private_cluster_config", private), (attribute, networks))
        if node.is_unknown and cluster.sets(name) is not False
    ]
    if pending:
        return unknown(cluster, f"{pending[0]} is only known after apply", pending[0])
    if networks.is_known and networks.value:
        cidrs = {block.get("cidr_block").string() for block in networks.each("cidr_blocks")}
        if cidrs & OPEN_CIDRS:
            return failed(cluster, "master_authorized_networks_config allows 0.0.0.0/0", attribute)
        return passed(cluster, "only authorized networks reach the public endpoint", attribute)
    return failed(
        cluster,
        "no master_authorized_networks_config and no private endpoint: the control plane of the "
        "GPU nodes accepts connections from any address",
        attribute,
    )
