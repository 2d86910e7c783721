"""The normalised inventory every parser produces and every check reads.

Types and attribute names are Terraform's (``aws_bedrock_guardrail``, snake_case, blocks as
lists). Addresses are Terraform instance addresses for Terraform inputs and
``<terraform type>.<pulumi name>`` style addresses for Pulumi inputs (see the Pulumi parser).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Protocol, TypeVar, cast

from srm_iac.model.enums import Action, InputKind
from srm_iac.model.values import Node

_T = TypeVar("_T")

NO_REFERENCES: Mapping[str, tuple[str, ...]] = MappingProxyType({})
"""The shared, read-only ``refs`` of every resource that references nothing."""

BLOCK_MARK = "{}"
"""Suffix of nested-block paths in ``Resource.declared``."""


@dataclass(frozen=True, slots=True, order=True)
class SourceLocation:
    """Where a resource is declared in source code."""

    path: str
    """Path of the file, relative to the scanned root where known."""
    start_line: int
    """First line of the declaring block (1-based)."""
    end_line: int
    """Last line of the declaring block (1-based)."""

    def __str__(self) -> str:
        return f"{self.path}:{self.start_line}"


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline ``# srm-iac:ignore CHECK reason="..." expires=DATE`` on a resource block."""

    check_id: str
    """The check it silences on this resource."""
    reason: str
    """Why the risk is accepted (required)."""
    expires: dt.date | None
    """The first day it no longer applies; None when it does not expire."""
    location: SourceLocation
    """The comment's file and line."""

    def applies(self, today: dt.date) -> bool:
        """True until the expiry date (a suppression expiring today no longer applies)."""
        return self.expires is None or self.expires > today


class ValuesLoader(Protocol):
    """Reads a resource's attribute values from where its parser left them."""

    def __call__(self, resource: Resource) -> None:
        """Set ``values``, ``unknown`` and ``sensitive`` of ``resource`` (once)."""
        ...

    def decoded(self) -> tuple[Any, Any, Any]:
        """(values, unknown, sensitive), decoded afresh and not kept."""
        ...


@dataclass(eq=False, slots=True)
class Resource:
    """One resource instance that will exist (or already exists) after apply."""

    address: str
    """Absolute instance address, e.g. ``module.chat.aws_bedrock_guardrail.main[0]``."""
    type: str
    """Canonical (Terraform) resource type."""
    name: str
    """Resource name within its module."""
    module: str = ""
    """Module instance address (``module.a["x"].module.b``); empty for the root module."""
    mode: str = "managed"
    """``managed`` or ``data``."""
    provider: str = ""
    """Short provider name (``aws``, ``azurerm``, ``google``, ``azure-native`` ...)."""
    action: Action = Action.DECLARED
    """What the plan does to it."""
    values: Any = None
    """Attribute values, Terraform-shaped; unknown leaves are absent."""
    unknown: Any = None
    """Mask of values unknown until apply (``after_unknown`` shape)."""
    sensitive: Any = None
    """Mask of sensitive values (``after_sensitive`` shape)."""
    refs: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: NO_REFERENCES)
    """Attribute path (dotted, no indices) -> base addresses of the resources it references."""
    declared: frozenset[str] | None = None
    """What the source writes: attribute paths (dotted, no indices) set by an expression, and
    nested block paths marked with ``BLOCK_MARK`` (``logging_config{}``). None when the input
    has no configuration. Tells "left to the provider default" from "computed from values"."""
    location: SourceLocation | None = None
    """Where the resource is declared, when known."""
    linker: Callable[[Resource], None] | None = field(default=None, repr=False)
    """Fills ``declared`` and ``refs`` on first use (the plan parser links lazily)."""
    loader: ValuesLoader | None = field(default=None, repr=False)
    """Fills ``values``, ``unknown`` and ``sensitive`` on first use (plans are read lazily)."""
    index: str | int | None = None
    """``count`` / ``for_each`` key, when set."""
    origin: str = ""
    """Where it was read from: ``resource_changes``, ``prior_state``, ``hcl``, ``pulumi``."""
    suppressions: tuple[Suppression, ...] = ()
    """Inline suppressions written on the declaring block in source."""

    @property
    def root(self) -> Node:
        """The attribute tree of this resource (read through this, never the fields)."""
        if self.loader is not None:
            self.loader(self)
        return Node(self.values, self.unknown, self.sensitive)

    def peek(self) -> Node:
        """The attribute tree, without keeping it in memory when it has not been read yet.

        For a glance at one or two attributes of many resources (target detection): the
        values are decoded again on every call, so use ``root`` / ``at`` for anything more.
        """
        if self.loader is not None:
            return Node(*self.loader.decoded())
        return Node(self.values, self.unknown, self.sensitive)

    def at(self, *path: str | int) -> Node:
        """The attribute at ``path`` (see ``Node.get``)."""
        return self.root.get(*path)

    def each(self, *path: str | int) -> list[Node]:
        """The elements of the repeated block at ``path``."""
        return self.root.each(*path)

    @property
    def base_address(self) -> str:
        """The address without this resource's own instance key."""
        local = (
            f"{self.type}.{self.name}" if self.mode != "data" else f"data.{self.type}.{self.name}"
        )
        return f"{self.module}.{local}" if self.module else local

    def sets(self, attribute: str) -> bool | None:
        """True/False when the source writes ``attribute`` (an attribute or a block); None
        when the input cannot tell. An enclosing attribute written as one expression (a whole
        object) counts; an enclosing block does not: its attributes are written one by one.
        """
        if self.linker is not None:
            self.linker(self)
        declared = self.declared
        if declared is None:
            return None
        if attribute in declared or attribute + BLOCK_MARK in declared:
            return True
        path = attribute
        while "." in path:
            path = path.rsplit(".", 1)[0]
            if path in declared:
                return True
            if path + BLOCK_MARK in declared:
                return False
        return False

    def references(self, attribute: str) -> tuple[str, ...]:
        """Base addresses referenced by ``attribute`` (dotted path without indices).

        An expression on an enclosing attribute (an object-typed attribute written as one
        expression) covers everything below it, so enclosing paths are consulted too.
        """
        if self.linker is not None:
            self.linker(self)
        path = attribute
        while True:
            found = self.refs.get(path)
            if found is not None or "." not in path:
                return found or ()
            path = path.rsplit(".", 1)[0]


