"""The Pulumi twin of examples/terraform/vertex-ai-hardened/main.tf.


Same resources, logical names and settings; preview.json beside this file is what
`pulumi preview --json` shows for it (srm-iac check preview.json).
"""

import json

import pulumi
import pulumi_gcp as gcp


vertex_access_context_manager_service_perimeter = gcp.accesscontextmanager.ServicePerimeter(
    "vertex",
    name="accessPolicies/123456789/servicePerimeters/vertex",
    parent="accessPolicies/123456789",
    status={
        "resources": ["projects/123456789012"],
        "restricted_services": [
            "aiplatform.googleapis.com",
            "bigquery.googleapis.com",
            "modelarmor.googleapis.com",
            "storage.googleapis.com",
        ],
        "vpc_accessible_services": {
            "allowed_services": ["RESTRICTED-SERVICES"],
            "enable_restriction": True,
        },
    },
    title="vertex",
)

vertex_logs = gcp.bigquery.Dataset(
    "vertex_logs",
    dataset_id="vertex_logs",
    default_encryption_configuration={
        "kms_key_name": "projects/acme-security/locations/us/keyRings/logs/cryptoKeys/bigquery",
    },
    location="US",
)

vertex_kms_key_ring = gcp.kms.KeyRing(
    "vertex",
    location="us-central1",
    name="vertex",
)

vertex_kms_crypto_key = gcp.kms.CryptoKey(
    "vertex",
    key_ring=vertex_kms_key_ring.id,
    name="vertex",
    rotation_period="7776000s",
)

vertex_agent = gcp.kms.CryptoKeyIAMMember(
    "vertex_agent",
    crypto_key_id=vertex_kms_crypto_key.id,
    member="serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com",
    role="roles/cloudkms.cryptoKeyEncrypterDecrypter",
)

project = gcp.modelarmor.Floorsetting(
    "project",
    ai_platform_floor_setting={
        "enable_cloud_logging": True,
        "inspect_and_block": True,
    },
    enable_floor_setting_enforcement=True,
    filter_config={
        "malicious_uri_filter_settings": {
            "filter_enforcement": "ENABLED",
        },
        "pi_and_jailbreak_filter_settings": {
            "confidence_level": "MEDIUM_AND_ABOVE",
            "filter_enforcement": "ENABLED",
        },
        "rai_settings": {
            "rai_filters": [
                {
                    "confidence_level": "MEDIUM_AND_ABOVE",
                    "filter_type": "DANGEROUS",
                },
                {
                    "confidence_level": "MEDIUM_AND_ABOVE",
                    "filter_type": "HARASSMENT",
                },
                {
                    "confidence_level": "MEDIUM_AND_ABOVE",
                    "filter_type": "HATE_SPEECH",
                },
                {
                    "confidence_level": "MEDIUM_AND_ABOVE",
                    "filter_type": "SEXUALLY_EXPLICIT",
                },
            ],
        },
        "sdp_settings": {
            "basic_config": {
                "filter_enforcement": "ENABLED",
            },
        },
    },
    integrated_services=["AI_PLATFORM"],
    location="global",
    parent="projects/acme-vertex-prod",
)

prompt_guard = gcp.modelarmor.Template(
    "prompt_guard",
    filter_config={
        "malicious_uri_filter_settings": {
            "filter_enforcement": "ENABLED",
        },
        "pi_and_jailbreak_filter_settings": {
            "confidence_level": "MEDIUM_AND_ABOVE",
            "filter_enforcement": "ENABLED",
        },
        "rai_settings": {
            "rai_filters": [
                {
                    "confidence_level": "MEDIUM_AND_ABOVE",
                    "filter_type": "DANGEROUS",
                },
                {
                    "confidence_level": "MEDIUM_AND_ABOVE",
                    "filter_type": "HARASSMENT",
                },
                {
                    "confidence_level": "MEDIUM_AND_ABOVE",
                    "filter_type": "HATE_SPEECH",
                },
                {
                    "confidence_level": "MEDIUM_AND_ABOVE",
                    "filter_type": "SEXUALLY_EXPLICIT",
                },
            ],
        },
        "sdp_settings": {
            "basic_config": {
                "filter_enforcement": "ENABLED",
            },
        },
    },
    location="us-central1",
    template_id="support-prompt-guard",
    template_metadata={
        "enforcement_type": "INSPECT_AND_BLOCK",
        "log_sanitize_operations": True,
        "log_template_operations": True,
    },
)

vertex_project_iam_audit_config = gcp.projects.IAMAuditConfig(
    "vertex",
    audit_log_configs=[
        {
            "log_type": "ADMIN_READ",
        },
        {
            "log_type": "DATA_READ",
        },
        {
            "log_type": "DATA_WRITE",
        },
    ],
    project="acme-vertex-prod",
    service="aiplatform.googleapis.com",
)

