"""AI-SEC-006 for inference servers on Kubernetes: a public load balancer in front of no auth.

vLLM, TGI, llama.cpp and SGLang check an API key only when one is configured (``--api-key``
or the server's environment variable); Ollama and Triton have no built-in authentication. A
Service of type LoadBalancer is internet-facing unless an internal-load-balancer annotation or
source ranges say otherwise; with the AWS Load Balancer Controller the default scheme is
internal.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, join_names
from srm_iac.rules.self_hosted.scope import POD_CONTAINERS, serving_workloads

SERVICE_TYPES = ("kubernetes_service", "kubernetes_service_v1")
_INTERNAL_ANNOTATIONS = {
    "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
    "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
    "networking.gke.io/load-balancer-type": "internal",
    "cloud.google.com/load-balancer-type": "internal",
}
_AWS_CONTROLLER_TYPES = frozenset({"external", "nlb-ip"})
_AWS_CONTROLLER_CLASS = "service.k8s.aws/nlb"
_AWS_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme"
_AWS_TYPE = "service.beta.kubernetes.io/aws-load-balancer-type"
_OPEN_RANGES = frozenset({"0.0.0.0/0", "::/0"})
_API_KEY_VARIABLES: dict[str, tuple[str, ...]] = {
    "vllm": ("VLLM_API_KEY",),
    "text-generation-inference": ("API_KEY",),
    "llama.cpp": ("LLAMA_API_KEY",),
    "sglang": (),
}
"""Inference servers that can require an API key (``--api-key``), and the variable each reads."""


def unauthenticated_server_exposed(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-022: inference server without authentication behind a public load balancer.

    A workload that no Service of the plan selects gets no finding: how it is reached is not
    in this plan.
    """
    services = context.inventory.of_type(*SERVICE_TYPES)
    for workload in serving_workloads(context):
        result = _exposure(workload, services)
        if result is not None:
            yield result


def _exposure(workload: Resource, services: list[Resource]) -> Result | None:
    attribute = "spec.template.metadata.labels"
    labels = workload.at("spec", "template", "metadata", "labels")
    public: list[str] = []
    internal: list[str] = []
    undecided: list[str] = []
    for service in services:
        if _namespace(service) != _namespace(workload):
            continue
        selects = _selects(service, labels)
        exposed = _internet_facing(service) if selects else False
        if selects is None or (selects and exposed is None):
            undecided.append(service.address)
        elif exposed:
            public.append(service.address)
        elif selects:
            internal.append(service.address)
    if public and not _requires_api_key(workload):
        return failed(
            workload,
            f"{join_names(public)} exposes this inference server to the internet, and the "
            "server has no authentication configured",
            attribute,
        )
    if public:
        return passed(
            workload,
            "exposed publicly, but the server is configured to require an API key",
            attribute,
        )
    if undecided:
        return unknown(
            workload,
            f"whether {join_names(undecided)} exposes this server is only known after apply",
            attribute,
        )
    if internal:
        return passed(
            workload,
            f"only internal services select this server ({join_names(internal)})",
            attribute,
        )
    return None


def _namespace(resource: Resource) -> str:
    return resource.at("metadata", "namespace").string() or "default"


def _selects(service: Resource, labels: Node) -> bool | None:
    selector = service.at("spec", "selector")
    if selector.is_unknown or labels.has_unknown:
        return None
    wanted = dict(selector.children())
    if not wanted:
        return False
    return all(
        labels.get(key).string() == value.string() and value.string() is not None
        for key, value in wanted.items()
    )


def _internet_facing(service: Resource) -> bool | None:
    kind = service.at("spec", "type")
    ranges = service.at("spec", "load_balancer_source_ranges")
    if kind.is_unknown or ranges.is_unknown:
        return None
    if (enum_value(kind) or "CLUSTERIP") != "LOADBALANCER":
        return False
    if ranges.strings() and not _OPEN_RANGES & set(ranges.strings()):
        return False
    annotations = service.at("metadata", "annotations")
    if annotations.has_unknown:
        return None
    values = {key: (node.string() or "").lower() for key, node in annotations.children()}
    if any(values.get(key) == value for key, value in _INTERNAL_ANNOTATIONS.items()):
        return False
    controller = service.at("spec", "load_balancer_class").string() == _AWS_CONTROLLER_CLASS
    if controller or values.get(_AWS_TYPE) in _AWS_CONTROLLER_TYPES:
        return values.get(_AWS_SCHEME) == "internet-facing"
    return True


def _requires_api_key(workload: Resource) -> bool:
    for container in workload.each(*POD_CONTAINERS):
        image = (container.get("image").string() or "").lower()
        servers = [server for server in _API_KEY_VARIABLES if server in image]
        if not servers:
            continue
        words = container.get("args").strings() + container.get("command").strings()
        if any(word == "--api-key" or word.startswith("--api-key=") for word in words):
            return True
        names = {env.get("name").string() for env in container.each("env")}
        if names & set(_API_KEY_VARIABLES[servers[0]]):
            return True
    return False
