"""Pulumi resources (from a preview or from the CrossGuard analyzer) -> one Inventory.

Addresses: a Pulumi resource is ``<terraform type>.<logical name>`` (``aws_bedrock_guardrail.
main`` for ``aws.bedrock.Guardrail("main", ...)``), the name being the last ``::`` segment of
its URN. Two resources that would share an address (the same logical name under different
parent components, or a bridged and an azure-native resource of the same canonical type) get
their URN's type chain as an instance key: ``aws_bedrock_guardrail.main["my:app:Chat$aws:
bedrock/guardrail:Guardrail"]``. Tokens with no canonical type keep the token as their type
(``azure-native:storage:StorageAccount.data``), so references to them still resolve. The
inventory's ``metadata["urns"]`` maps every address back to its URN.

Providers (``pulumi:providers:*``), the root stack and component resources are not cloud
resources and are left out. ``propertyDependencies`` become ``Resource.refs`` (canonical
attribute -> base addresses of the resources it is built from); a dependency no property
explains is recorded under ``depends_on``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from plan_parsers.pulumi_types import (
    UNKNOWN_STRING,
    Canonical,
    decode,
    encode,
    snake,
    to_canonical,
)
from srm_iac.model.enums import Action, InputKind
from srm_iac.model.inventory import Inventory, Resource, SourceLocation

MAX_PROPERTY_DEPTH = 64
"""Deepest property value mapped (the engine's own protobuf limit is 100 levels)."""
AI_MODULES = (
    "azure-native:cognitiveservices:",
    "azure-native:machinelearningservices:",
    "aws-native:bedrock:",
    "aws-native:sagemaker:",
)
"""Token prefixes of AI services: unmapped types there are worth a note."""


@dataclass(frozen=True)
class PulumiResource:
    """One resource as the Pulumi engine describes it, before mapping."""

    urn: str
    """``urn:pulumi:<stack>::<project>::<type chain>::<name>``."""
    type: str
    """Type token (``aws:bedrock/guardrail:Guardrail``)."""
    properties: Mapping[str, Any]
    """Inputs (or outputs), as they arrive: sentinels, secret wrappers, ``__defaults``."""
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Top-level input -> URNs of the resources its value comes from."""
    dependencies: tuple[str, ...] = ()
    """URNs of every resource this one depends on."""
    custom: bool = True
    """False for component resources (no cloud resource of their own)."""
    action: Action = Action.DECLARED
    """What the update does to it."""
    source_position: str = ""
    """``project:///path#line,column`` where the program declares it, when known."""

    @property
    def name(self) -> str:
        """The logical name (last URN segment)."""
        return self.urn.rsplit("::", 1)[-1]

    @property
    def type_chain(self) -> str:
        """The URN's qualified type (parent types joined with ``$``)."""
        parts = self.urn.split("::")
        return parts[2] if len(parts) >= 4 else self.type

    @property
    def is_cloud_resource(self) -> bool:
        """A custom resource that is neither a provider nor the stack."""
        return self.custom and not self.type.startswith("pulumi:")


@dataclass
class _Mapped:
    source: PulumiResource
    canonical: Canonical
    name: str = ""
    """The logical name (read from the URN once)."""
    base: str = ""
    """``<canonical type>.<name>``: the address without an instance key."""
    address: str = ""

    def __post_init__(self) -> None:
        self.name = self.source.name
        self.base = f"{self.canonical.mapping.type}.{self.name}"


def build_inventory(
    resources: Iterable[PulumiResource],
    kind: InputKind,
    source: str,
    *,
    notes: Iterable[str] = (),
    metadata: Mapping[str, Any] | None = None,
) -> Inventory:
    """Map ``resources`` and link them into an Inventory.

    A property nested more than ``MAX_PROPERTY_DEPTH`` levels deep (Pulumi never sends one;
    a hand-made preview can) is unknown until apply, so the mapping never recurses deeper.
    """
    too_deep: list[str] = []
    mapped = [
        _Mapped(resource, to_canonical(resource.type, decode(_bounded(resource, too_deep))))
        for resource in resources
        if resource.is_cloud_resource
    ]
    _assign_addresses(mapped)
    by_urn = {item.source.urn: item for item in mapped}
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in mapped:
        name = item.canonical.tree.get("name")
        by_name[(item.canonical.mapping.type, item.name)].append(item.base)
        if isinstance(name, str):
            by_name[(item.canonical.mapping.type, name)].append(item.base)
    secrets: set[str] = set()
    built: list[Resource] = []
    for item in mapped:
        encoded = encode(item.canonical.tree)
        secrets |= encoded.secrets
        mapping = item.canonical.mapping
        built.append(
            Resource(
                address=item.address,
                type=mapping.type,
                name=item.name,
                provider=mapping.provider,
                action=item.source.action,
                values=encoded.values,
                unknown=encoded.unknown,
                sensitive=encoded.sensitive,
                refs=_refs(item, by_urn, by_name),
                declared=frozenset(item.canonical.declared),
                location=source_location(item.source.source_position),
                index=item.address[len(item.base) + 2 : -2] or None,
                origin="pulumi",
            )
        )
    unmapped = sorted(
        {item.source.type for item in mapped if item.source.type.startswith(AI_MODULES)}
        & {item.source.type for item in mapped if not item.canonical.mapping.mapped}
    )
    all_notes = [
        *notes,
        *(f"{t}: Pulumi type recognised but not checked" for t in unmapped),
        *(
            f"{where} is nested more than {MAX_PROPERTY_DEPTH} levels deep; treated as known "
            "only after apply"
            for where in too_deep
        ),
    ]
    info = dict(metadata or {})
    info["urns"] = {item.address: item.source.urn for item in mapped}
    return Inventory(
        kind=kind,
        source=source,
        resources=built,
        secrets=frozenset(secrets),
        notes=all_notes,
        metadata=info,
    )


def _bounded(resource: PulumiResource, too_deep: list[str]) -> Mapping[str, Any]:
    """The properties, each one nested deeper than ``MAX_PROPERTY_DEPTH`` made unknown."""
    properties = resource.properties
    deep = [key for key, value in properties.items() if _deeper_than(value, MAX_PROPERTY_DEPTH)]
    if not deep:
        return properties
    too_deep.extend(f"{resource.urn}: {key}" for key in deep)
    return {**properties, **dict.fromkeys(deep, UNKNOWN_STRING)}


def _deeper_than(value: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, Mapping):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list | tuple):
            stack.extend((child, depth + 1) for child in item)
    return False


