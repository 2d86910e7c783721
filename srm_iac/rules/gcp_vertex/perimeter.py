"""AI-SEC-006 on Vertex AI: a VPC Service Controls perimeter that restricts the Vertex AI API.

Perimeters are organisation-level and often live in a network or security workspace, so a plan
without any perimeter is NOT_EVIDENCED. When perimeters are in the plan, one that enforces
(``status``, not only the dry-run ``spec``) ``aiplatform.googleapis.com`` is enough.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import IntEnum

from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, not_evidenced, passed, unknown
from srm_iac.rules.common import enum_value

PERIMETER = "google_access_context_manager_service_perimeter"
PERIMETERS = "google_access_context_manager_service_perimeters"
AIPLATFORM = "aiplatform.googleapis.com"
ATTRIBUTE = "status.restricted_services"


class Coverage(IntEnum):
    """How well one perimeter covers the Vertex AI API (higher is better)."""

    MISSING = 0
    DRY_RUN_ONLY = 1
    UNKNOWN = 2
    ENFORCED = 3


def perimeter_coverage(perimeter: Node) -> Coverage:
    """Whether ``perimeter`` (a perimeter object) restricts aiplatform.googleapis.com."""
    if enum_value(perimeter.get("perimeter_type")) == "PERIMETER_TYPE_BRIDGE":
        return Coverage.MISSING
    status = perimeter.get("status")
    if AIPLATFORM in status.get("restricted_services").strings():
        return Coverage.ENFORCED
    if status.get("restricted_services").is_unknown or perimeter.get("perimeter_type").is_unknown:
        return Coverage.UNKNOWN
    dry_run = AIPLATFORM in perimeter.get("spec", "restricted_services").strings()
    if dry_run and perimeter.get("use_explicit_dry_run_spec").boolean() is True:
        return Coverage.DRY_RUN_ONLY
    return Coverage.MISSING


def resource_coverage(resource: Resource) -> Coverage:
    """The best coverage among the perimeters one resource declares."""
    if resource.type == PERIMETER:
        return perimeter_coverage(resource.root)
    listed = resource.at("service_perimeters")
    if listed.is_unknown:
        return Coverage.UNKNOWN
    return max((perimeter_coverage(p) for p in listed.each()), default=Coverage.MISSING)


def perimeter_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-001: no VPC Service Controls perimeter restricts aiplatform.googleapis.com."""
    resources = context.inventory.of_type(PERIMETER, PERIMETERS)
    if not resources:
        yield not_evidenced(
            "no VPC Service Controls perimeter in this plan: the Vertex AI API is reachable "
            "from outside your perimeter unless another workspace restricts it"
        )
        return
    coverage = {resource.address: resource_coverage(resource) for resource in resources}
    best = max(coverage.values())
    for resource in resources:
        level = coverage[resource.address]
        if best >= Coverage.UNKNOWN and level is not best:
            continue  # another perimeter decides
        if level is Coverage.ENFORCED:
            yield passed(resource, _enforced_message(resource), ATTRIBUTE)
        elif level is Coverage.UNKNOWN:
            yield unknown(resource, "the restricted services are only known after apply", ATTRIBUTE)
        elif level is Coverage.DRY_RUN_ONLY:
            yield failed(
                resource,
                f"{AIPLATFORM} is restricted only in the dry-run spec "
                "(use_explicit_dry_run_spec): violations are logged, not blocked",
                "spec.restricted_services",
            )
        else:
            yield failed(
                resource, f"status.restricted_services does not include {AIPLATFORM}", ATTRIBUTE
            )


def _enforced_message(resource: Resource) -> str:
    subject = "the perimeter" if resource.type == PERIMETER else "a perimeter of the set"
    message = f"{subject} enforces {AIPLATFORM}"
    if resource.type == PERIMETER and resource.at("status", "resources").is_unknown:
        message += "; its projects are only known after apply"
    return message
