"""Pulumi resources -> the canonical (Terraform) type, attribute names and shapes.

The one place that knows how Pulumi spells a resource; the preview parser and the CrossGuard
policy pack both go through it. Three steps:

1. ``decode``: wire values -> a tree where values unknown until apply are ``UNKNOWN`` and
   secrets are ``Secret`` (the gRPC sig-key wrapper, the ``SecretText`` / ``SecretNumber``
   markers the policy pack puts on values the SDK unwrapped, or the ``"[secret]"`` of
   ``pulumi preview --json``, whose plaintext is gone); whole numbers become ints (the wire
   carries every number as a double).
2. ``to_canonical``: token + decoded inputs -> Terraform type and attribute tree: camelCase ->
   snake_case, objects -> single-element lists (block shape), pluralised repeated blocks ->
   singular names, azure-native's ARM shape mapped field by field, provider defaults filled
   in, and which input produced which attribute (so ``propertyDependencies`` become refs).
3. ``encode``: canonical tree -> values, unknown mask, sensitive mask and secret strings: the
   ``after`` / ``after_unknown`` / ``after_sensitive`` triple every check reads.

A secret whose plaintext is not available (``"[secret]"``) is treated like a value unknown
until apply: checks cannot judge it, so it is never a pass and never a failure.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from plan_parsers.pulumi_tables import (
    AZURE_NATIVE_TYPES,
    BRIDGED_PROVIDERS,
    COMPUTED_WHEN_OMITTED,
    DEFAULTS,
    KNOWN_MAPS,
    MEMBER_PREFIXES,
    MODULE_NAMES,
    NATIVE_TYPES,
    PLURAL_NAMES,
    TYPE_ATTRIBUTE_NAMES,
    TYPE_EXCEPTIONS,
)
from plan_parsers.secrets import all_strings

UNKNOWN_SENTINELS: Final = frozenset(
    {
        "04da6b54-80e4-46f7-96ec-b56ff0331ba9",  # string
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",  # boolean
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",  # number
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",  # array
        "030794c1-ac77-496b-92df-f27374a8bd58",  # asset
        "e48ece36-62e2-4504-bad9-02848725956a",  # archive
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",  # object
    }
)
"""The engine's markers for values unknown until apply (``resource/properties.go``)."""
UNKNOWN_STRING: Final = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
"""The most common unknown marker (strings, and what ``pulumi preview --json`` shows)."""
SIG_KEY: Final = "4dabf18193072939515e22adb298388d"
"""Key that marks a special value (secret, asset, archive) on the wire."""
SECRET_SIG: Final = "1b47061264138c4ac30d75fd1eb44270"
"""Signature of a secret: ``{SIG_KEY: SECRET_SIG, "value": v}``."""
REDACTED_SECRET: Final = "[secret]"
"""How ``pulumi preview --json`` prints a secret."""

_API_VERSION = re.compile(r"^azure-native:([A-Za-z0-9]+)/v[0-9A-Za-z]+:([A-Za-z0-9]+)$")
_IDENTIFIER = re.compile(r"^[a-z][A-Za-z0-9]*$")
_UPPER = re.compile(r"(?<!^)([A-Z])")


class _Unknown:
    """The single marker for "unknown until apply" in a decoded tree."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()
"""A value only known after apply."""


class _Missing:
    """Absent (used while mapping: nothing is written for it)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


@dataclass(frozen=True, slots=True)
class Secret:
    """A value Pulumi holds as a secret; ``value`` is ``UNKNOWN`` when its plaintext is gone."""

    value: Any


class SecretText(str):
    """A string that was a Pulumi secret before the policy SDK unwrapped it."""

    __slots__ = ()


class SecretNumber(float):
    """A number that was a Pulumi secret before the policy SDK unwrapped it."""

    __slots__ = ()


def is_unknown_marker(value: Any) -> bool:
    """True for one of the engine's unknown sentinels."""
    return isinstance(value, str) and value in UNKNOWN_SENTINELS


# --------------------------------------------------------------------------------------------
# 1. decode


