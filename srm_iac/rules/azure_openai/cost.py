"""AI-SEC-007 on Azure OpenAI: a consumption budget that alerts on spend.

Token quotas (``sku.capacity``) always bound each deployment's rate, and the provider default
is only 1,000 tokens per minute, so capacity alone is not judged; what the plan can show of
the customer's half is a budget whose notifications tell someone before the invoice does.
Budget filters are not evaluated: a budget scoped away from the AI resources still counts.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, not_evidenced, passed, unknown

BUDGETS = (
    "azurerm_consumption_budget_subscription",
    "azurerm_consumption_budget_resource_group",
    "azurerm_consumption_budget_management_group",
)


def budget_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-016: no consumption budget with enabled notifications."""
    budgets = context.inventory.of_type(*BUDGETS)
    if not budgets:
        yield not_evidenced(
            "no azurerm_consumption_budget_* in this plan: nobody is alerted on Azure OpenAI "
            "spend unless another workspace defines a budget"
        )
    for budget in budgets:
        yield _budget_verdict(budget)


def _budget_verdict(budget: Resource) -> Result:
    attribute = "notification"
    if budget.at(attribute).is_unknown:
        return unknown(budget, "the budget notifications are only known after apply", attribute)
    switches = [entry.get("enabled") for entry in budget.each(attribute)]
    if any(switch.boolean() is not False and not switch.is_unknown for switch in switches):
        return passed(budget, "the budget alerts on spend", attribute)
    if any(switch.is_unknown for switch in switches):
        return unknown(
            budget, "whether the notifications are enabled is only known after apply", attribute
        )
    return failed(budget, "every notification of the budget is disabled", attribute)
