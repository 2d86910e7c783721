"""AI-SEC-005 on Azure OpenAI: data the account stores is encrypted with a customer-managed key."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.enums import Status
from srm_iac.model.inventory import Resource
from srm_iac.rules.azure_openai.accounts import AZAPI, ai_accounts
from srm_iac.rules.azure_openai.links import links_to
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, key_reference

SEPARATE_CMK = "azurerm_cognitive_account_customer_managed_key"
KEY_TYPES = ("azurerm_key_vault_key", "azurerm_key_vault_managed_hardware_security_module_key")
KEY_PATH = ("customer_managed_key", "key_vault_key_id")
ARM_KEY_SOURCE = ("body", "properties", "encryption", "keySource")
WHAT = "stored data (training files, fine-tuned models)"


def customer_managed_key_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-005: account whose stored data uses Microsoft-managed keys."""
    for account in ai_accounts(context.inventory):
        yield _key_verdict(context, account)


def _key_verdict(context: CheckContext, account: Resource) -> Result:
    separate = links_to(context.inventory, account, ("cognitive_account_id",), SEPARATE_CMK)
    if separate.matched:
        return passed(
            account,
            f"{WHAT}: customer-managed key set by {separate.matched[0].address}",
            "customer_managed_key",
        )
    verdict = (
        _arm_key_source(account)
        if account.type == AZAPI
        else key_reference(context, account, KEY_PATH, KEY_TYPES, WHAT)
    )
    if verdict.status is Status.FAIL and separate.undetermined:
        return unknown(
            account,
            f"{separate.undetermined[0].address} targets an account only known after apply; it "
            "may set this account's key",
            "customer_managed_key",
        )
    return verdict


def _arm_key_source(account: Resource) -> Result:
    node = account.at(*ARM_KEY_SOURCE)
    attribute = ".".join(ARM_KEY_SOURCE)
    if enum_value(node) == "MICROSOFT.KEYVAULT":
        return passed(account, f"{WHAT}: encrypted with a Key Vault key", attribute)
    if node.is_unknown:
        return unknown(account, "the encryption key source is only known after apply", attribute)
    return failed(account, f"{WHAT}: encrypted with Microsoft-managed keys", attribute)