def decode(value: Any) -> Any:
    """Wire (or preview JSON) value -> tree with ``UNKNOWN`` and ``Secret`` markers."""
    kind = type(value)  # exact types first: the common cases, checked fast
    if kind is str:
        return _decode_text(value)
    if kind is dict:
        return _decode_mapping(value)
    if kind is list:
        return [decode(item) for item in value]
    if kind is bool or value is None:
        return value
    if kind is float:
        return _number(value)
    if isinstance(value, SecretText):
        text = str(value)
        return Secret(UNKNOWN if text in UNKNOWN_SENTINELS or text == REDACTED_SECRET else text)
    if isinstance(value, SecretNumber):
        return Secret(_number(float(value)))
    if isinstance(value, str):
        return _decode_text(value)
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, Mapping):
        return _decode_mapping(value)
    if isinstance(value, list | tuple):
        return [decode(item) for item in value]
    return None


def _decode_text(value: str) -> Any:
    if value in UNKNOWN_SENTINELS:
        return UNKNOWN
    if value == REDACTED_SECRET:
        return Secret(UNKNOWN)
    return value


def _decode_mapping(value: Mapping[Any, Any]) -> Any:
    if value.get(SIG_KEY) == SECRET_SIG:
        return Secret(decode(value.get("value")))
    decoded: dict[str, Any] = {}
    for key, item in value.items():
        name = key if type(key) is str else str(key)
        if key != SIG_KEY and (not name.startswith("__") or key == "__defaults"):
            decoded[name] = decode(item)
    return decoded


def _number(value: int | float) -> int | float:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# --------------------------------------------------------------------------------------------
# 2. types


@dataclass(frozen=True, slots=True)
class TypeMapping:
    """Where a Pulumi token lands in the canonical model."""

    type: str
    """Terraform type, or the token itself when there is no mapping."""
    provider: str
    """Short provider name (``aws``, ``azurerm``, ``google``, ``azure-native`` ...)."""
    shape: str
    """``bridged``, ``native`` (generic conversion, no singularising), ``azure-native``
    (explicit converter) or ``unmapped``."""

    @property
    def mapped(self) -> bool:
        """True when the token has a canonical Terraform type."""
        return self.shape != "unmapped"


@functools.lru_cache(maxsize=4096)
def canonical_type(token: str) -> TypeMapping:
    """The canonical type of a Pulumi type token (decided once per token)."""
    token = normalise_token(token)
    package = token.split(":", 1)[0]
    if token in NATIVE_TYPES:
        return TypeMapping(NATIVE_TYPES[token], package, "native")
    if package == "azure-native":
        local = token.split(":", 1)[1]
        if local in AZURE_NATIVE_TYPES:
            return TypeMapping(AZURE_NATIVE_TYPES[local], package, "azure-native")
        return TypeMapping(token, package, "unmapped")
    if package in BRIDGED_PROVIDERS:
        tf_type = TYPE_EXCEPTIONS.get(token) or _bridged_type(token)
        if tf_type:
            return TypeMapping(tf_type, BRIDGED_PROVIDERS[package], "bridged")
    return TypeMapping(token, package, "unmapped")


def normalise_token(token: str) -> str:
    """The token without an azure-native API version (``cognitiveservices/v20250601:Account``)."""
    match = _API_VERSION.match(token)
    return f"azure-native:{match.group(1)}:{match.group(2)}" if match else token


def _bridged_type(token: str) -> str | None:
    parts = token.split(":")
    if len(parts) != 3 or not all(parts):
        return None
    package, module_path, type_name = parts
    prefix = BRIDGED_PROVIDERS[package]
    module, _, member = module_path.partition("/")
    member = member or type_name[:1].lower() + type_name[1:]
    member = re.sub(r"^iAM(?=[A-Z])", "iam", member).replace("IAM", "Iam")
    middle = "" if module == "index" else MODULE_NAMES.get((package, module), module)
    for member_prefix, replacement in MEMBER_PREFIXES.get((package, module), ()):
        cut = len(member_prefix)
        if member.startswith(member_prefix) and member[cut : cut + 1].isupper():
            middle, member = replacement, member[cut].lower() + member[cut + 1 :]
            break
    name = snake(member)
    if not middle and name.startswith(f"{prefix}_"):
        name = name[len(prefix) + 1 :]
    return "_".join(part for part in (prefix, middle, name) if part)


