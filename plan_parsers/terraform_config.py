"""The ``configuration`` section of a plan: which attribute references which resource.

Ids and ARNs of resources created in the same plan are unknown until apply; the expression
``references`` in ``configuration`` are how a check still links an agent to its guardrail or a
private endpoint to its account. Config addresses are module-relative and key-less; this
module indexes them by module path (call names without instance keys).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from plan_parsers.addresses import Reference, module_path, parse_reference
from plan_parsers.json_spans import JsonText
from srm_iac.model.inventory import BLOCK_MARK, Resource

ModulePath = tuple[str, ...]
MAX_MODULE_DEPTH = 32
"""Module calls followed into the configuration (the walk recurses once per level; no real
configuration nests a tenth as deep). Deeper modules' references are not indexed."""
MAX_PATH_DEPTH = 32
"""Nested blocks an attribute path follows (see ``_expressions``)."""


@dataclass
class ModuleConfig:
    """One module's declarations: attribute references per resource, and outputs.

    The plan parser hands over where each resource's entry is (``pending``); it is decoded
    and walked only when a check first asks about that resource. The HCL parser fills
    ``declared`` and ``resource_refs`` directly.
    """

    resource_refs: dict[str, dict[str, list[Reference]]] = field(default_factory=dict)
    """Module-relative base address -> attribute path -> references."""
    output_refs: dict[str, list[Reference]] = field(default_factory=dict)
    """Output name -> references of its expression."""
    declared: dict[str, frozenset[str]] = field(default_factory=dict)
    """Module-relative base address -> attribute paths set in its configuration."""
    pending: dict[str, int] = field(default_factory=dict)
    """Module-relative base address -> where its configuration entry starts in ``text``."""
    text: JsonText | None = None
    """The plan text the ``pending`` entries are in."""

    def attributes(
        self, address: str
    ) -> tuple[frozenset[str] | None, dict[str, list[Reference]] | None]:
        """(declared paths, references by attribute) of one resource, walking it once."""
        if address in self.pending:
            refs: dict[str, list[Reference]] = {}
            paths: set[str] = set()
            assert self.text is not None
            resource = self.text.decode(self.pending.pop(address))[0]
            for path, found in _expressions(resource.get("expressions")):
                paths.add(path)
                if found:
                    refs[path] = found
            self.declared[address] = frozenset(paths)
            if refs:
                self.resource_refs[address] = refs
        return self.declared.get(address), self.resource_refs.get(address)


@dataclass
class ConfigurationIndex:
    """The ``configuration`` section, indexed in one pass over the text."""

    modules: dict[ModulePath, ModuleConfig] = field(default_factory=dict)
    """Every module of the configuration by its module path."""
    variables: dict[str, Any] = field(default_factory=dict)
    """The root module's variable declarations (``sensitive`` flags and defaults)."""


def index_configuration(text: JsonText, start: int | None) -> ConfigurationIndex:
    """Index the ``configuration`` value at ``start``, in one pass over its text.

    Each resource's entry stays in the text until a check asks about that resource.
    """
    index = ConfigurationIndex()
    if start is not None:
        walk_configuration(text, start, index)
    return index


def walk_configuration(text: JsonText, start: int, index: ConfigurationIndex) -> int:
    """Index the ``configuration`` value at ``start`` into ``index``; returns the value's end
    (a walk for ``LazyDocument.stream``)."""
    if not text.starts_with(start, "{"):
        return text.skip(start)

    def configuration_member(key: str, at: int) -> int:
        if key == "root_module" and text.starts_with(at, "{"):
            with text.guard(2):  # the walk takes several frames per level: count from here
                return _walk_module(text, at, (), index)
        return text.skip(at)

    return text.members(start, configuration_member)


def _walk_module(text: JsonText, start: int, path: ModulePath, index: ConfigurationIndex) -> int:
    config = index.modules.setdefault(path, ModuleConfig(text=text))

    def remember(at: int) -> int:
        resource, end = text.decode(at)
        if isinstance(resource, dict) and isinstance(resource.get("address"), str):
            config.pending[resource["address"]] = at
        return end

    def call(name: str, at: int) -> int:
        return _walk_call(text, at, (*path, name), index)

    def member(key: str, at: int) -> int:
        if key == "resources" and text.starts_with(at, "["):
            return text.elements(at, remember)
        if key == "module_calls" and text.starts_with(at, "{"):
            return text.members(at, call)
        if key == "outputs" or (key == "variables" and not path):
            value, end = text.decode(at)
            if isinstance(value, dict):
                if key == "outputs":
                    _index_outputs(config, value)
                else:
                    index.variables = value
            return end
        return text.skip(at)

    return text.members(start, member)


def _walk_call(text: JsonText, start: int, path: ModulePath, index: ConfigurationIndex) -> int:
    if not text.starts_with(start, "{"):
        return text.skip(start)

    def member(key: str, at: int) -> int:
        if key == "module" and text.starts_with(at, "{") and len(path) <= MAX_MODULE_DEPTH:
            # the walk takes several frames per level: count the limit from here again
            with text.guard(_MODULE_LEVELS * len(path) + 2):
                return _walk_module(text, at, path, index)
        return text.skip(at)

    return text.members(start, member)


