"""Azure OpenAI and AI Services accounts, read the same way whatever resource declares them.

Three resource shapes create an account: ``azurerm_cognitive_account`` of kind OpenAI or
AIServices, ``azurerm_ai_services`` (azurerm 4.x; removed in 5.0) and ``azapi_resource`` of
type ``Microsoft.CognitiveServices/accounts@...`` (ARM body, as in the Azure Verified Module).
Each setting is read from the attribute that shape uses, with the service default applied
when the attribute is null.
"""

from __future__ import annotations

from dataclasses import dataclass

from srm_iac.model.inventory import Inventory, Resource
from srm_iac.model.values import Node
from srm_iac.rules.common import enum_value
from srm_iac.rules.targets import AI_ACCOUNT_KINDS, is_ai_account

COGNITIVE_ACCOUNT = "azurerm_cognitive_account"
AI_SERVICES = "azurerm_ai_services"
AZAPI = "azapi_resource"
AZAPI_ACCOUNT_TYPE = "microsoft.cognitiveservices/accounts@"
ACCOUNT_TYPES = (COGNITIVE_ACCOUNT, AI_SERVICES, AZAPI)
_ARM = ("body", "properties")
_SWITCH = {"ENABLED": True, "DISABLED": False}


@dataclass(frozen=True, slots=True)
class _Shape:
    """Where one resource shape keeps each account setting."""

    public_access: tuple[str, ...]
    local_auth: tuple[str, ...]
    local_auth_inverted: bool
    acl_default_action: tuple[str, ...]
    subdomain: tuple[str, ...]
    outbound_restricted: tuple[str, ...]
    allowed_fqdns: tuple[str, ...]


_AZURERM = _Shape(
    public_access=("public_network_access_enabled",),
    local_auth=("local_auth_enabled",),
    local_auth_inverted=False,
    acl_default_action=("network_acls", "default_action"),
    subdomain=("custom_subdomain_name",),
    outbound_restricted=("outbound_network_access_restricted",),
    allowed_fqdns=("fqdns",),
)
_SHAPES = {
    COGNITIVE_ACCOUNT: _AZURERM,
    AI_SERVICES: _Shape(
        public_access=("public_network_access",),
        local_auth=("local_authentication_enabled",),
        local_auth_inverted=False,
        acl_default_action=_AZURERM.acl_default_action,
        subdomain=_AZURERM.subdomain,
        outbound_restricted=_AZURERM.outbound_restricted,
        allowed_fqdns=_AZURERM.allowed_fqdns,
    ),
    AZAPI: _Shape(
        public_access=(*_ARM, "publicNetworkAccess"),
        local_auth=(*_ARM, "disableLocalAuth"),
        local_auth_inverted=True,
        acl_default_action=(*_ARM, "networkAcls", "defaultAction"),
        subdomain=(*_ARM, "customSubDomainName"),
        outbound_restricted=(*_ARM, "restrictOutboundNetworkAccess"),
        allowed_fqdns=(*_ARM, "allowedFqdnList"),
    ),
}


@dataclass(frozen=True, slots=True)
class Setting:
    """One on/off account setting, as one shape of account writes it."""

    node: Node
    """The attribute in the plan (a boolean, or an ARM ``Enabled``/``Disabled`` string)."""
    attribute: str
    """Its dotted path, for findings."""
    default: bool
    """Whether the setting is on when the attribute is null (the service default)."""
    inverted: bool = False
    """True when the attribute names the opposite (ARM ``disableLocalAuth``)."""

    def enabled(self) -> bool | None:
        """On or off, with null read as the default; None when unknown until apply."""
        if self.node.is_unknown:
            return None
        if self.node.is_null:
            return self.default
        value = self.node.boolean()
        if value is None:
            value = _SWITCH.get(enum_value(self.node) or "")
        return None if value is None else value != self.inverted

    def describe(self, account: Resource) -> str:
        """``<attribute> is <value>``, noting when the source leaves it to the default."""
        if self.node.is_null:
            return f"{self.attribute} is not set"
        note = " (the default)" if account.sets(self.attribute) is False else ""
        return f"{self.attribute} is {self.node.display()}{note}"


def is_azapi_ai_account(resource: Resource) -> bool:
    """An ``azapi_resource`` that creates an OpenAI or AIServices account."""
    type_ = (resource.at("type").string() or "").lower()
    kind = (resource.at("body", "kind").string() or "").lower()
    return type_.startswith(AZAPI_ACCOUNT_TYPE) and kind in AI_ACCOUNT_KINDS


def ai_accounts(inventory: Inventory) -> list[Resource]:
    """Every OpenAI or AIServices account in the inventory, whatever its resource shape."""
    return [
        *(r for r in inventory.of_type(COGNITIVE_ACCOUNT) if is_ai_account(r)),
        *inventory.of_type(AI_SERVICES),
        *(r for r in inventory.of_type(AZAPI) if is_azapi_ai_account(r)),
    ]


def _shape(account: Resource) -> _Shape:
    return _SHAPES.get(account.type, _AZURERM)


def _setting(account: Resource, path: tuple[str, ...], default: bool, inverted: bool) -> Setting:
    return Setting(account.at(*path), ".".join(path), default, inverted)


def public_network_access(account: Resource) -> Setting:
    """Public network access (on unless disabled)."""
    return _setting(account, _shape(account).public_access, True, False)


def local_auth(account: Resource) -> Setting:
    """Key (local) authentication (on unless disabled)."""
    shape = _shape(account)
    return _setting(account, shape.local_auth, True, shape.local_auth_inverted)


def outbound_restricted(account: Resource) -> Setting:
    """Outbound network restriction to an FQDN allow-list (off unless enabled)."""
    return _setting(account, _shape(account).outbound_restricted, False, False)


def acl_default_action(account: Resource) -> tuple[Node, str]:
    """The network ACL default action and its path (null when there are no ACLs)."""
    path = _shape(account).acl_default_action
    return account.at(*path), ".".join(path)


def custom_subdomain(account: Resource) -> tuple[Node, str]:
    """The custom subdomain name and its path."""
    path = _shape(account).subdomain
    return account.at(*path), ".".join(path)


def allowed_fqdns(account: Resource) -> Node:
    """The outbound FQDN allow-list."""
    return account.at(*_shape(account).allowed_fqdns)