app = gcp.serviceaccount.Account(
    "app",
    account_id="support-app",
    display_name="Support application",
)

app_vertex_user = gcp.projects.IAMMember(
    "app_vertex_user",
    member=app.email,
    project="acme-vertex-prod",
    role="roles/aiplatform.user",
)

aiplatform = gcp.projects.Service(
    "aiplatform",
    service="aiplatform.googleapis.com",
)

modelarmor = gcp.projects.Service(
    "modelarmor",
    service="modelarmor.googleapis.com",
)

crm_api_key_secret_manager_secret = gcp.secretmanager.Secret(
    "crm_api_key",
    replication={
        "user_managed": {
            "replicas": {
                "location": "us-central1",
            },
        },
    },
    secret_id="support-agent-crm-api-key",
)

agent = gcp.serviceaccount.Account(
    "agent",
    account_id="support-agent",
    display_name="Support agent",
)

agent_reads_crm_key = gcp.secretmanager.SecretIamMember(
    "agent_reads_crm_key",
    member=agent.email,
    role="roles/secretmanager.secretAccessor",
    secret_id=crm_api_key_secret_manager_secret.id,
)

crm_api_key_secret_manager_secret_version = gcp.secretmanager.SecretVersion(
    "crm_api_key",
    secret=crm_api_key_secret_manager_secret.id,
    secret_data_wo=pulumi.Output.secret(None),
    secret_data_wo_version="1",
)

tuning = gcp.vertex.AiDataset(
    "tuning",
    display_name="support-tuning",
    encryption_spec={
        "kms_key_name": vertex_kms_crypto_key.id,
    },
    metadata_schema_uri="gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml",
    region="us-central1",
)

chat = gcp.vertex.AiEndpoint(
    "chat",
    description="Support chat model",
    display_name="chat",
    encryption_spec={
        "kms_key_name": vertex_kms_crypto_key.id,
    },
    location="us-central1",
    name="chat",
    predict_request_response_logging_config={
        "bigquery_destination": {
            "output_uri": "bq://acme-vertex-prod.vertex_logs.chat",
        },
        "enabled": True,
        "sampling_rate": 1,
    },
    private_service_connect_config={
        "enable_private_service_connect": True,
        "project_allowlist": ["acme-support-app"],
    },
    region="us-central1",
)

gemma = gcp.vertex.AiEndpointWithModelGardenDeployment(
    "gemma",
    deploy_config={
        "dedicated_resources": {
            "machine_spec": {
                "accelerator_count": 1,
                "accelerator_type": "NVIDIA_L4",
                "machine_type": "g2-standard-12",
            },
            "max_replica_count": 2,
            "min_replica_count": 1,
        },
    },
    endpoint_config={
        "endpoint_display_name": "gemma",
        "private_service_connect_config": {
            "enable_private_service_connect": True,
            "project_allowlist": ["acme-support-app"],
        },
    },
    location="us-central1",
    model_config={
        "accept_eula": True,
    },
    publisher_model_name="publishers/google/models/gemma3@gemma-3-12b-it",
)

docs = gcp.vertex.AiRagCorpus(
    "docs",
    display_name="support-docs",
    encryption_spec={
        "kms_key_name": vertex_kms_crypto_key.id,
    },
    region="us-central1",
    vector_db_config={
        "rag_embedding_model_config": {
            "vertex_prediction_endpoint": {
                "endpoint": "projects/acme-vertex-prod/locations/us-central1/publishers/google/models/text-embedding-005",
            },
        },
        "rag_managed_db": {
            "knn": {},
        },
    },
)

support = gcp.vertex.AiReasoningEngine(
    "support",
    description="Support agent",
    display_name="support",
    encryption_spec={
        "kms_key_name": vertex_kms_crypto_key.id,
    },
    region="us-central1",
    spec={
        "deployment_spec": {
            "max_instances": 4,
            "secret_envs": [
                {
                    "name": "CRM_API_KEY",
                    "secret_ref": {
                        "secret": crm_api_key_secret_manager_secret.secret_id,
                        "version": "1",
                    },
                }
            ],
        },
        "package_spec": {
            "pickle_object_gcs_uri": "gs://acme-agents/support/agent.pkl",
            "python_version": "3.11",
            "requirements_gcs_uri": "gs://acme-agents/support/requirements.txt",
        },
        "service_account": agent.email,
    },
)

app_invokes_agent = gcp.vertex.AiReasoningEngineIamMember(
    "app_invokes_agent",
    member=app.email,
    reasoning_engine=support.id,
    region="us-central1",
    role="roles/aiplatform.user",
)
