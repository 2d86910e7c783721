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
from collections.abc import Mapping
from typing import Any

from plan_parsers.addresses import format_key
from plan_parsers.json_spans import JsonText, LazyDocument, Span
from plan_parsers.secrets import all_strings, sensitive_strings
from plan_parsers.terraform_config import (
    MAX_MODULE_DEPTH,
    ConfigurationIndex,
    ModuleConfig,
    ModulePath,
    link_references,
    walk_configuration,
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
    """True when ``document`` has the shape of ``terraform show -json PLANFILE``.

    Keys are asked for in the order Terraform writes them, so on a real plan a lazy document
    is scanned only up to ``planned_values`` here (the reader then streams the rest).
    """
    return (
        isinstance(document, Mapping)
        and "format_version" in document
        and any(key in document for key in ("planned_values", "resource_changes", "configuration"))
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
    """Build the inventory of a plan document (a ``LazyDocument`` is streamed, in one pass
    when its members are in the order Terraform writes them)."""
    lazy = document if isinstance(document, LazyDocument) else LazyDocument.of(document)
    try:
        version = check_format_version(lazy, name)
    except InputError:
        lazy.finish()  # a broken document is refused as broken, whatever its version says
        raise
    reader = _PlanReader(lazy, name)
    reader.read()
    if lazy.rebound:  # a member read was written again later: the last one counts
        lazy.rebound.clear()
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
    """Reads one plan document; holds the state of that read.

    The big members are streamed in a single pass over the text (``planned_values``,
    ``resource_changes``, ``prior_state``, ``configuration``, in whatever order they come);
    what depends on several members (which state resources a change already covers, sensitive
    variables, references) is settled once the whole document is read.
    """

    def __init__(self, document: LazyDocument, name: str) -> None:
        self.document = document
        self.text = document.text
        self.name = name
        self.configuration = ConfigurationIndex()
        self.resources: list[Resource] = []
        self.secrets: set[str] = set()
        self.notes: list[str] = []
        self.counts = {"resource_changes": 0, "deleted": 0, "prior_state": 0, "deferred": 0}
        self.seen: set[str] = set()
        self.state_resources: list[Resource] = []
        """``prior_state`` resources, before those a change already covers are left out."""
        self.providers: dict[str, str] = {}
        """``provider_name`` -> short name, for the names seen so far."""
        self.planned_modules: list[int] = []
        """Where ``planned_values.root_module`` is: its resources count when there are no
        ``resource_changes``."""

    def read(self) -> None:
        walks = {
            "planned_values": self._walk_planned_values,
            "resource_changes": self._walk_changes,
            "prior_state": self._walk_prior_state,
            "configuration": lambda at: walk_configuration(self.text, at, self.configuration),
        }
        found = self.document.stream_members(walks)
        if self.document.rebound:
            return  # read again by the caller, now that every member's last value is known
        for deferred in _list(self.document.get("deferred_changes")):
            if isinstance(deferred, dict):
                self.counts["deferred"] += 1
                self._read_change(deferred.get("resource_change"), None, "deferred_changes")
        self._keep_new(self.state_resources, "prior_state")
        if "resource_changes" not in found:
            planned: list[Resource] = []
            for start in self.planned_modules:
                self._walk_module(start, "planned_values", Action.NO_OP, 2, planned)
            self._keep_new(planned, "planned_values")
        self._collect_other_secrets()
        if self.document.get("errored") is True:
            self.notes.insert(
                0,
                "the plan errored: Terraform could not finish planning, so findings cover "
                "only what was planned",
            )
        link_references(self.resources, self.configuration.modules)

    def _walk_changes(self, start: int) -> int:
        if not self.text.starts_with(start, "["):
            return self.text.skip(start)
        text = self.text

        def element(at: int) -> int:
            entry, end = text.decode(at)
            self.counts["resource_changes"] += 1
            self._read_change(entry, at, "resource_changes")
            return end

        return text.elements(start, element)

    def _read_change(self, change: Any, start: int | None, origin: str) -> None:
        """One change entry (decoded from the text at ``start``, or given whole when None)."""
        # Runs once per entry of a plan's biggest member: kept lean (one lookup per field,
        # masks walked only when they mark something, repeated strings looked up once).
        if not isinstance(change, dict):
            return
        mode = change.get("mode")
        if mode not in ("managed", "data"):
            return
        body = change.get("change")
        if not isinstance(body, dict):
            return
        mask = body.get("before_sensitive")
        if mask:  # False, {} and [] mark nothing
            sensitive_strings(body.get("before"), mask, self.secrets)
        mask = body.get("after_sensitive")
        if mask:
            sensitive_strings(body.get("after"), mask, self.secrets)
        action = _action(body)
        if not action.is_evidence or change.get("deposed"):
            self.counts["deleted"] += 1
            return
        address = change.get("address")
        if not isinstance(address, str) or not address:
            address = _address(change)
            if address is None:
                return
        self.seen.add(address)
        resource = Resource(
            address,
            _shared(change.get("type")),
            str(change.get("name", "")),
            _shared(change.get("module_address")),
            _shared(mode),
            self._provider(change.get("provider_name")),
            action,
            index=_index(change.get("index")),
            origin=origin,
        )
        if start is None:
            resource.values = body.get("after")
            resource.unknown = body.get("after_unknown")
            resource.sensitive = body.get("after_sensitive")
        else:
            resource.loader = _ValuesFromText(self.text, start, change=True)
        self.resources.append(resource)

    def _provider(self, value: Any) -> str:
        """The short provider name of ``provider_name`` (each distinct name worked out once)."""
        short = self.providers.get(value) if value.__class__ is str else None
        if short is None:
            short = _short_provider(value)
            if value.__class__ is str:
                self.providers[value] = short
        return short

    def _walk_planned_values(self, start: int) -> int:
        """``planned_values``: sensitive outputs now; where its modules are, for later."""
        text = self.text
        if not text.starts_with(start, "{"):
            return text.skip(start)

        def member(name: str, at: int) -> int:
            if name == "outputs":
                outputs, end = text.decode(at)
                self._sensitive_outputs(outputs)
                return end
            if name == "root_module":
                self.planned_modules.append(at)
            return text.skip(at)

        return text.members(start, member)

    def _walk_prior_state(self, start: int) -> int:
        text = self.text
        if not text.starts_with(start, "{"):
            return text.skip(start)

        def state(name: str, at: int) -> int:
            if name != "values" or not text.starts_with(at, "{"):
                return text.skip(at)
            return text.members(at, root)

        def root(name: str, at: int) -> int:
            if name == "root_module":
                return self._walk_module(
                    at, "prior_state", Action.EXISTING, 3, self.state_resources
                )
            return text.skip(at)

        return text.members(start, state)

    def _walk_module(
        self, start: int, key: str, action: Action, levels_above: int, into: list[Resource]
    ) -> int:
        """The resources of a values-representation module and its children, into ``into``."""
        text = self.text

        def resource(at: int) -> int:
            entry, end = text.decode(at)
            self._read_state_resource(entry, Span(text, at), key, action, into)
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
                    try:  # several frames per level: count the nesting limit from here again
                        with text.guard(levels_above + 2 * depth[0]):
                            return text.elements(value, module)
                    finally:
                        depth[0] -= 1
                return text.skip(value)

            return text.members(at, member) if text.starts_with(at, "{") else text.skip(at)

        with text.guard(levels_above):
            return module(start)

    def _note(self, text: str) -> None:
        message = f"{text} are not read"
        if message not in self.notes:
            self.notes.append(message)

    def _read_state_resource(
        self, resource: Any, span: Span, origin: str, action: Action, into: list[Resource]
    ) -> None:
        if not isinstance(resource, dict) or resource.get("mode") not in ("managed", "data"):
            return
        sensitive_strings(resource.get("values"), resource.get("sensitive_values"), self.secrets)
        address = _address(resource)
        if address is None or resource.get("deposed_key"):
            return
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
        into.append(item)

    def _keep_new(self, candidates: list[Resource], origin: str) -> None:
        """Add the resources no change (nor an earlier one of the same address) covers."""
        for item in candidates:
            if item.address in self.seen:
                continue
            self.seen.add(item.address)
            self.counts["prior_state"] += origin == "prior_state"
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
    action = Action.UPDATE
    if isinstance(actions, list):
        try:
            found = _ACTIONS.get(tuple(actions))  # only strings can equal a key
        except TypeError:  # an unhashable element: the strings alone decide
            found = None
        if found is None:
            found = _ACTIONS.get(tuple(a for a in actions if isinstance(a, str)))
        action = found if found is not None else Action.UPDATE
    if (action is Action.NO_OP or action is Action.UPDATE) and isinstance(
        body.get("importing"), dict
    ):
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
