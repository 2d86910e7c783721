"""Which resources point at an account: by a known resource id, or by a configuration reference.

Ids of accounts created in the same plan are unknown until apply, so a private endpoint or a
diagnostic setting usually names its account only through the plan's configuration
references. A pointer that is unknown and references no resource (only variables or locals)
might point at any account: it is reported as undetermined, never as a match.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from srm_iac.model.inventory import Inventory, Resource


@dataclass
class Links:
    """Resources that point at one target, and those that might."""

    matched: list[Resource] = field(default_factory=list)
    """Resources whose pointer is the target's id or references the target."""
    undetermined: list[Resource] = field(default_factory=list)
    """Resources whose pointer is unknown until apply and references no resource."""


def same_id(left: str | None, right: str | None) -> bool:
    """Azure resource ids compare case-insensitively."""
    return bool(left) and bool(right) and str(left).casefold() == str(right).casefold()


def links_to(inventory: Inventory, target: Resource, path: tuple[str, ...], *types: str) -> Links:
    """Resources of ``types`` whose attribute at ``path`` points at ``target``."""
    attribute = ".".join(path)
    target_id = target.at("id").string()
    found = Links()
    for candidate in inventory.of_type(*types):
        pointer = candidate.at(*path)
        references = candidate.references(attribute)
        if target.base_address in references or same_id(pointer.string(), target_id):
            found.matched.append(candidate)
        elif pointer.is_unknown and not references:
            found.undetermined.append(candidate)
    return found
