"""``terraform show -json`` / ``tofu show -json`` output -> Inventory.

One pass over ``resource_changes`` (plus ``prior_state`` for resources read or existing but not
changed, and ``deferred_changes``), one pass over ``configuration`` for expression references.
Deleted, forgotten and deposed objects are not evidence and are left out. Values unknown until
apply stay unknown (``after_unknown``); sensitive values are collected for scrubbing and never
copied anywhere else. See ``../shared/reference/plan-format.md`` for the format.
"""

from __future__ import annotations

from typing import Any

from plan_parsers.addresses import format_key
from plan_parsers.secrets import all_strings, sensitive_strings
from plan_parsers.terraform_config import (
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
        isinstance(document, dict)
        and "format_version" in document
        and any(key in document for key in ("resource_changes", "planned_values", "configuration"))
    )


def check_format_version(document: dict[str, Any], name: str) -> str:
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


def parse_plan(document: dict[str, Any], name: str) -> Inventory:
    """Build the inventory of a parsed plan document."""
    version = check_format_version(document, name)
    reader = _PlanReader(document, name)
    reader.read()
    inventory = Inventory(
        kind=InputKind.TERRAFORM_PLAN,
        source=name,
        resources=reader.resources,
        secrets=frozenset(reader.secrets),
        notes=reader.notes,
        metadata={
            "format_version": version,
            "terraform_version": str(document.get("terraform_version", "")),
            "errored": document.get("errored") is True,
        },
    )
    inventory.metadata.update(reader.counts)
    return inventory


class _PlanReader:
    """Reads one plan document; holds the state of that single pass."""

    def __init__(self, document: dict[str, Any], name: str) -> None:
        self.document = document
        self.name = name
        self.config = index_configuration(document.get("configuration"))
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
        for change in _list(self.document.get("resource_changes")):
            self.counts["resource_changes"] += 1
            self._read_change(change, "resource_changes")
        for deferred in _list(self.document.get("deferred_changes")):
            if isinstance(deferred, dict):
                self.counts["deferred"] += 1
                self._read_change(deferred.get("resource_change"), "deferred_changes")
        if "resource_changes" not in self.document:
            self._read_values(self.document.get("planned_values"), "planned_values", Action.NO_OP)
        prior = self.document.get("prior_state")
        if isinstance(prior, dict):
            self._read_values(prior.get("values"), "prior_state", Action.EXISTING)
        self._collect_other_secrets()
        link_references(self.resources, self.config)

    def _read_change(self, change: Any, origin: str) -> None:
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
        self.resources.append(
            Resource(
                address=address,
                type=str(change.get("type", "")),
                name=str(change.get("name", "")),
                module=_str(change.get("module_address")),
                mode=change["mode"],
                provider=_short_provider(change.get("provider_name")),
                action=action,
                values=body.get("after"),
                unknown=body.get("after_unknown"),
                sensitive=body.get("after_sensitive"),
                index=_index(change.get("index")),
                origin=origin,
            )
        )

    def _read_values(self, values: Any, origin: str, action: Action) -> None:
        if not isinstance(values, dict):
            return
        stack = [(values.get("root_module"), "")]
        while stack:
            module, module_address = stack.pop()
            if not isinstance(module, dict):
                continue
            for resource in _list(module.get("resources")):
                self._read_state_resource(resource, module_address, origin, action)
            stack.extend(
                (child, _str(child.get("address")))
                for child in _list(module.get("child_modules"))
                if isinstance(child, dict)
            )

    def _read_state_resource(
        self, resource: Any, module_address: str, origin: str, action: Action
    ) -> None:
        if not isinstance(resource, dict) or resource.get("mode") not in ("managed", "data"):
            return
        sensitive_strings(resource.get("values"), resource.get("sensitive_values"), self.secrets)
        address = _address(resource)
        if address is None or address in self.seen or resource.get("deposed_key"):
            return
        self.seen.add(address)
        self.counts["prior_state"] += origin == "prior_state"
        self.resources.append(
            Resource(
                address=address,
                type=str(resource.get("type", "")),
                name=str(resource.get("name", "")),
                module=module_address,
                mode=resource["mode"],
                provider=_short_provider(resource.get("provider_name")),
                action=action,
                values=resource.get("values"),
                unknown=None,
                sensitive=resource.get("sensitive_values"),
                index=_index(resource.get("index")),
                origin=origin,
            )
        )

    def _collect_other_secrets(self) -> None:
        configuration = self.document.get("configuration")
        root = configuration.get("root_module") if isinstance(configuration, dict) else None
        declared = root.get("variables") if isinstance(root, dict) else None
        values = self.document.get("variables")
        for var_name, declaration in declared.items() if isinstance(declared, dict) else []:
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
        planned = self.document.get("planned_values")
        planned_outputs = planned.get("outputs") if isinstance(planned, dict) else None
        for output in planned_outputs.values() if isinstance(planned_outputs, dict) else []:
            if isinstance(output, dict) and output.get("sensitive") is True:
                all_strings(output.get("value"), self.secrets)


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
    return value.rsplit("/", 1)[-1] if isinstance(value, str) else ""


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


__all__ = ["ModuleConfig", "ModulePath", "is_terraform_plan", "parse_plan"]
