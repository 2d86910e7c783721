"""AI-SEC-006 and AI-SEC-009 on Vertex AI: private access to endpoints and the API itself."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.enums import Status
from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import is_set

ENDPOINT = "google_vertex_ai_endpoint"
GARDEN_DEPLOYMENT = "google_vertex_ai_endpoint_with_model_garden_deployment"
INDEX_ENDPOINT = "google_vertex_ai_index_endpoint"
NETWORKS = ("google_compute_network",)
PSC = "private_service_connect_config"


def _psc_verdict(resource: Resource, config: Node, attribute: str) -> Result | None:
    """PASS/FAIL/UNKNOWN from a private_service_connect_config block; None when absent."""
    enabled = config.get(PSC, "enable_private_service_connect")
    path = f"{attribute}{PSC}.enable_private_service_connect"
    if enabled.boolean() is True:
        allowed = len(config.get(PSC, "project_allowlist").strings())
        plural = "" if allowed == 1 else "s"
        return passed(
            resource,
            f"served through Private Service Connect ({allowed} allowlisted project{plural})",
            path,
        )
    if enabled.is_unknown or config.get(PSC).is_unknown:
        return unknown(resource, "Private Service Connect is only known after apply", path)
    if enabled.boolean() is False:
        return failed(
            resource,
            "enable_private_service_connect is false: the endpoint is reachable from the internet",
            path,
        )
    return None


def _network_verdict(context: CheckContext, resource: Resource) -> Result | None:
    """PASS/UNKNOWN when the endpoint is peered to a VPC network; None when it is not."""
    network = resource.at("network")
    if is_set(network):
        return passed(resource, "peered to a VPC network (private endpoint)", "network")
    if network.is_unknown:
        linked = context.inventory.referenced(resource, "network", *NETWORKS)
        if linked:
            return passed(resource, f"peered to {linked[0].address} (private endpoint)", "network")
        return unknown(resource, "the VPC network is only known after apply", "network")
    return None


def _endpoint_verdict(context: CheckContext, resource: Resource) -> Result:
    network = _network_verdict(context, resource)
    if network is not None and network.status is Status.PASS:
        return network
    psc = _psc_verdict(resource, resource.root, "")
    if psc is not None and psc.status is not Status.FAIL:
        return psc
    if network is not None:
        return network
    if psc is not None:
        return psc
    dedicated = resource.at("dedicated_endpoint_enabled").boolean() is True
    kind = "a dedicated public endpoint" if dedicated else "the shared public endpoint"
    return failed(
        resource,
        f"neither network nor {PSC} is set: predictions are served on {kind}, "
        "protected by IAM alone",
        PSC,
    )


def endpoint_public(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-002: Vertex AI endpoint reachable from the internet (no VPC peering, no PSC)."""
    for resource in context.inventory.of_type(ENDPOINT):
        yield _endpoint_verdict(context, resource)
    for resource in context.inventory.of_type(GARDEN_DEPLOYMENT):
        psc = _psc_verdict(resource, resource.at("endpoint_config"), "endpoint_config.")
        yield psc or failed(
            resource,
            f"endpoint_config has no {PSC}: the model is deployed to a public endpoint",
            f"endpoint_config.{PSC}",
        )


def index_endpoint_public(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-003: Vector Search index endpoint with a public endpoint."""
    attribute = "public_endpoint_enabled"
    for resource in context.inventory.of_type(INDEX_ENDPOINT):
        public = resource.at(attribute)
        if public.boolean() is True:
            yield failed(
                resource,
                "public_endpoint_enabled is true: the vector index (your RAG corpus) can be "
                "queried from the internet",
                attribute,
            )
        elif public.is_unknown:
            yield unknown(resource, "public_endpoint_enabled is only known after apply", attribute)
        else:
            yield passed(resource, _private_path(resource), attribute)


def _private_path(resource: Resource) -> str:
    if not resource.at("network").is_null:
        return "no public endpoint: queried through VPC peering"
    if resource.at(PSC, "enable_private_service_connect").boolean() is True:
        return "no public endpoint: queried through Private Service Connect"
    return "public_endpoint_enabled is not true: no public endpoint"
