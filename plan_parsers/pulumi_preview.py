"""``pulumi preview --json`` output (the PreviewDigest) -> Inventory.

Each step's ``newState`` is one resource: its post-Check ``inputs`` (with the provider's
defaults and ``__defaults``), its ``outputs`` when the engine knows them (``same`` steps),
``propertyDependencies`` for references and ``sourcePosition`` for locations. Steps that
delete, discard or forget a resource are not evidence and are left out; ``same`` steps are
evidence (``--show-sames`` lists them; without it the digest shows only what changes).
Secrets appear as ``"[secret]"`` and are treated as unknown; unknown values appear as the
engine's sentinel. See ``../shared/reference/crossguard.md`` section 7 for the format.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from srm_iac.errors import InputError
from srm_iac.model.enums import Action, InputKind
from srm_iac.model.inventory import Inventory

if TYPE_CHECKING:
    from plan_parsers.pulumi_resources import PulumiResource

EVIDENCE_OPS: dict[str, Action] = {
    "same": Action.NO_OP,
    "create": Action.CREATE,
    "update": Action.UPDATE,
    "replace": Action.REPLACE,
    "create-replacement": Action.REPLACE,
    "import": Action.IMPORT,
    "import-replacement": Action.IMPORT,
    "read": Action.EXISTING,
    "read-replacement": Action.EXISTING,
    "refresh": Action.EXISTING,
}
"""Step ops whose resource exists after the update, and the canonical action of each."""

REMOVING_OPS = frozenset(
    {"delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"}
)
"""Step ops whose resource is gone after the update (never evidence)."""


def is_pulumi_preview(document: Any) -> bool:
    """True when ``document`` has the shape of ``pulumi preview --json`` output."""
    if not isinstance(document, Mapping):
        return False
    steps = document.get("steps")
    if isinstance(steps, list):
        return "changeSummary" in document or any(
            isinstance(step, dict) and "op" in step and "urn" in step for step in steps
        )
    return "changeSummary" in document and "duration" in document


def is_pulumi_state(document: Any) -> bool:
    """True for ``pulumi stack export`` output (a deployment, not a preview)."""
    return (
        isinstance(document, Mapping)
        and isinstance(document.get("deployment"), dict)
        and "version" in document
    )


def parse_preview(document: Mapping[str, Any], name: str) -> Inventory:
    """Build the inventory of a parsed preview digest."""
    from plan_parsers.pulumi_resources import build_inventory

    steps = document.get("steps", [])
    if not isinstance(steps, list):
        raise InputError(f"{name}: steps is not a list")
    resources: list[PulumiResource] = []
    seen: set[str] = set()
    counts = {"steps": len(steps), "removed": 0}
    for step in steps:
        if not isinstance(step, dict):
            continue
        op = step.get("op")
        op = op if isinstance(op, str) else ""
        if op in REMOVING_OPS:
            counts["removed"] += 1
            continue
        resource = _resource(step, EVIDENCE_OPS.get(op))
        if resource is not None and resource.urn not in seen:
            seen.add(resource.urn)
            resources.append(resource)
    notes = []
    errors = [
        d
        for d in _list(document.get("diagnostics"))
        if isinstance(d, dict) and d.get("severity") == "error"
    ]
    if errors:
        notes.append(
            f"the preview reported {len(errors)} error(s): Pulumi could not finish the preview, "
            "so findings cover only what was previewed"
        )
    summary = document.get("changeSummary")
    metadata: dict[str, Any] = {
        **counts,
        "change_summary": summary if isinstance(summary, dict) else {},
    }
    return build_inventory(
        resources, InputKind.PULUMI_PREVIEW, name, notes=notes, metadata=metadata
    )


def _resource(step: dict[str, Any], action: Action | None) -> PulumiResource | None:
    from plan_parsers.pulumi_resources import PulumiResource

    if action is None:
        return None
    state = step.get("newState")
    if not isinstance(state, dict):
        return None
    urn = state.get("urn") or step.get("urn")
    token = state.get("type")
    if not isinstance(urn, str) or not isinstance(token, str):
        return None
    outputs = state.get("outputs")
    inputs = state.get("inputs")
    properties = {
        **(outputs if isinstance(outputs, dict) else {}),
        **(inputs if isinstance(inputs, dict) else {}),
    }
    position = state.get("sourcePosition")
    return PulumiResource(
        urn=urn,
        type=token,
        properties=properties,
        property_dependencies=_dependencies(state.get("propertyDependencies")),
        dependencies=tuple(u for u in _list(state.get("dependencies")) if isinstance(u, str)),
        custom=state.get("custom") is not False,
        action=action,
        source_position=position if isinstance(position, str) else "",
    )


def _dependencies(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        return {}
    return {
        str(key): tuple(u for u in urns if isinstance(u, str))
        for key, urns in value.items()
        if isinstance(urns, list)
    }


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