@functools.lru_cache(maxsize=16384)
def snake(name: str) -> str:
    """camelCase -> snake_case, the inverse of the bridge's naming (``s3Config``: ``s3_config``)."""
    return _UPPER.sub(r"_\1", name).lower()


def singular(name: str) -> str:
    """The singular of a camelCase plural: only the last word changes (``filtersConfigs``)."""
    cut = max((i for i, c in enumerate(name) if c.isupper()), default=0)
    head, word = name[:cut], name[cut:]
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif lower.endswith(("sses", "shes", "ches", "xes", "zes")):
        word = word[:-2]
    elif lower.endswith(("ss", "us", "is")):
        pass
    elif lower.endswith("s") and len(word) > 1:
        word = word[:-1]
    return head + word


# --------------------------------------------------------------------------------------------
# 2. attributes


@dataclass
class Canonical:
    """A Pulumi resource's inputs in the canonical model (before encoding)."""

    mapping: TypeMapping
    """The canonical type."""
    tree: dict[str, Any]
    """Terraform-shaped attribute tree, still holding ``UNKNOWN`` / ``Secret`` markers."""
    declared: set[str] = field(default_factory=set)
    """Dotted attribute paths the program set (provider defaults excluded)."""
    sources: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Top-level Pulumi input -> canonical attributes it produced (for references)."""
    name_links: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Attribute -> (Terraform type, name) of a resource it names by a known literal name."""


def to_canonical(token: str, properties: Mapping[str, Any]) -> Canonical:
    """Map decoded ``properties`` of a resource of type ``token`` onto the canonical model."""
    mapping = canonical_type(token)
    if mapping.shape == "azure-native":
        canonical = _azure_native(mapping, properties)
    else:
        canonical = _GenericConverter(mapping, singularise=mapping.shape != "native").convert(
            properties
        )
        if mapping.shape == "native":
            _native_fixups(canonical)
    if mapping.mapped:
        _apply_defaults(mapping.type, canonical.tree)
    return canonical


class _GenericConverter:
    """camelCase -> snake_case, objects -> blocks, plural repeated blocks -> singular names."""

    def __init__(self, mapping: TypeMapping, *, singularise: bool) -> None:
        self.mapping = mapping
        self.singularise = singularise

    def convert(self, properties: Mapping[str, Any]) -> Canonical:
        canonical = Canonical(self.mapping, {})
        canonical.tree = self._object(properties, "", canonical.declared, track=True)
        for key in properties:
            if not key.startswith("__"):
                canonical.sources[key].add(self.attribute_name("", key, properties[key]))
        return canonical

    def attribute_name(self, parent: str, key: str, value: Any) -> str:
        """The Terraform name of input ``key`` below canonical path ``parent``."""
        return _attribute_name(
            self.mapping.type,
            self.singularise,
            parent,
            key,
            self.singularise and _holds_objects(value),
        )

    def _object(
        self, obj: Mapping[str, Any], parent: str, declared: set[str], *, track: bool
    ) -> dict[str, Any]:
        defaults = obj.get("__defaults")
        defaulted = (
            {d for d in defaults if isinstance(d, str)} if isinstance(defaults, list) else set()
        )
        out: dict[str, Any] = {}
        for key, value in obj.items():
            if key.startswith("__"):
                continue
            name = self.attribute_name(parent, key, value)
            path = f"{parent}.{name}" if parent else name
            keep = track and key not in defaulted
            if keep:
                declared.add(path)
            out[name] = self._value(key, value, path, declared, track=keep)
        return out

    def _value(self, key: str, value: Any, path: str, declared: set[str], *, track: bool) -> Any:
        if isinstance(value, Secret):
            return Secret(self._value(key, value.value, path, declared, track=track))
        if isinstance(value, dict):
            if _is_map(key, value):
                return _strip_internal(value)
            return [self._object(value, path, declared, track=track)]
        if isinstance(value, list):
            return [self._element(key, item, path, declared, track=track) for item in value]
        return value

    def _element(self, key: str, item: Any, path: str, declared: set[str], *, track: bool) -> Any:
        if isinstance(item, Secret):
            return Secret(self._element(key, item.value, path, declared, track=track))
        if isinstance(item, dict):
            if _is_map(key, item):
                return _strip_internal(item)
            return self._object(item, path, declared, track=track)
        if isinstance(item, list):
            return [self._element(key, sub, path, declared, track=track) for sub in item]
        return item


