"""``terraform show -json`` / ``tofu show -json`` output -> Inventory.

One pass over ``resource_changes`` (plus ``prior_state`` for resources read or existing but not
changed, and ``deferred_changes``), one pass over ``configuration`` for expression references.
Deleted, forgotten and deposed objects are not evidence and are left out. Values unknown until
apply stay unknown (``after_unknown``); sensitive values are collected for scrubbing and never
copied anywhere else. See ``../shared/reference/plan-format.md`` for the format.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

from plan_parsers.addresses import format_key
from plan_parsers.json_spans import JsonText, LazyDocument, Span
from plan_parsers.secrets import all_strings, sensitive_strings
from plan_parsers.terraform_config import (
    MAX_MODULE_DEPTH,
    ModuleConfig,
    ModulePath,
    index_configuration,
    link_references,
)
from srm_iac.errors import InputError, UnsupportedFormatError
from srm_iac.model.enums import Action, InputKind
from srm_iac.model.inventory import Inventory, Resource

SUPPORTED_MAJOR_VERSIONS = ("0", "1")

_ACTIONS: dict[tuple[str, ...], Action] = {
    ("no-op",): Action.NO_OP,
    ("create",): Action.CREATE,
    ("read",): Action.READ,
    ("update",): Action.UPDATE,
    ("delete", "create"): Action.REPLACE,
    ("create", "delete"): Action.REPLACE,
    ("create", "forget"): Action.REPLACE,
    ("forget", "create"): Action.REPLACE,
    ("delete",): Action.DELETE,
    ("forget",): Action.FORGET,
}


def is_terraform_plan(document: Any) -> bool:
    """True when ``document`` has the shape of ``terraform show -json PLANFILE``."""
    return (
        isinstance(document, Mapping)
        and "format_version" in document
        and any(key in document for key in ("resource_changes", "planned_values", "configuration"))
    )


def check_format_version(document: Mapping[str, Any], name: str) -> str:
    """The plan's format_version; unsupported majors are refused."""
    version = document.get("format_version")
    if not isinstance(version, str) or not version:
        raise InputError(f"{name}: format_version is not a string")
    major = version.split(".", 1)[0]
    if major not in SUPPORTED_MAJOR_VERSIONS:
        raise UnsupportedFormatError(
            f"{name}: plan format_version {version} is not supported "
            f"(srm-iac reads major versions {', '.join(SUPPORTED_MAJOR_VERSIONS)})",
            hint="upgrade srm-iac",
        )
    return version


def parse_plan(document: Mapping[str, Any], name: str) -> Inventory:
    """Build the inventory of a plan document (a ``LazyDocument`` is streamed)."""
    lazy = document if isinstance(document, LazyDocument) else LazyDocument.of(document)
    version = check_format_version(lazy, name)
    reader = _PlanReader(lazy, name)
    reader.read()
    inventory = Inventory(
        kind=InputKind.TERRAFORM_PLAN,
        source=name,
        resources=reader.resources,
        secrets=frozenset(reader.secrets),
        notes=reader.notes,
        metadata={
            "format_version": version,
            "terraform_version": str(lazy.get("terraform_version", "")),
            "errored": lazy.get("errored") is True,
        },
    )
    inventory.metadata.update(reader.counts)
    return inventory


class _ValuesFromText:
    """Decodes one resource's attribute values from the plan text the first time they are read.

    A plan is streamed: while reading, each entry is decoded once for its address, action and
    sensitive values, and its attributes are dropped; the resources a check reads are decoded
    again here. Thread-safe (the policy pack analyses on several threads).
    """

    __slots__ = ("change", "start", "text")

    lock = threading.Lock()

    def __init__(self, text: JsonText, start: int, *, change: bool) -> None:
        self.text = text
        self.start = start
        self.change = change

    def __call__(self, resource: Resource) -> None:
        with self.lock:
            if resource.loader is not self:
                return
            resource.values, resource.unknown, resource.sensitive = self.decoded()
            resource.loader = None

    def decoded(self) -> tuple[Any, Any, Any]:
        """(after, after_unknown, after_sensitive), or a state entry's values and mask."""
        entry = self.text.decode(self.start)[0]
        if not isinstance(entry, dict):
            return None, None, None
        if not self.change:
            return entry.get("values"), None, entry.get("sensitive_values")
        body = entry.get("change")
        if not isinstance(body, dict):
            return None, None, None
        return body.get("after"), body.get("after_unknown"), body.get("after_sensitive")