@dataclass(eq=False)
class Inventory:
    """Every resource of one input, indexed once for the checks."""

    kind: InputKind
    """Which parser produced it."""
    source: str
    """The input's name (a path, or ``-`` for standard input)."""
    resources: list[Resource] = field(default_factory=list)
    """Resources that exist after apply (deleted ones are left out)."""
    secrets: frozenset[str] = frozenset()
    """Sensitive string values seen in the input; outputs are scrubbed of them."""
    notes: list[str] = field(default_factory=list)
    """Things the user should know about the input (errored plan, unsupported types)."""
    metadata: dict[str, Any] = field(default_factory=dict)
    """Facts about the input (format and tool versions, resource counts)."""

    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: str, compute: Callable[[], _T]) -> _T:
        """``compute()`` once per inventory: selections several checks share (GPU hosts ...)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast("_T", self._memo[key])

    @cached_property
    def _by_type(self) -> dict[str, list[Resource]]:
        index: dict[str, list[Resource]] = defaultdict(list)
        for resource in self.resources:
            if resource.mode == "managed":
                index[resource.type].append(resource)
        return dict(index)

    @cached_property
    def _data_by_type(self) -> dict[str, list[Resource]]:
        index: dict[str, list[Resource]] = defaultdict(list)
        for resource in self.resources:
            if resource.mode == "data":
                index[resource.type].append(resource)
        return dict(index)

    @cached_property
    def _by_base_address(self) -> dict[str, list[Resource]]:
        return _by_base_address(self.resources)

    @cached_property
    def _by_address(self) -> dict[str, Resource]:
        return {resource.address: resource for resource in self.resources}

    @property
    def types(self) -> Iterable[str]:
        """Every managed resource type present."""
        return self._by_type.keys()

    def of_type(self, *types: str) -> list[Resource]:
        """Managed resources of the given types, in input order per type."""
        if len(types) == 1:
            return self._by_type.get(types[0], [])
        return [resource for t in types for resource in self._by_type.get(t, [])]

    def data_of_type(self, *types: str) -> list[Resource]:
        """Data sources of the given types."""
        return [resource for t in types for resource in self._data_by_type.get(t, [])]

    def get(self, address: str) -> Resource | None:
        """The resource at this exact instance address."""
        return self._by_address.get(address)

    def referenced(self, resource: Resource, attribute: str, *types: str) -> list[Resource]:
        """Resources that ``attribute`` of ``resource`` refers to, optionally of ``types``."""
        found: list[Resource] = []
        references = resource.references(attribute)
        if not references:
            return found
        index = self._bases_of(types) if types else self._by_base_address
        for base in references:
            for candidate in index.get(base, ()):
                if candidate not in found:
                    found.append(candidate)
        return found

    def _bases_of(self, types: tuple[str, ...]) -> dict[str, list[Resource]]:
        """Resources (managed and data) of ``types`` by base address, in input order: the
        index of only the types a check follows references to (built once per ``types``)."""
        key = f"inventory.bases_of:{','.join(types)}"
        if key not in self._memo:
            wanted = set(types)
            self._memo[key] = _by_base_address(r for r in self.resources if r.type in wanted)
        return cast("dict[str, list[Resource]]", self._memo[key])

    def referencing(self, target: Resource, attribute: str, *types: str) -> list[Resource]:
        """Resources of ``types`` whose ``attribute`` refers to ``target``."""
        return [
            resource
            for resource in self.of_type(*types)
            if target.base_address in resource.references(attribute)
        ]


def _by_base_address(resources: Iterable[Resource]) -> dict[str, list[Resource]]:
    """``resources`` by base address, in input order."""
    index: dict[str, list[Resource]] = defaultdict(list)
    for resource in resources:
        index[resource.base_address].append(resource)
    return dict(index)
