"""Checks for GCP Vertex AI (ids SRM-GCP-NNN); metadata in ``catalogs/checks/gcp_vertex.yaml``."""

from srm_iac.rules.check import Check
from srm_iac.rules.gcp_vertex import (
    agents,
    armor_filters,
    encryption,
    iam,
    logging,
    model_armor,
    models,
    network,
    perimeter,
    rag,
)

CHECKS: tuple[Check, ...] = (
    Check("SRM-GCP-001", perimeter.perimeter_missing),
    Check("SRM-GCP-002", network.endpoint_public),
    Check("SRM-GCP-003", network.index_endpoint_public),
    Check("SRM-GCP-004", iam.public_access),
    Check("SRM-GCP-005", logging.data_access_logs_missing),
    Check("SRM-GCP-006", logging.request_logging_missing),
    Check("SRM-GCP-007", encryption.training_data_without_cmek),
    Check("SRM-GCP-008", encryption.retrieval_data_without_cmek),
    Check("SRM-GCP-009", encryption.agent_engine_without_cmek),
    Check("SRM-GCP-010", model_armor.screening_missing),
    Check("SRM-GCP-011", armor_filters.prompt_injection_filter_weak),
    Check("SRM-GCP-012", model_armor.template_inspect_only),
    Check("SRM-GCP-013", model_armor.floor_setting_not_enforced),
    Check("SRM-GCP-014", armor_filters.harmful_content_filters_weak),
    Check("SRM-GCP-015", armor_filters.sensitive_data_filter_missing),
    Check("SRM-GCP-016", models.unapproved_model),
    Check("SRM-GCP-017", models.unpinned_model),
    Check("SRM-GCP-018", models.container_not_pinned),
    Check("SRM-GCP-019", models.hugging_face_token_in_state),
    Check("SRM-GCP-020", rag.vector_db_key_in_state),
    Check("SRM-GCP-021", agents.default_identity),
)
