"""Factories for tests: resources, inventories and plan documents built in code."""

from __future__ import annotations

from typing import Any

from srm_iac.model.enums import Action, InputKind
from srm_iac.model.inventory import Inventory, Resource


def resource(
    type_: str,
    name: str = "this",
    *,
    unknown: Any = None,
    sensitive: Any = None,
    refs: dict[str, tuple[str, ...]] | None = None,
    declared: frozenset[str] | None = None,
    module: str = "",
    **values: Any,
) -> Resource:
    """A resource with ``values`` as its attributes."""
    address = f"{module + '.' if module else ''}{type_}.{name}"
    return Resource(
        address=address,
        type=type_,
        name=name,
        module=module,
        action=Action.CREATE,
        values=values,
        unknown=unknown or {},
        sensitive=sensitive or {},
        refs=refs or {},
        declared=declared,
        origin="test",
    )


def inventory(*resources: Resource, secrets: frozenset[str] = frozenset()) -> Inventory:
    """An inventory of ``resources``."""
    return Inventory(
        kind=InputKind.TERRAFORM_PLAN,
        source="test.json",
        resources=list(resources),
        secrets=secrets,
    )


def plan_document(*changes: dict[str, Any], **top: Any) -> dict[str, Any]:
    """A minimal plan document with ``resource_changes``."""
    document: dict[str, Any] = {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "planned_values": {"root_module": {}},
        "resource_changes": list(changes),
        "configuration": {"root_module": {}},
    }
    document.update(top)
    return document


def change(
    type_: str,
    name: str = "this",
    *,
    actions: tuple[str, ...] = ("create",),
    after: dict[str, Any] | None = None,
    after_unknown: dict[str, Any] | None = None,
    after_sensitive: dict[str, Any] | bool | None = None,
    before: dict[str, Any] | None = None,
    before_sensitive: dict[str, Any] | bool | None = None,
    module: str = "",
    index: str | int | None = None,
    mode: str = "managed",
) -> dict[str, Any]:
    """One ``resource_changes`` entry."""
    local = f"{'data.' if mode == 'data' else ''}{type_}.{name}"
    if index is not None:
        local += f"[{index}]" if isinstance(index, int) else f'["{index}"]'
    entry: dict[str, Any] = {
        "address": f"{module + '.' if module else ''}{local}",
        "mode": mode,
        "type": type_,
        "name": name,
        "provider_name": f"registry.terraform.io/hashicorp/{type_.split('_', 1)[0]}",
        "change": {
            "actions": list(actions),
            "before": before,
            "after": after if after is not None else {},
            "after_unknown": after_unknown or {},
            "before_sensitive": before_sensitive if before_sensitive is not None else False,
            "after_sensitive": after_sensitive if after_sensitive is not None else {},
        },
    }
    if module:
        entry["module_address"] = module
    if index is not None:
        entry["index"] = index
    return entry
