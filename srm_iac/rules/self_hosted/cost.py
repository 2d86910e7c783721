"""AI-SEC-007 for self-hosted models on AWS: a budget with alerts over GPU and SageMaker spend.

Only AWS compute is judged: the plan must run SageMaker resources or GPU instances, node groups
or launch templates. Autoscaling bounds and per-user rate limits are left to attestations.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, not_evidenced, passed
from srm_iac.rules.common import join_names
from srm_iac.rules.self_hosted.scope import gpu_instances, gpu_launch_templates, gpu_node_groups

BUDGET = "aws_budgets_budget"
SAGEMAKER_SERVICE = "Amazon SageMaker"
EC2_SERVICE = "Amazon Elastic Compute Cloud - Compute"


def _spending_services(context: CheckContext) -> set[str]:
    services = set()
    if any(type_.startswith("aws_sagemaker_") for type_ in context.inventory.types):
        services.add(SAGEMAKER_SERVICE)
    gpu_compute = gpu_instances(context) + gpu_launch_templates(context) + gpu_node_groups(context)
    if gpu_compute:
        services.add(EC2_SERVICE)
    return services


def _covered(budget: Resource, services: set[str]) -> set[str]:
    service_filters = [f for f in budget.each("cost_filter") if f.get("name").string() == "Service"]
    if not service_filters:
        return set(services)
    named = {name for f in service_filters for name in f.get("values").strings()}
    return services & named


def budget_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-023: no cost budget with notifications covers self-hosted model spend."""
    services = _spending_services(context)
    if not services:
        return
    covered: set[str] = set()
    for budget in context.inventory.of_type(BUDGET):
        if (budget.at("budget_type").string() or "COST") != "COST" or not budget.each(
            "notification"
        ):
            continue
        names = _covered(budget, services)
        if names:
            covered |= names
            yield passed(
                budget,
                f"a cost budget with notifications covers {join_names(names)} spend",
                "notification",
            )
    missing = services - covered
    if missing:
        yield not_evidenced(
            f"no aws_budgets_budget with notifications covers {join_names(missing)} spend in "
            "this plan"
        )
