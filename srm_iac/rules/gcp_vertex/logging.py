"""AI-SEC-008 on Vertex AI: Data Access audit logs and endpoint request-response logging."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, not_evidenced, passed, unknown
from srm_iac.rules.common import enum_value, is_set, join_names

AUDIT_CONFIGS = (
    "google_project_iam_audit_config",
    "google_folder_iam_audit_config",
    "google_organization_iam_audit_config",
)
VERTEX_SERVICES = ("aiplatform.googleapis.com", "allServices")
DATA_LOG_TYPES = ("DATA_READ", "DATA_WRITE")
ENDPOINT = "google_vertex_ai_endpoint"
REQUEST_LOGGING = "predict_request_response_logging_config"


def _covers_vertex(config: Resource) -> bool | None:
    service = config.at("service")
    if service.is_unknown:
        return None
    return service.string() in VERTEX_SERVICES


def _log_types(config: Resource) -> set[str] | None:
    """The log types one audit config enables; None when any is only known after apply."""
    entries = config.each("audit_log_config")
    if config.at("audit_log_config").is_unknown or any(
        e.get("log_type").is_unknown for e in entries
    ):
        return None
    return {enum_value(e.get("log_type")) or "" for e in entries}


def data_access_logs_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-005: Data Access audit logs are not enabled for the Vertex AI API."""
    configs = context.inventory.of_type(*AUDIT_CONFIGS)
    relevant = [c for c in configs if _covers_vertex(c) is not False]
    if not relevant:
        others = " (the audit configs here cover other services)" if configs else ""
        yield not_evidenced(
            "no IAM audit config for aiplatform.googleapis.com or allServices in this plan"
            f"{others}: Vertex AI Data Access logs are off unless another workspace enables them"
        )
        return
    enabled: set[str] = set()
    for config in relevant:
        enabled |= _log_types(config) or set()
    missing = [t for t in DATA_LOG_TYPES if t not in enabled]
    for config in relevant:
        yield _audit_verdict(config, missing)


def _audit_verdict(config: Resource, missing: list[str]) -> Result:
    attribute = "audit_log_config"
    if _covers_vertex(config) is None or _log_types(config) is None:
        return unknown(config, "the audited service or log types are only known after apply")
    if missing:
        return failed(
            config,
            f"no {join_names(missing)} audit log for Vertex AI: calls to models and reads or "
            "writes of Vertex AI data leave no audit record",
            attribute,
        )
    exempted = sum(len(e.get("exempted_members").strings()) for e in config.each(attribute))
    note = f" ({exempted} members exempted)" if exempted else ""
    return passed(config, f"DATA_READ and DATA_WRITE audit logs are enabled{note}", attribute)


def request_logging_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-006: Vertex AI endpoint that does not log requests and responses."""
    for endpoint in context.inventory.of_type(ENDPOINT):
        yield _request_logging(endpoint)


def _request_logging(endpoint: Resource) -> Result:
    config = endpoint.at(REQUEST_LOGGING)
    enabled = config.get("enabled")
    attribute = f"{REQUEST_LOGGING}.enabled"
    if enabled.is_unknown or config.is_unknown:
        return unknown(endpoint, "request-response logging is only known after apply", attribute)
    if enabled.boolean() is not True:
        return failed(
            endpoint,
            "request-response logging is not enabled: predictions leave no record of inputs "
            "and outputs",
            attribute,
        )
    destination = config.get("bigquery_destination", "output_uri")
    rate = config.get("sampling_rate").number()
    if not (is_set(destination) or destination.is_unknown):
        return failed(
            endpoint,
            "request-response logging has no bigquery_destination.output_uri",
            f"{REQUEST_LOGGING}.bigquery_destination",
        )
    if rate is not None and rate <= 0:
        return failed(
            endpoint, "sampling_rate is 0: no request is logged", f"{REQUEST_LOGGING}.sampling_rate"
        )
    shown = f"sampling_rate {rate:g}" if rate is not None else "the default sampling rate"
    return passed(endpoint, f"requests and responses are logged to BigQuery ({shown})", attribute)
