"""Put a plan's resources on the ``.tf`` lines that declare them.

Every plan address, module and ``count`` / ``for_each`` instances included
(``module.chat["a"].aws_bedrock_guardrail.main[0]``), is reduced to its module call path and
its key-less local address, and matched to the block that declares it in the source tree.
The resource then carries the block's file and line range (for SARIF ``physicalLocation``
and ``file:line`` in reports) and the block's inline ``srm-iac:ignore`` suppressions.
"""

from __future__ import annotations

from pathlib import Path

from plan_parsers.addresses import module_path
from plan_parsers.hcl_modules import Block, Module, SourceTree, display_base, load_tree
from plan_parsers.hcl_reader import ensure_available
from plan_parsers.terraform_config import ModulePath
from srm_iac.model.inventory import Inventory


def declarations(tree: SourceTree) -> dict[tuple[ModulePath, str], Block]:
    """(module call path, local base address) -> the block declaring it (first one wins)."""
    found: dict[tuple[ModulePath, str], Block] = {}
    stack: list[Module] = [tree.root]
    while stack:
        module = stack.pop()
        for block in module.blocks:
            if block.local_address:
                found.setdefault((module.path, block.local_address), block)
        stack.extend(module.children.values())
    return found


def enrich(inventory: Inventory, tree: SourceTree, source_name: str) -> None:
    """Set location and suppressions of every resource of ``inventory`` found in ``tree``."""
    index = declarations(tree)
    unmatched = 0
    for resource in inventory.resources:
        local = (
            resource.base_address[len(resource.module) + 1 :]
            if resource.module
            else resource.base_address
        )
        block = index.get((module_path(resource.module), local))
        if block is None:
            unmatched += resource.mode == "managed"
            continue
        resource.location = block.location
        resource.suppressions = block.suppressions
    inventory.notes.extend(tree.parse_errors)
    inventory.notes.extend(tree.notes)
    managed = sum(1 for resource in inventory.resources if resource.mode == "managed")
    if managed and unmatched == managed:
        inventory.notes.append(
            f"{source_name}: declares none of the plan's resources; is it the plan's source?"
        )
    elif unmatched:
        inventory.notes.append(
            f"{unmatched} of {managed} planned resources are not declared in {source_name}; "
            "their findings have no file and line"
        )
    inventory.metadata["source_dir"] = source_name
    inventory.metadata["parse_errors"] = list(tree.parse_errors)


def enrich_from_directory(inventory: Inventory, directory: Path, base: Path | None = None) -> None:
    """Read the source at ``directory`` and enrich ``inventory`` with it.

    Raises ``HclUnavailableError`` when python-hcl2 is not installed.
    """
    ensure_available()
    shown_base = base if base is not None else display_base(directory)
    tree = load_tree(directory, shown_base)
    enrich(inventory, tree, str(directory))