class _PlanReader:
    """Reads one plan document in a single pass per section; holds the state of that pass."""

    def __init__(self, document: LazyDocument, name: str) -> None:
        self.document = document
        self.text = document.text
        self.name = name
        self.configuration = index_configuration(self.text, document.start("configuration"))
        self.resources: list[Resource] = []
        self.secrets: set[str] = set()
        self.notes: list[str] = []
        self.counts = {"resource_changes": 0, "deleted": 0, "prior_state": 0, "deferred": 0}
        self.seen: set[str] = set()

    def read(self) -> None:
        if self.document.get("errored") is True:
            self.notes.append(
                "the plan errored: Terraform could not finish planning, so findings cover "
                "only what was planned"
            )
        self._each("resource_changes", self._read_change)
        for deferred in _list(self.document.get("deferred_changes")):
            if isinstance(deferred, dict):
                self.counts["deferred"] += 1
                self._read_change(deferred.get("resource_change"), None, "deferred_changes")
        self._read_values("prior_state", Action.EXISTING)
        self._collect_other_secrets()
        link_references(self.resources, self.configuration.modules)

    def _each(self, key: str, read: Callable[[Any, Span | None, str], None]) -> None:
        start = self.document.start(key)
        if start is None or not self.text.starts_with(start, "["):
            return

        def element(at: int) -> int:
            entry, end = self.text.decode(at)
            if key == "resource_changes":
                self.counts["resource_changes"] += 1
            read(entry, Span(self.text, at), key)
            return end

        self.text.elements(start, element)

    def _read_change(self, change: Any, span: Span | None, origin: str) -> None:
        if not isinstance(change, dict) or change.get("mode") not in ("managed", "data"):
            return
        body = change.get("change")
        if not isinstance(body, dict):
            return
        sensitive_strings(body.get("before"), body.get("before_sensitive"), self.secrets)
        sensitive_strings(body.get("after"), body.get("after_sensitive"), self.secrets)
        action = _action(body)
        if not action.is_evidence or change.get("deposed"):
            self.counts["deleted"] += 1
            return
        address = _address(change)
        if address is None:
            return
        self.seen.add(address)
        resource = Resource(
            address=address,
            type=_shared(change.get("type")),
            name=str(change.get("name", "")),
            module=_shared(change.get("module_address")),
            mode=change["mode"],
            provider=_short_provider(change.get("provider_name")),
            action=action,
            index=_index(change.get("index")),
            origin=origin,
        )
        if span is None:
            resource.values = body.get("after")
            resource.unknown = body.get("after_unknown")
            resource.sensitive = body.get("after_sensitive")
        else:
            resource.loader = _ValuesFromText(span.text, span.start, change=True)
        self.resources.append(resource)

    def _read_values(self, key: str, action: Action) -> None:
        """Resources of ``planned_values`` / ``prior_state`` (their values representation)."""
        start = self.document.start(key)
        if start is None or not self.text.starts_with(start, "{"):
            return
        text = self.text
        read_resources = key == "prior_state" or "resource_changes" not in self.document

        def resource(at: int) -> int:
            entry, end = text.decode(at)
            self._read_state_resource(entry, Span(text, at), key, action)
            return end

        depth = [0]

        def module(at: int) -> int:
            def member(name: str, value: int) -> int:
                if name == "resources" and text.starts_with(value, "["):
                    return text.elements(value, resource)
                if name == "child_modules" and text.starts_with(value, "["):
                    if depth[0] >= MAX_MODULE_DEPTH:  # the walk recurses once per level
                        self._note(f"{key}: modules nested more than {MAX_MODULE_DEPTH} deep")
                        return text.skip(value)
                    depth[0] += 1
                    try:
                        return text.elements(value, module)
                    finally:
                        depth[0] -= 1
                return text.skip(value)

            return text.members(at, member) if text.starts_with(at, "{") else text.skip(at)

        def values(at: int) -> int:
            def member(name: str, value: int) -> int:
                if name == "root_module" and read_resources:
                    return module(value)
                if name == "outputs" and key == "planned_values":
                    outputs, end = text.decode(value)
                    self._sensitive_outputs(outputs)
                    return end
                return text.skip(value)

            return text.members(at, member) if text.starts_with(at, "{") else text.skip(at)

        if key == "prior_state":
            text.members(start, lambda name, at: values(at) if name == "values" else text.skip(at))
        else:
            values(start)

    def _note(self, text: str) -> None:
        message = f"{text} are not read"
        if message not in self.notes:
            self.notes.append(message)

    def _read_state_resource(self, resource: Any, span: Span, origin: str, action: Action) -> None:
        if not isinstance(resource, dict) or resource.get("mode") not in ("managed", "data"):
            return
        sensitive_strings(resource.get("values"), resource.get("sensitive_values"), self.secrets)
        address = _address(resource)
        if address is None or address in self.seen or resource.get("deposed_key"):
            return
        self.seen.add(address)
        self.counts["prior_state"] += origin == "prior_state"
        item = Resource(
            address=address,
            type=_shared(resource.get("type")),
            name=str(resource.get("name", "")),
            module=_module_of(resource, address),
            mode=resource["mode"],
            provider=_short_provider(resource.get("provider_name")),
            action=action,
            index=_index(resource.get("index")),
            origin=origin,
        )
        item.loader = _ValuesFromText(span.text, span.start, change=False)
        self.resources.append(item)

    def _collect_other_secrets(self) -> None:
        values = self.document.get("variables")
        for var_name, declaration in self.configuration.variables.items():
            if isinstance(declaration, dict) and declaration.get("sensitive") is True:
                all_strings(declaration.get("default"), self.secrets)
                if isinstance(values, dict) and isinstance(values.get(var_name), dict):
                    all_strings(values[var_name].get("value"), self.secrets)
        outputs = self.document.get("output_changes")
        for output in outputs.values() if isinstance(outputs, dict) else []:
            if isinstance(output, dict):
                sensitive_strings(
                    output.get("before"), output.get("before_sensitive"), self.secrets
                )
                sensitive_strings(output.get("after"), output.get("after_sensitive"), self.secrets)
        self._read_values("planned_values", Action.NO_OP)

    def _sensitive_outputs(self, outputs: Any) -> None:
        for output in outputs.values() if isinstance(outputs, dict) else []:
            if isinstance(output, dict) and output.get("sensitive") is True:
                all_strings(output.get("value"), self.secrets)


