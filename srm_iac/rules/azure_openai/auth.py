"""AI-SEC-006 on Azure OpenAI: callers authenticate with Entra ID, not shared account keys."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.rules.azure_openai.accounts import ai_accounts, local_auth
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown


def local_auth_enabled(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-003: account accepts API keys (local authentication)."""
    for account in ai_accounts(context.inventory):
        setting = local_auth(account)
        enabled = setting.enabled()
        if enabled is False:
            yield passed(
                account, "local (key) authentication is disabled: Entra ID only", setting.attribute
            )
        elif enabled is None:
            yield unknown(
                account, "local authentication is only known after apply", setting.attribute
            )
        else:
            yield failed(
                account,
                f"{setting.describe(account)}: anyone holding an account key can call every "
                "deployment, with no identity in the logs",
                setting.attribute,
            )
