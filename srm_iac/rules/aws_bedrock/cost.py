"""AI-SEC-007 on Bedrock: a budget with alerts over Bedrock spend."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, not_evidenced, passed

BUDGET = "aws_budgets_budget"
BEDROCK_SERVICE_NAMES = ("Amazon Bedrock",)


def _covers_bedrock(budget: Resource) -> bool:
    filters = budget.each("cost_filter")
    service_filters = [f for f in filters if f.get("name").string() == "Service"]
    if not service_filters:
        return True
    return any(
        name in BEDROCK_SERVICE_NAMES for f in service_filters for name in f.get("values").strings()
    )


def budget_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-023: no cost budget with notifications covers Bedrock spend."""
    budgets = [
        budget
        for budget in context.inventory.of_type(BUDGET)
        if (budget.at("budget_type").string() or "COST") == "COST"
        and budget.each("notification")
        and _covers_bedrock(budget)
    ]
    if not budgets:
        yield not_evidenced(
            "no aws_budgets_budget with notifications covers Bedrock spend in this plan"
        )
    for budget in budgets:
        yield passed(
            budget, "a cost budget with notifications covers Bedrock spend", "notification"
        )
