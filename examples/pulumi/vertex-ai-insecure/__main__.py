"""The Pulumi twin of examples/terraform/vertex-ai-insecure/main.tf.


Same resources, logical names and settings; preview.json beside this file is what
`pulumi preview --json` shows for it (srm-iac check preview.json).
"""

import json

import pulumi
import pulumi_gcp as gcp


prompt_guard = gcp.modelarmor.Template(
    "prompt_guard",
    filter_config={
        "pi_and_jailbreak_filter_settings": {
            "filter_enforcement": "DISABLED",
        },
        "rai_settings": {
            "rai_filters": [
                {
                    "confidence_level": "HIGH",
                    "filter_type": "HATE_SPEECH",
                }
            ],
        },
    },
    location="us-central1",
    template_id="support-prompt-guard",
    template_metadata={
        "enforcement_type": "INSPECT_ONLY",
    },
)

aiplatform = gcp.projects.Service(
    "aiplatform",
    service="aiplatform.googleapis.com",
)

tuning = gcp.vertex.AiDataset(
    "tuning",
    display_name="support-tuning",
    metadata_schema_uri="gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml",
    region="us-central1",
)

chat = gcp.vertex.AiEndpoint(
    "chat",
    description="Support chat model",
    display_name="chat",
    location="us-central1",
    name="chat",
    region="us-central1",
)

public_invoker = gcp.vertex.AiEndpointIamMember(
    "public_invoker",
    endpoint=chat.name,
    location="us-central1",
    member="allUsers",
    role="roles/aiplatform.user",
)

llama = gcp.vertex.AiEndpointWithModelGardenDeployment(
    "llama",
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
    hugging_face_model_id="meta-llama/Llama-3.1-8B-Instruct",
    location="us-central1",
    model_config={
        "accept_eula": True,
        "container_spec": {
            "args": ["--max-model-len=8192"],
            "image_uri": "us-docker.pkg.dev/vertex-ai/vertex-vision-model-garden-dockers/pytorch-vllm-serve:latest",
            "ports": {
                "container_port": 8080,
            },
        },
        "hugging_face_access_token": pulumi.Output.secret("hf_EXAMPLEonlyNOTaREALtoken0123456789"),
    },
)

docs_vertex_ai_index_endpoint = gcp.vertex.AiIndexEndpoint(
    "docs",
    display_name="support-docs",
    public_endpoint_enabled=True,
    region="us-central1",
)

docs_vertex_ai_rag_corpus = gcp.vertex.AiRagCorpus(
    "docs",
    display_name="support-docs",
    region="us-central1",
    vector_db_config={
        "api_auth": {
            "api_key_config": {
                "api_key_string": pulumi.Output.secret("pcsk_EXAMPLE_only_4f2a9c7e1b3d5a8c6e0f"),
            },
        },
        "pinecone": {
            "index_name": "support-docs",
        },
        "rag_embedding_model_config": {
            "vertex_prediction_endpoint": {
                "endpoint": "projects/acme-vertex-prod/locations/us-central1/publishers/google/models/text-embedding-005",
            },
        },
    },
)

support = gcp.vertex.AiReasoningEngine(
    "support",
    description="Support agent",
    display_name="support",
    region="us-central1",
    spec={
        "package_spec": {
            "pickle_object_gcs_uri": "gs://acme-agents/support/agent.pkl",
            "python_version": "3.11",
            "requirements_gcs_uri": "gs://acme-agents/support/requirements.txt",
        },
    },
)
