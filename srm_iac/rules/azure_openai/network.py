"""AI-SEC-006 and AI-SEC-010 on Azure OpenAI: who can reach the account, and where it can call."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.azure_openai.accounts import (
    acl_default_action,
    ai_accounts,
    allowed_fqdns,
    custom_subdomain,
    outbound_restricted,
    public_network_access,
)
from srm_iac.rules.azure_openai.links import links_to
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, is_set

PRIVATE_ENDPOINT = "azurerm_private_endpoint"
CONNECTION = ("private_service_connection", "private_connection_resource_id")
SUBRESOURCES = ("private_service_connection", "subresource_names")
ACCOUNT_SUBRESOURCE = "account"


def public_network_access_open(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-001: account reachable from the internet without a Deny network ACL."""
    for account in ai_accounts(context.inventory):
        yield _public_access_verdict(account)


def _public_access_verdict(account: Resource) -> Result:
    public = public_network_access(account)
    action, action_path = acl_default_action(account)
    enabled = public.enabled()
    if enabled is False:
        return passed(account, "public network access is disabled", public.attribute)
    if enum_value(action) == "DENY":
        return passed(
            account,
            "the public endpoint only admits the network ACL's allowed IPs and subnets "
            "(default_action Deny)",
            action_path,
        )
    if enabled is None:
        return unknown(account, "public network access is only known after apply", public.attribute)
    if action.is_unknown:
        return unknown(
            account, "the network ACL default action is only known after apply", action_path
        )
    acl = f"default_action is {action.display()}" if action.is_known else "there is no network ACL"
    return failed(
        account,
        f"{public.describe(account)} and {acl}: any internet client can reach the endpoint",
        public.attribute,
    )


def private_endpoint_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-002: no private endpoint for the account's ``account`` sub-resource."""
    for account in ai_accounts(context.inventory):
        yield _private_endpoint_verdict(context, account)


def _private_endpoint_verdict(context: CheckContext, account: Resource) -> Result:
    links = links_to(context.inventory, account, CONNECTION, PRIVATE_ENDPOINT)
    attribute = ".".join(SUBRESOURCES)
    pending = []
    for endpoint in links.matched:
        names = endpoint.at(*SUBRESOURCES)
        if any(name.casefold() == ACCOUNT_SUBRESOURCE for name in names.strings()):
            return passed(
                account, f"private endpoint {endpoint.address} serves the account", attribute
            )
        if names.is_unknown:
            pending.append(endpoint)
    if pending:
        return unknown(
            account,
            f"the sub-resource of private endpoint {pending[0].address} is only known after apply",
            attribute,
        )
    if links.matched:
        return failed(
            account,
            f'private endpoint {links.matched[0].address} does not connect the "account" '
            "sub-resource",
            attribute,
        )
    if links.undetermined:
        return unknown(
            account,
            f"private endpoint {links.undetermined[0].address} targets a resource only known "
            "after apply; it may serve this account",
            ".".join(CONNECTION),
        )
    return failed(
        account, "no azurerm_private_endpoint in this plan connects to the account", attribute
    )


def outbound_access_unrestricted(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-006: account (and its agents' tools) may call any outbound destination."""
    for account in ai_accounts(context.inventory):
        setting = outbound_restricted(account)
        restricted = setting.enabled()
        if restricted:
            count = len(allowed_fqdns(account).strings())
            yield passed(
                account,
                f"outbound access is restricted to an allow-list of {count} FQDN(s)",
                setting.attribute,
            )
        elif restricted is None:
            yield unknown(
                account, "the outbound restriction is only known after apply", setting.attribute
            )
        else:
            yield failed(
                account,
                f"{setting.describe(account)}: the account and its agents can call any "
                "outbound destination",
                setting.attribute,
            )


def custom_subdomain_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-007: account without a custom subdomain (no Entra ID auth, no private endpoint)."""
    for account in ai_accounts(context.inventory):
        node, attribute = custom_subdomain(account)
        if is_set(node):
            yield passed(account, "the account has a custom subdomain", attribute)
        elif node.is_unknown:
            yield unknown(account, "the custom subdomain is only known after apply", attribute)
        else:
            yield failed(
                account,
                f"{attribute} is not set: the account answers on the shared regional endpoint, "
                "which supports neither Entra ID tokens nor private endpoints",
                attribute,
            )
