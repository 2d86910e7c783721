"""AI-SEC-002 on Azure OpenAI: Defender for Cloud threat protection for AI workloads.

The Defender plan is a subscription singleton (``azurerm_security_center_subscription_pricing``
with ``resource_type = "AI"``); when it is managed in another workspace the result is
NOT_EVIDENCED, which an attestation can cover.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.rules.check import CheckContext, Result, failed, not_evidenced, passed, unknown
from srm_iac.rules.common import enum_value

PRICING = "azurerm_security_center_subscription_pricing"
AI_PLAN = "AI"


def defender_for_ai_off(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-015: no Defender for Cloud AI threat protection plan on the Standard tier."""
    plans = [
        pricing
        for pricing in context.inventory.of_type(PRICING)
        if enum_value(pricing.at("resource_type")) == AI_PLAN
        or pricing.at("resource_type").is_unknown
    ]
    if not plans:
        yield not_evidenced(
            "no azurerm_security_center_subscription_pricing for resource_type AI in this plan: "
            "Defender threat protection for AI is off unless another workspace enables it"
        )
    for plan in plans:
        tier = plan.at("tier")
        if plan.at("resource_type").is_unknown or tier.is_unknown:
            yield unknown(plan, "the Defender plan or tier is only known after apply", "tier")
        elif enum_value(tier) == "STANDARD":
            yield passed(plan, "Defender for AI threat protection is on (tier Standard)", "tier")
        else:
            yield failed(
                plan,
                f"tier is {tier.display()}: Defender raises no alerts on jailbreak attempts, "
                "data leakage or credential misuse against AI workloads",
                "tier",
            )
