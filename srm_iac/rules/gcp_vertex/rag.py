"""AI-SEC-009 on Vertex AI: how RAG Engine authenticates to an external vector database."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import is_set

CORPUS = "google_vertex_ai_rag_corpus"
KEY_CONFIG = "vector_db_config.api_auth.api_key_config"


def vector_db_key_in_state(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-020: RAG corpus with the vector database API key written into the resource."""
    for corpus in context.inventory.of_type(CORPUS):
        config = corpus.at("vector_db_config", "api_auth", "api_key_config")
        key = config.get("api_key_string")
        secret = config.get("api_key_secret_version")
        if is_set(key) or (key.is_unknown and corpus.sets(f"{KEY_CONFIG}.api_key_string")):
            yield failed(
                corpus,
                "api_key_string is set: the vector database API key is stored in plain text in "
                "the state and the saved plan",
                f"{KEY_CONFIG}.api_key_string",
            )
        elif is_set(secret) or (
            secret.is_unknown and corpus.sets(f"{KEY_CONFIG}.api_key_secret_version")
        ):
            yield passed(
                corpus,
                "the API key is read from a Secret Manager secret version",
                f"{KEY_CONFIG}.api_key_secret_version",
            )
        elif config.is_unknown:
            yield unknown(
                corpus, "the vector database credentials are only known after apply", KEY_CONFIG
            )