@functools.lru_cache(maxsize=16384)
def _attribute_name(
    tf_type: str, singularise: bool, parent: str, key: str, holds_objects: bool
) -> str:
    """``_GenericConverter.attribute_name``, decided once per type, path, key and shape."""
    override = TYPE_ATTRIBUTE_NAMES.get(tf_type, {}).get(f"{parent}.{key}" if parent else key)
    if override:
        return override
    if singularise:
        if key in PLURAL_NAMES:
            return PLURAL_NAMES[key]
        if holds_objects:
            return snake(singular(key))
    return snake(key)


def _holds_objects(value: Any) -> bool:
    if isinstance(value, Secret):
        value = value.value
    return isinstance(value, list) and any(
        isinstance(item.value if isinstance(item, Secret) else item, dict) for item in value
    )


def _is_map(key: str, value: dict[str, Any]) -> bool:
    if key in KNOWN_MAPS:
        return True
    keys = [k for k in value if not k.startswith("__")]
    return any(not _IDENTIFIER.match(k) for k in keys)


def _strip_internal(value: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in value.items() if not k.startswith("__")}


def _native_fixups(canonical: Canonical) -> None:
    """aws-native: CloudFormation policy documents are objects; Terraform holds JSON text.

    A document's keys (``Version``, ``Statement``) are not camelCase, so the generic
    conversion keeps it as a map, untouched.
    """
    tree = canonical.tree
    if "policy_document" in tree and "policy" not in tree:
        document = tree.pop("policy_document")
        tree["policy"] = _as_json(document)
        canonical.declared = {
            p.replace("policy_document", "policy", 1) if p.startswith("policy_document") else p
            for p in canonical.declared
            if p == "policy_document" or not p.startswith("policy_document.")
        }
        for attributes in canonical.sources.values():
            if "policy_document" in attributes:
                attributes.discard("policy_document")
                attributes.add("policy")
    if canonical.mapping.type == "aws_iam_policy" and "managed_policy_name" in tree:
        tree["name"] = tree.pop("managed_policy_name")


def _single_block(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict)


def _as_json(document: Any) -> Any:
    """A policy document as JSON text; unknown (or secret) when any part of it is."""
    if isinstance(document, str) or document is UNKNOWN:
        return document
    if _contains(document, lambda v: v is UNKNOWN):
        return UNKNOWN
    secret = _contains(document, lambda v: isinstance(v, Secret))
    text = json.dumps(_unwrap_secrets(document), sort_keys=True)
    return Secret(text) if secret else text


def _unwrap_secrets(value: Any) -> Any:
    if isinstance(value, Secret):
        return _unwrap_secrets(value.value)
    if isinstance(value, dict):
        return {k: _unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap_secrets(v) for v in value]
    return value


def _contains(value: Any, test: Callable[[Any], bool]) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if test(item):
            return True
        if isinstance(item, Secret):
            stack.append(item.value)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _apply_defaults(tf_type: str, tree: dict[str, Any]) -> None:
    for path, default in DEFAULTS.get(tf_type, {}).items():
        *parents, leaf = path.split(".")
        container: Any = tree
        for part in parents:
            container = container.get(part) if isinstance(container, dict) else None
            if _single_block(container):
                container = container[0]
        if isinstance(container, dict) and container.get(leaf) is None:
            container[leaf] = default
    for attribute in COMPUTED_WHEN_OMITTED.get(tf_type, ()):
        if tree.get(attribute) is None:
            tree[attribute] = UNKNOWN


# --------------------------------------------------------------------------------------------
# azure-native: explicit, field by field


def _lift(function: Callable[[Any], Any], value: Any) -> Any:
    """Apply ``function`` to a known value; markers pass through (secrets stay secret)."""
    if value is MISSING or value is UNKNOWN or value is None:
        return MISSING if value is None else value
    if isinstance(value, Secret):
        inner = _lift(function, value.value)
        return inner if inner is MISSING or inner is UNKNOWN else Secret(inner)
    return function(value)


