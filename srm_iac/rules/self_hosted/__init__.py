"""Checks for self-hosted models (SRM-SH-NNN); metadata in ``catalogs/checks/self_hosted.yaml``."""

from srm_iac.rules.check import Check
from srm_iac.rules.self_hosted import (
    clusters,
    cost,
    endpoints,
    gce,
    instances,
    models,
    registries,
    secrets,
    serving,
    supply_chain,
    workspaces,
)

CHECKS: tuple[Check, ...] = (
    Check("SRM-SH-001", endpoints.endpoint_without_data_capture),
    Check("SRM-SH-002", endpoints.data_capture_incomplete),
    Check("SRM-SH-003", endpoints.endpoint_storage_without_cmk),
    Check("SRM-SH-004", models.model_without_network_isolation),
    Check("SRM-SH-005", models.model_outside_vpc),
    Check("SRM-SH-006", supply_chain.model_image_not_pinned),
    Check("SRM-SH-007", supply_chain.hub_weights_unpinned),
    Check("SRM-SH-008", secrets.credential_in_environment),
    Check("SRM-SH-009", workspaces.notebook_direct_internet),
    Check("SRM-SH-010", workspaces.notebook_root_access),
    Check("SRM-SH-011", workspaces.studio_domain_public_internet),
    Check("SRM-SH-012", registries.repository_tags_mutable),
    Check("SRM-SH-013", registries.repository_without_scan),
    Check("SRM-SH-014", instances.gpu_instance_public_ip),
    Check("SRM-SH-015", instances.gpu_instance_imdsv1),
    Check("SRM-SH-016", instances.gpu_instance_unencrypted_volume),
    Check("SRM-SH-017", clusters.eks_public_endpoint),
    Check("SRM-SH-018", clusters.eks_without_audit_logs),
    Check("SRM-SH-019", workspaces.azure_ml_workspace_public),
    Check("SRM-SH-020", gce.gcp_gpu_vm_external_ip),
    Check("SRM-SH-021", clusters.gke_public_control_plane),
    Check("SRM-SH-022", serving.unauthenticated_server_exposed),
    Check("SRM-SH-023", cost.budget_missing),
)