_MODULE_LEVELS = 3
"""JSON levels per module level in ``configuration`` (``module_calls``, the call, ``module``)."""


def _index_outputs(config: ModuleConfig, outputs: dict[str, Any]) -> None:
    for name, output in outputs.items():
        if isinstance(output, dict):
            found = _references(output.get("expression"))
            if found:
                config.output_refs[name] = found


def _is_expression(node: dict[str, Any]) -> bool:
    return bool(node) and node.keys() <= {"references", "constant_value"}


def _references(expression: Any) -> list[Reference]:
    if not isinstance(expression, dict):
        return []
    raw = expression.get("references")
    found: list[Reference] = []
    for text in raw if isinstance(raw, list) else []:
        reference = parse_reference(text) if isinstance(text, str) else None
        if reference is not None and reference not in found:
            found.append(reference)
    return found


def _expressions(block: Any) -> Iterator[tuple[str, list[Reference]]]:
    """(attribute path, references) for every expression and block below ``block``.

    Paths stop at ``MAX_PATH_DEPTH`` blocks (no provider nests deeper): the references of
    everything below are reported on the deepest path, so none is lost, and a document
    nested thousands of levels deep costs linear time, not a path string per level.
    """
    stack: list[tuple[Any, str, int]] = [(block, "", 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, list):
            stack.extend((item, path, depth) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        for key, child in node.items():
            child_path = f"{path}.{key}" if path else key
            if isinstance(child, dict) and _is_expression(child):
                yield child_path, _references(child)
            elif isinstance(child, dict | list) and depth >= MAX_PATH_DEPTH:
                yield child_path + BLOCK_MARK, _references_below(child)
            elif isinstance(child, dict | list):
                yield child_path + BLOCK_MARK, []
                stack.append((child, child_path, depth + 1))


def _references_below(node: Any) -> list[Reference]:
    """Every reference of every expression in ``node``, without recursion."""
    found: dict[Reference, None] = {}
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict) and _is_expression(item):
            found.update(dict.fromkeys(_references(item)))
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return list(found)


def link_references(resources: list[Resource], config: Mapping[ModulePath, ModuleConfig]) -> None:
    """Give every resource its ``declared`` and ``refs`` from its module's configuration.

    References to resources become absolute base addresses in the referencing module
    instance; a reference to a module output follows the output's own references into every
    instance of that module call (recursively). Both the plan and the HCL parser use this, so
    checks see the same edges whatever the input. The work is done per resource, the first
    time a check asks (``Resource.sets`` / ``Resource.references``).
    """
    if not config:
        return
    linker = _Linker(resources, config)
    for resource in resources:
        resource.linker = linker


class _Linker:
    """Resolves one resource's configuration on demand (thread-safe, once per resource)."""

    def __init__(
        self, resources: list[Resource], config: Mapping[ModulePath, ModuleConfig]
    ) -> None:
        self.resources = resources
        self.config = config
        self.lock = threading.Lock()
        self._instances: set[str] | None = None

    def __call__(self, resource: Resource) -> None:
        with self.lock:
            if resource.linker is not self:
                return
            module = self.config.get(module_path(resource.module))
            if module is not None:
                local = (
                    resource.base_address[len(resource.module) + 1 :]
                    if resource.module
                    else (resource.base_address)
                )
                declared, attribute_refs = module.attributes(local)
                resource.declared = declared
                if attribute_refs:
                    instances = self.instances()
                    resource.refs = {
                        attribute: tuple(_resolve(self.config, refs, resource.module, instances))
                        for attribute, refs in attribute_refs.items()
                    }
            resource.linker = None

    def instances(self) -> set[str]:
        if self._instances is None:
            self._instances = _module_instances(r.module for r in self.resources)
        return self._instances


def _resolve(
    config: Mapping[ModulePath, ModuleConfig],
    references: list[Reference],
    module: str,
    instances: set[str],
    depth: int = 0,
) -> list[str]:
    found: list[str] = []
    prefix = f"{module}." if module else ""
    for reference in references:
        if reference.kind != "module":
            found.append(prefix + reference.address)
            continue
        if depth > 16:
            continue
        child_config = config.get((*module_path(module), reference.address))
        output_refs = child_config.output_refs.get(reference.output) if child_config else None
        if not output_refs:
            continue
        call = f"{prefix}module.{reference.address}"
        for instance in sorted(i for i in instances if _is_instance_of(i, call)):
            found.extend(_resolve(config, output_refs, instance, instances, depth + 1))
    return list(dict.fromkeys(found))


def _is_instance_of(instance: str, call: str) -> bool:
    return instance == call or (
        instance.startswith(call + "[") and "]." not in instance[len(call) :]
    )


def _module_instances(modules: Iterable[str]) -> set[str]:
    """Every module instance address, with its ancestors."""
    found: set[str] = set()
    for module in modules:
        while module and module not in found:
            found.add(module)
            cut = module.rfind(".module.")
            module = module[:cut] if cut > 0 else ""
    return found