def _module_of(entry: dict[str, Any], address: str) -> str:
    """The module instance address of a values-representation entry (from its own address)."""
    local = f"{entry.get('type')}.{entry.get('name')}"
    if entry.get("mode") == "data":
        local = f"data.{local}"
    index = _index(entry.get("index"))
    if index is not None:
        local += format_key(index)
    suffix = f".{local}"
    return address[: -len(suffix)] if address.endswith(suffix) else ""


def _action(body: dict[str, Any]) -> Action:
    actions = body.get("actions")
    key = tuple(a for a in actions if isinstance(a, str)) if isinstance(actions, list) else ()
    action = _ACTIONS.get(key, Action.UPDATE)
    if action in (Action.NO_OP, Action.UPDATE) and isinstance(body.get("importing"), dict):
        return Action.IMPORT
    return action


def _address(entry: dict[str, Any]) -> str | None:
    address = entry.get("address")
    if isinstance(address, str) and address:
        return address
    type_, name = entry.get("type"), entry.get("name")
    if not isinstance(type_, str) or not isinstance(name, str):
        return None
    local = f"data.{type_}.{name}" if entry.get("mode") == "data" else f"{type_}.{name}"
    index = _index(entry.get("index"))
    if index is not None:
        local += format_key(index)
    module = _str(entry.get("module_address"))
    return f"{module}.{local}" if module else local


def _index(value: Any) -> str | int | None:
    if isinstance(value, bool):
        return None
    return value if isinstance(value, str | int) else None


def _short_provider(value: Any) -> str:
    return sys.intern(value.rsplit("/", 1)[-1]) if isinstance(value, str) else ""


def _shared(value: Any) -> str:
    """A string that repeats across resources (type, module), stored once."""
    return sys.intern(value) if isinstance(value, str) else ""


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


__all__ = ["ModuleConfig", "ModulePath", "is_terraform_plan", "parse_plan"]
