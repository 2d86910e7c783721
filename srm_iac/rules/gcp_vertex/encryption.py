"""Customer-managed encryption keys on Vertex AI data (AI-SEC-004, AI-SEC-005, AI-SEC-009).

Every type here has an optional ``encryption_spec { kms_key_name }``; left out, Google-managed
keys apply. A key created in the same plan is recognised through the configuration references.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result
from srm_iac.rules.common import key_reference

KMS_KEYS = ("google_kms_crypto_key",)
KEY_PATH = ("encryption_spec", "kms_key_name")

TRAINING_AND_SERVING_DATA = {
    "google_vertex_ai_dataset": "the dataset",
    "google_vertex_ai_featurestore": "the feature store",
    "google_vertex_ai_feature_online_store": "the online feature store",
    "google_vertex_ai_metadata_store": "the ML metadata store",
    "google_vertex_ai_tensorboard": "the TensorBoard experiment data",
    "google_vertex_ai_endpoint": "the endpoint and its deployed models",
}
RETRIEVAL_DATA = {
    "google_vertex_ai_rag_corpus": "the RAG corpus",
    "google_vertex_ai_index": "the vector index",
    "google_vertex_ai_index_endpoint": "the index endpoint",
}
AGENT_ENGINE = "google_vertex_ai_reasoning_engine"


def _judge(context: CheckContext, kinds: dict[str, str]) -> Iterator[Result]:
    for type_, what in kinds.items():
        for resource in context.inventory.of_type(type_):
            if type_ == "google_vertex_ai_rag_corpus" and not uses_managed_vector_db(resource):
                continue
            yield key_reference(context, resource, KEY_PATH, KMS_KEYS, what)


def uses_managed_vector_db(corpus: Resource) -> bool:
    """The corpus stores its vectors in the RAG-managed database (where CMEK applies)."""
    external = (
        corpus.at("vertex_ai_search_config"),
        corpus.at("vector_db_config", "pinecone"),
        corpus.at("vector_db_config", "vertex_vector_search"),
    )
    return not any(node.is_known and node.value for node in external)


def training_data_without_cmek(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-007: datasets, feature stores, experiments or endpoints without a CMEK."""
    yield from _judge(context, TRAINING_AND_SERVING_DATA)


def retrieval_data_without_cmek(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-008: RAG corpus or vector index without a CMEK."""
    yield from _judge(context, RETRIEVAL_DATA)


def agent_engine_without_cmek(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-009: Agent Engine (reasoning engine) without a CMEK."""
    yield from _judge(context, {AGENT_ENGINE: "the agent engine and its sessions"})
