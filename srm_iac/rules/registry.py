"""Every check srm-iac runs, by target family, listed explicitly (no registration at import).

A family's module is imported only when its target is in scope, so a Bedrock plan does not
pay for loading the Azure, GCP and self-hosted checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from typing import Any

from srm_iac.model.enums import Target
from srm_iac.rules.check import Check

FAMILIES: dict[Target, str] = {
    Target.AWS_BEDROCK: "srm_iac.rules.aws_bedrock",
    Target.AZURE_OPENAI: "srm_iac.rules.azure_openai",
    Target.GCP_VERTEX: "srm_iac.rules.gcp_vertex",
    Target.SELF_HOSTED: "srm_iac.rules.self_hosted",
}


def checks_for(targets: Iterable[Target]) -> tuple[Check, ...]:
    """The checks of the families of ``targets``, in target order."""
    wanted = set(targets)
    found: list[Check] = []
    for target in Target:
        if target in wanted:
            found.extend(import_module(FAMILIES[target]).CHECKS)
    return tuple(found)


def __getattr__(name: str) -> Any:
    """``ALL_CHECKS``: every family's checks (imports them all)."""
    if name == "ALL_CHECKS":
        return checks_for(Target)
    raise AttributeError(name)