def _at(value: Any, *keys: str) -> Any:
    """``value[k1][k2]...`` through ARM ``properties`` envelopes and markers."""
    secret = False
    for key in keys:
        while isinstance(value, Secret):
            secret, value = True, value.value
        if value is UNKNOWN:
            break
        if not isinstance(value, dict):
            return MISSING
        if key in value:
            value = value[key]
        elif isinstance(value.get("properties"), dict) and key in value["properties"]:
            value = value["properties"][key]
        elif value.get("properties") is UNKNOWN:
            value = UNKNOWN
            break
        else:
            return MISSING
    if value is None:
        return MISSING
    return Secret(value) if secret and not isinstance(value, Secret) else value


def _enabled(value: Any) -> Any:
    return value.strip().lower() == "enabled" if isinstance(value, str) else MISSING


def _negated(value: Any) -> Any:
    return (not value) if isinstance(value, bool) else MISSING


def _items(value: Any, function: Callable[[Any], Any]) -> Any:
    """Map each element of a list; unknown elements stay unknown, absent ones are dropped."""

    def each(items: Any) -> Any:
        if not isinstance(items, list):
            return MISSING
        mapped = [_lift(function, item) for item in items]
        return [item for item in mapped if item is not MISSING]

    return _lift(each, value)


def _block(**fields: Any) -> dict[str, Any]:
    """An object from keyword fields, leaving out the absent ones."""
    return {key: value for key, value in fields.items() if value is not MISSING}


class _ArmReader:
    """Writes one azure-native resource's canonical tree, remembering each attribute's input."""

    def __init__(self, mapping: TypeMapping, properties: Mapping[str, Any]) -> None:
        self.props = properties
        self.canonical = Canonical(mapping, {})

    def top(self, key: str) -> Any:
        """A top-level input."""
        value = self.props.get(key, MISSING)
        return MISSING if value is None else value

    def arm(self, key: str) -> tuple[Any, str]:
        """An ARM property: under ``properties`` or flattened to the top; and its input."""
        envelope = self.props.get("properties")
        if envelope is UNKNOWN:
            return UNKNOWN, "properties"
        found = _at(envelope, key) if envelope is not None else MISSING
        if found is not MISSING:
            return found, "properties"
        return self.top(key), key

    def put(self, attribute: str, value: Any, source: str) -> None:
        """Write ``attribute`` (a top-level name) unless ``value`` is absent."""
        if value is MISSING:
            return
        self.canonical.tree[attribute] = value
        self.canonical.sources[source].add(attribute)

    def copy(self, attribute: str, key: str, transform: Callable[[Any], Any] | None = None) -> None:
        """Write a top-level input under ``attribute``."""
        value = self.top(key)
        self.put(attribute, _lift(transform, value) if transform else value, key)

    def copy_arm(
        self, attribute: str, key: str, transform: Callable[[Any], Any] | None = None
    ) -> None:
        """Write an ARM property under ``attribute``."""
        value, source = self.arm(key)
        self.put(attribute, _lift(transform, value) if transform else value, source)

    def link(self, attribute: str, key: str, tf_type: str) -> None:
        """``attribute`` is the ARM id of the ``tf_type`` named by input ``key``."""
        name = self.top(key)
        if name is MISSING:
            return
        self.put(attribute, UNKNOWN, key)
        if isinstance(name, str):
            self.canonical.name_links[attribute] = (tf_type, name)

    def identity(self) -> None:
        """``identity {type, identityIds}`` from ARM ``identity {type, userAssignedIdentities}``."""

        def convert(identity: Any) -> Any:
            if not isinstance(identity, dict):
                return MISSING
            ids = _lift(_identity_ids, _at(identity, "userAssignedIdentities"))
            return [_block(type=_at(identity, "type"), identity_ids=ids)]

        self.put("identity", _lift(convert, self.top("identity")), "identity")

    def common(self, name_key: str) -> None:
        """Name, location, resource group and tags."""
        self.copy("name", name_key)
        self.copy("location", "location")
        self.copy("resource_group_name", "resourceGroupName")
        self.copy("tags", "tags")


def _identity_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return sorted(value)
    return value if isinstance(value, list) else MISSING


def _azure_native(mapping: TypeMapping, properties: Mapping[str, Any]) -> Canonical:
    reader = _ArmReader(mapping, properties)
    _AZURE_NATIVE_CONVERTERS[mapping.type](reader)
    canonical = reader.canonical
    canonical.declared = set(_paths(canonical.tree))
    return canonical