def _assign_addresses(mapped: list[_Mapped]) -> None:
    counts = Counter(item.base for item in mapped)
    for item in mapped:
        if counts[item.base] == 1:
            item.address = item.base
            continue
        key = item.source.type_chain.replace("\\", "\\\\").replace('"', '\\"')
        item.address = f'{item.base}["{key}"]'


def _refs(
    item: _Mapped,
    by_urn: Mapping[str, _Mapped],
    by_name: Mapping[tuple[str, str], list[str]],
) -> dict[str, tuple[str, ...]]:
    refs: dict[str, list[str]] = defaultdict(list)
    explained: set[str] = set()
    for key, urns in item.source.property_dependencies.items():
        attributes = item.canonical.sources.get(key) or {snake(key)}
        for urn in urns:
            target = by_urn.get(urn)
            if target is None:
                continue
            explained.add(urn)
            for attribute in attributes:
                refs[attribute].append(target.base)
    for attribute, (tf_type, name) in item.canonical.name_links.items():
        refs[attribute].extend(by_name.get((tf_type, name), ()))
    for urn in item.source.dependencies:
        target = by_urn.get(urn)
        if target is not None and urn not in explained:
            refs["depends_on"].append(target.base)
    return {attribute: tuple(dict.fromkeys(bases)) for attribute, bases in refs.items() if bases}


def source_location(position: str) -> SourceLocation | None:
    """``project:///infra/__main__.py#12,5`` -> ``infra/__main__.py:12``."""
    if not position:
        return None
    path, _, rest = position.partition("#")
    for prefix in ("project:///", "project://", "file://"):
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    line_text = rest.split(",", 1)[0]
    if not path or not line_text.isdigit() or int(line_text) < 1:
        return None
    line = int(line_text)
    return SourceLocation(path=path, start_line=line, end_line=line)
