"""The stack as every stack policy sees it: converted, inventoried and detected once per call.

Each stack policy needs the same three things before it runs its check: the SDK's resources
converted to ``PulumiResource`` records, the ``Inventory`` built from them and the targets
detected in it. None of them depends on the policy or its config, so ``shared_analysis`` builds
them once per ``AnalyzeStack`` call and keeps them on the call's ``SharedStackResources`` list
(see ``servicer.py``): every later policy of that call reads the same ``StackAnalysis``, and it
goes away with the call. Keyed by the list object itself, it can never be read by another call,
another stack or after a config change. Any other sequence (the SDK's own loop, a unit test) is
analysed for that caller alone.

Checks treat the inventory as read-only; its lazy indexes are filled by the one thread that runs
the call's policies.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from plan_parsers.pulumi_resources import PulumiResource, build_inventory
from srm_iac.model.enums import InputKind, Target
from srm_iac.model.inventory import Inventory
from srm_iac.pulumi_pack.resources import from_stack_resources
from srm_iac.pulumi_pack.servicer import SharedStackResources
from srm_iac.rules.check import Detection
from srm_iac.rules.targets import detect_targets

_SHARED_KEY = "srm-iac:stack-analysis"


@dataclass(frozen=True, eq=False)
class StackAnalysis:
    """A stack's inventory and the targets detected in it."""

    inventory: Inventory
    """Every cloud resource of the stack, mapped and linked."""
    targets: Mapping[Target, Detection]
    """Targets the stack deploys, with the resources that show them."""


def stack_name() -> str:
    """``project/stack`` of the running update, for report titles."""
    project, stack = os.environ.get("PULUMI_PROJECT", ""), os.environ.get("PULUMI_STACK", "")
    return f"pulumi stack {project}/{stack}" if project and stack else "pulumi stack"


def crossguard_inventory(resources: Sequence[PulumiResource]) -> Inventory:
    """The inventory a policy judges ``resources`` in."""
    return build_inventory(resources, InputKind.PULUMI_CROSSGUARD, stack_name())


def analyse(resources: Sequence[PulumiResource]) -> StackAnalysis:
    """Build the inventory of ``resources`` and detect its targets."""
    inventory = crossguard_inventory(resources)
    return StackAnalysis(inventory=inventory, targets=detect_targets(inventory))


def shared_analysis(policy_resources: Sequence[Any]) -> StackAnalysis:
    """The analysis of a stack policy's ``args.resources``, built once per call when shared."""
    if isinstance(policy_resources, SharedStackResources):
        return policy_resources.shared(
            _SHARED_KEY, lambda: analyse(from_stack_resources(policy_resources))
        )
    return analyse(from_stack_resources(policy_resources))