def _cognitive_account(r: _ArmReader) -> None:
    r.common("accountName")
    r.copy("kind", "kind")
    r.copy("sku_name", "sku", lambda sku: _at(sku, "name"))
    r.copy_arm("custom_subdomain_name", "customSubDomainName")
    r.copy_arm("public_network_access_enabled", "publicNetworkAccess", _enabled)
    r.copy_arm("local_auth_enabled", "disableLocalAuth", _negated)
    r.copy_arm("outbound_network_access_restricted", "restrictOutboundNetworkAccess")
    r.copy_arm("fqdns", "allowedFqdnList")
    r.copy_arm("dynamic_throttling_enabled", "dynamicThrottlingEnabled")
    r.copy_arm("project_management_enabled", "allowProjectManagement")
    r.copy_arm("network_acls", "networkAcls", _network_acls)
    r.copy_arm("customer_managed_key", "encryption", _customer_managed_key)
    r.copy_arm(
        "storage",
        "userOwnedStorage",
        lambda items: _items(
            items,
            lambda s: _block(
                storage_account_id=_at(s, "resourceId"),
                identity_client_id=_at(s, "identityClientId"),
            ),
        ),
    )
    r.identity()


def _network_acls(acls: Any) -> Any:
    if not isinstance(acls, dict):
        return MISSING
    return [
        _block(
            default_action=_at(acls, "defaultAction"),
            bypass=_at(acls, "bypass"),
            ip_rules=_items(_at(acls, "ipRules"), lambda rule: _at(rule, "value")),
            virtual_network_rules=_items(
                _at(acls, "virtualNetworkRules"),
                lambda rule: _block(
                    subnet_id=_at(rule, "id"),
                    ignore_missing_vnet_service_endpoint=_at(
                        rule, "ignoreMissingVnetServiceEndpoint"
                    ),
                ),
            ),
        )
    ]


def _customer_managed_key(encryption: Any) -> Any:
    if not isinstance(encryption, dict):
        return MISSING
    source = _at(encryption, "keySource")
    if source is UNKNOWN:
        return [{"key_vault_key_id": UNKNOWN}]
    if not (isinstance(source, str) and source.lower() == "microsoft.keyvault"):
        return MISSING
    vault = _at(encryption, "keyVaultProperties")
    key_id = _key_vault_key_id(
        _at(vault, "keyVaultUri"), _at(vault, "keyName"), _at(vault, "keyVersion")
    )
    return [_block(key_vault_key_id=key_id, identity_client_id=_at(vault, "identityClientId"))]


def _key_vault_key_id(uri: Any, name: Any, version: Any) -> Any:
    parts = (uri, name, version)
    if uri is MISSING or name is MISSING:
        return MISSING
    if any(
        part is UNKNOWN or (isinstance(part, Secret) and part.value is UNKNOWN) for part in parts
    ):
        return UNKNOWN
    secret = any(isinstance(part, Secret) for part in parts)
    plain = [part.value if isinstance(part, Secret) else part for part in parts]
    if not all(isinstance(part, str) for part in plain[:2]):
        return MISSING
    text = f"{plain[0].rstrip('/')}/keys/{plain[1]}"
    if isinstance(plain[2], str) and plain[2]:
        text += f"/{plain[2]}"
    return Secret(text) if secret else text


def _cognitive_deployment(r: _ArmReader) -> None:
    r.copy("name", "deploymentName")
    r.link("cognitive_account_id", "accountName", "azurerm_cognitive_account")
    r.copy_arm(
        "model",
        "model",
        lambda model: [
            _block(
                format=_at(model, "format"),
                name=_at(model, "name"),
                version=_at(model, "version"),
            )
        ],
    )
    r.copy(
        "sku",
        "sku",
        lambda sku: [
            _block(name=_at(sku, "name"), capacity=_at(sku, "capacity"), tier=_at(sku, "tier"))
        ],
    )
    r.copy_arm("rai_policy_name", "raiPolicyName")
    r.copy_arm("version_upgrade_option", "versionUpgradeOption")
    r.copy_arm("dynamic_throttling_enabled", "dynamicThrottlingEnabled")


