"""AI-SEC-008 on Azure OpenAI: resource logs of every account go somewhere through diagnostics.

Azure OpenAI accounts write the ``Audit``, ``RequestResponse``, ``Trace`` and
``AzureOpenAIRequestUsage`` log categories. The ``audit`` category group holds ``Audit``; the
``allLogs`` group holds every category. Request logging therefore needs ``RequestResponse``
(by name or through ``allLogs``) and audit logging needs ``Audit`` (by name, ``audit`` or
``allLogs``). Several settings on one account add up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from srm_iac.model.inventory import Resource
from srm_iac.rules.azure_openai.accounts import ai_accounts
from srm_iac.rules.azure_openai.links import links_to
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import join_names

DIAGNOSTIC_SETTING = "azurerm_monitor_diagnostic_setting"
TARGET = ("target_resource_id",)
ENABLED_LOG = "enabled_log"
REQUIRED = ("Audit", "RequestResponse")
_GROUPS_COVERING = {"Audit": {"audit", "alllogs"}, "RequestResponse": {"alllogs"}}


@dataclass
class LogCoverage:
    """Which log categories the diagnostic settings of one account enable."""

    categories: set[str] = field(default_factory=set)
    """Category names, folded to lower case."""
    groups: set[str] = field(default_factory=set)
    """Category group names, folded to lower case."""
    pending: bool = False
    """Some entry is only known after apply."""

    def add(self, setting: Resource) -> None:
        """Add the ``enabled_log`` entries of one diagnostic setting."""
        if setting.at(ENABLED_LOG).is_unknown:
            self.pending = True
        for entry in setting.each(ENABLED_LOG):
            category, group = entry.get("category"), entry.get("category_group")
            if category.is_unknown or group.is_unknown:
                self.pending = True
            self.categories.update(name.casefold() for name in category.strings())
            self.groups.update(name.casefold() for name in group.strings())

    def covers(self, category: str) -> bool:
        """True when ``category`` is enabled by name or through a group that holds it."""
        return category.casefold() in self.categories or bool(
            self.groups & _GROUPS_COVERING[category]
        )

    def missing(self) -> list[str]:
        """The required categories not enabled."""
        return [category for category in REQUIRED if not self.covers(category)]


def diagnostic_logs_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-004: account whose Audit and RequestResponse logs are not collected."""
    for account in ai_accounts(context.inventory):
        yield _logging_verdict(context, account)


def _logging_verdict(context: CheckContext, account: Resource) -> Result:
    links = links_to(context.inventory, account, TARGET, DIAGNOSTIC_SETTING)
    coverage = LogCoverage()
    for setting in links.matched:
        coverage.add(setting)
    missing = coverage.missing()
    if links.matched and not missing:
        names = join_names(setting.address for setting in links.matched)
        return passed(account, f"Audit and RequestResponse logs are sent by {names}", ENABLED_LOG)
    if coverage.pending:
        return unknown(
            account, "the enabled log categories are only known after apply", ENABLED_LOG
        )
    if links.undetermined:
        return unknown(
            account,
            f"diagnostic setting {links.undetermined[0].address} targets a resource only known "
            "after apply; it may cover this account",
            "target_resource_id",
        )
    if links.matched:
        return failed(
            account,
            f"the account's diagnostic settings do not enable {join_names(missing)} logs",
            ENABLED_LOG,
        )
    return failed(
        account,
        "no azurerm_monitor_diagnostic_setting collects the account's resource logs: calls are "
        "not recorded",
        ENABLED_LOG,
    )