def _rai_policy(r: _ArmReader) -> None:
    r.copy("name", "raiPolicyName")
    r.link("cognitive_account_id", "accountName", "azurerm_cognitive_account")
    r.copy_arm("base_policy_name", "basePolicyName")
    r.copy_arm("mode", "mode")
    r.copy_arm(
        "content_filter",
        "contentFilters",
        lambda filters: _items(
            filters,
            lambda item: _block(
                name=_at(item, "name"),
                filter_enabled=_at(item, "enabled"),
                block_enabled=_at(item, "blocking"),
                severity_threshold=_at(item, "severityThreshold"),
                source=_at(item, "source"),
            ),
        ),
    )
    r.copy("tags", "tags")


def _rai_blocklist(r: _ArmReader) -> None:
    r.copy("name", "raiBlocklistName")
    r.link("cognitive_account_id", "accountName", "azurerm_cognitive_account")
    r.copy_arm("description", "description")


def _private_endpoint(r: _ArmReader) -> None:
    r.common("privateEndpointName")
    r.copy("subnet_id", "subnet", lambda subnet: _at(subnet, "id"))
    r.copy_arm("custom_network_interface_name", "customNetworkInterfaceName")
    connections: list[Any] = []
    unknown = False
    for key, manual in (
        ("privateLinkServiceConnections", False),
        ("manualPrivateLinkServiceConnections", True),
    ):
        found, source = r.arm(key)
        if found is MISSING:
            continue
        r.canonical.sources[source].add("private_service_connection")
        mapped = _items(found, functools.partial(_connection, manual=manual))
        if mapped is UNKNOWN:
            unknown = True
        elif isinstance(mapped, Secret) and isinstance(mapped.value, list):
            connections.extend(Secret(item) for item in mapped.value)
        elif isinstance(mapped, list):
            connections.extend(mapped)
    if unknown:
        r.canonical.tree["private_service_connection"] = UNKNOWN
    elif connections:
        r.canonical.tree["private_service_connection"] = connections


def _connection(connection: Any, *, manual: bool) -> Any:
    if not isinstance(connection, dict):
        return MISSING
    return _block(
        name=_at(connection, "name"),
        private_connection_resource_id=_at(connection, "privateLinkServiceId"),
        subresource_names=_at(connection, "groupIds"),
        request_message=_at(connection, "requestMessage"),
        is_manual_connection=manual,
    )


def _diagnostic_setting(r: _ArmReader) -> None:
    r.copy("name", "name")
    r.copy("target_resource_id", "resourceUri")
    r.copy_arm("log_analytics_workspace_id", "workspaceId")
    r.copy_arm("storage_account_id", "storageAccountId")
    r.copy_arm("eventhub_authorization_rule_id", "eventHubAuthorizationRuleId")
    r.copy_arm("eventhub_name", "eventHubName")
    r.copy_arm("log_analytics_destination_type", "logAnalyticsDestinationType")
    r.copy_arm(
        "enabled_log",
        "logs",
        lambda logs: _items(
            logs,
            lambda log: (
                MISSING
                if _at(log, "enabled") is False
                else _block(category=_at(log, "category"), category_group=_at(log, "categoryGroup"))
            ),
        ),
    )
    r.copy_arm(
        "enabled_metric",
        "metrics",
        lambda metrics: _items(
            metrics,
            lambda metric: (
                MISSING
                if _at(metric, "enabled") is False
                else _block(category=_at(metric, "category"))
            ),
        ),
    )


def _search_service(r: _ArmReader) -> None:
    r.common("searchServiceName")
    r.copy("sku", "sku", lambda sku: _at(sku, "name"))
    r.copy_arm("public_network_access_enabled", "publicNetworkAccess", _enabled)
    r.copy_arm("local_authentication_enabled", "disableLocalAuth", _negated)
    r.copy_arm(
        "customer_managed_key_enforcement_enabled",
        "encryptionWithCmk",
        lambda cmk: _lift(_enabled, _at(cmk, "enforcement")),
    )
    r.identity()


def _role_assignment(r: _ArmReader) -> None:
    r.copy("name", "roleAssignmentName")
    r.copy("scope", "scope")
    r.copy_arm("role_definition_id", "roleDefinitionId")
    r.copy_arm("principal_id", "principalId")
    r.copy_arm("principal_type", "principalType")
    r.copy_arm("condition", "condition")


def _ml_workspace(r: _ArmReader) -> None:
    r.common("workspaceName")
    r.copy_arm("public_network_access_enabled", "publicNetworkAccess", _enabled)
    r.copy_arm("high_business_impact_enabled", "hbiWorkspace")
    r.copy_arm("application_insights_id", "applicationInsights")
    r.copy_arm("key_vault_id", "keyVault")
    r.copy_arm("storage_account_id", "storageAccount")
    r.copy_arm(
        "managed_network",
        "managedNetwork",
        lambda network: [_block(isolation_mode=_at(network, "isolationMode"))],
    )
    r.copy_arm(
        "encryption",
        "encryption",
        lambda encryption: [
            _block(
                key_id=_at(encryption, "keyVaultProperties", "keyIdentifier"),
                key_vault_id=_at(encryption, "keyVaultProperties", "keyVaultArmId"),
            )
        ],
    )
    r.identity()


_AZURE_NATIVE_CONVERTERS: dict[str, Callable[[_ArmReader], None]] = {
    "azurerm_cognitive_account": _cognitive_account,
    "azurerm_cognitive_deployment": _cognitive_deployment,
    "azurerm_cognitive_account_rai_policy": _rai_policy,
    "azurerm_cognitive_account_rai_blocklist": _rai_blocklist,
    "azurerm_private_endpoint": _private_endpoint,
    "azurerm_monitor_diagnostic_setting": _diagnostic_setting,
    "azurerm_search_service": _search_service,
    "azurerm_role_assignment": _role_assignment,
    "azurerm_machine_learning_workspace": _ml_workspace,
}


def _paths(tree: Any, prefix: str = "") -> Iterable[str]:
    """Every dotted attribute path of a canonical tree (maps are leaves)."""
    if isinstance(tree, Secret):
        yield from _paths(tree.value, prefix)
    elif isinstance(tree, dict):
        for key, value in tree.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            if key not in ("tags", "labels"):
                yield from _paths(value, path)
    elif isinstance(tree, list):
        for item in tree:
            yield from _paths(item, prefix)


# --------------------------------------------------------------------------------------------
# 3. encode


@dataclass(frozen=True, slots=True)
class Encoded:
    """A canonical tree split the way ``terraform show -json`` holds a resource."""

    values: Any
    """Known values; a value unknown until apply is None (its key is kept: a map key whose
    value is unknown, such as a secret env var, still exists)."""
    unknown: Any
    """Mask of values unknown until apply (``after_unknown`` shape)."""
    sensitive: Any
    """Mask of secret values (``after_sensitive`` shape)."""
    secrets: frozenset[str]
    """Plaintext strings of secrets whose value is known."""


def encode(tree: Any) -> Encoded:
    """Split a canonical tree into values, unknown and sensitive masks, and secret strings."""
    secrets: set[str] = set()
    values, unknown, sensitive = _encode(tree, secrets)
    return Encoded(values, unknown, sensitive, frozenset(secrets))


def _encode(node: Any, secrets: set[str]) -> tuple[Any, Any, Any]:
    kind = type(node)
    if kind is str or kind is bool or kind is int or kind is float or node is None:
        return node, False, False
    if node is UNKNOWN:
        return None, True, False
    if isinstance(node, Secret):
        value, unknown, _ = _encode(node.value, secrets)
        all_strings(value, secrets)
        return value, unknown, True
    if isinstance(node, dict):
        values: dict[str, Any] = {}
        unknown_mask: dict[str, Any] = {}
        sensitive_mask: dict[str, Any] = {}
        for key, item in node.items():
            value, unknown, sensitive = _encode(item, secrets)
            values[key] = value
            if unknown:
                unknown_mask[key] = unknown
            if sensitive:
                sensitive_mask[key] = sensitive
        return values, unknown_mask, sensitive_mask
    if isinstance(node, list):
        parts = [_encode(item, secrets) for item in node]
        items = [value for value, _, _ in parts]
        unknown_list = [unknown for _, unknown, _ in parts]
        sensitive_list = [sensitive for _, _, sensitive in parts]
        return (
            items,
            unknown_list if any(unknown_list) else [],
            sensitive_list if any(sensitive_list) else [],
        )
    return node, False, False
