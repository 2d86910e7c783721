"""What an ``azurerm_cognitive_account_rai_policy`` filters, including what it inherits.

A policy lists ``content_filter`` entries (name, source, filter_enabled, block_enabled,
severity_threshold); a filter it does not list keeps the setting of its ``base_policy_name``.
Filter names are free text in azurerm and are matched here case-insensitively against the
names Azure uses: ``Jailbreak`` and ``Indirect Attack`` (Prompt Shields, source ``Prompt``),
``Hate``, ``Sexual``, ``Violence`` and ``Selfharm`` (source ``Prompt`` or ``Completion``).

Inheritance, from Microsoft's default safety policy documentation:

* ``Microsoft.DefaultV2`` filters the four harm categories at Medium on prompts and
  completions and blocks jailbreak attempts (Prompt Shields for user prompts).
* ``Microsoft.Default`` (the older default) filters the four harm categories at Medium, but has
  no jailbreak filter.
* Neither enables ``Indirect Attack`` (Prompt Shields for documents).
* Any other base is a policy this plan does not describe: what it inherits is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from srm_iac.model.enums import Status
from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.common import enum_value

RAI_POLICY = "azurerm_cognitive_account_rai_policy"
CONTENT_FILTER = "content_filter"
DEFAULT_V2 = "Microsoft.DefaultV2"
DEFAULT_V1 = "Microsoft.Default"
SYSTEM_POLICIES = {DEFAULT_V1.casefold(): DEFAULT_V1, DEFAULT_V2.casefold(): DEFAULT_V2}
STRICT_THRESHOLDS = ("LOW", "MEDIUM")


@dataclass(frozen=True, slots=True)
class FilterRule:
    """One named filter on one content source, and which system policies enable it."""

    name: str
    """The Azure filter name (``Jailbreak``)."""
    source: str
    """``Prompt`` or ``Completion``."""
    enabled_by: frozenset[str]
    """Folded names of the system base policies that enable and block it."""
    severity: bool = False
    """True for harm categories, whose severity_threshold must be Low or Medium."""


JAILBREAK = FilterRule("Jailbreak", "Prompt", frozenset({DEFAULT_V2.casefold()}))
INDIRECT_ATTACK = FilterRule("Indirect Attack", "Prompt", frozenset())
HARM_CATEGORIES = tuple(
    FilterRule(name, "Completion", frozenset(SYSTEM_POLICIES), severity=True)
    for name in ("Hate", "Sexual", "Violence", "Selfharm")
)


@dataclass(frozen=True, slots=True)
class FilterState:
    """How one policy handles one filter rule."""

    status: Status
    """PASS (enabled and blocking), FAIL (off, annotate-only or too lenient) or UNKNOWN."""
    reason: str
    """What decided it, in a few words."""


_ORDER = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.PASS: 2}


def _matches(entry: Node, rule: FilterRule) -> bool | None:
    name, source = entry.get("name"), entry.get("source")
    if name.is_unknown or source.is_unknown:
        return None
    return (name.string() or "").casefold() == rule.name.casefold() and (
        source.string() or ""
    ).casefold() == rule.source.casefold()


def filter_state(policy: Resource, rule: FilterRule) -> FilterState:
    """The state of ``rule`` in ``policy``: its own entries first, then its base policy."""
    if policy.at(CONTENT_FILTER).is_unknown:
        return FilterState(Status.UNKNOWN, "the content filters are only known after apply")
    entries = policy.each(CONTENT_FILTER)
    matched = [entry for entry in entries if _matches(entry, rule)]
    if matched:
        states = [_entry_state(entry, rule) for entry in matched]
        return min(states, key=lambda state: _ORDER[state.status])
    if any(_matches(entry, rule) is None for entry in entries):
        return FilterState(Status.UNKNOWN, "some filter names are only known after apply")
    return inherited_state(
        policy.at("base_policy_name"), rule, f"no {rule.name} entry, and base policy "
    )


def _entry_state(entry: Node, rule: FilterRule) -> FilterState:
    enabled = entry.get("filter_enabled").boolean()
    blocking = entry.get("block_enabled").boolean()
    if enabled is False:
        return FilterState(Status.FAIL, f"the {rule.name} filter is disabled")
    if blocking is False:
        return FilterState(Status.FAIL, f"the {rule.name} filter only annotates, it does not block")
    if enabled is None or blocking is None:
        return FilterState(Status.UNKNOWN, f"the {rule.name} filter is only known after apply")
    if not rule.severity:
        return FilterState(Status.PASS, f"the {rule.name} filter is enabled and blocking")
    threshold = entry.get("severity_threshold")
    level = enum_value(threshold)
    if level in STRICT_THRESHOLDS:
        return FilterState(
            Status.PASS, f"{rule.name} is blocked from severity {threshold.display()}"
        )
    if threshold.is_unknown:
        return FilterState(
            Status.UNKNOWN, f"the {rule.name} severity_threshold is only known after apply"
        )
    if threshold.is_null:
        return FilterState(
            Status.UNKNOWN,
            f"the {rule.name} filter sets no severity_threshold: the service decides",
        )
    return FilterState(
        Status.FAIL, f"{rule.name} is only blocked at severity {threshold.display()}"
    )


def inherited_state(base: Node, rule: FilterRule, lead: str = "") -> FilterState:
    """The state of ``rule`` in the policy named by ``base`` (a system policy, or unknown).

    ``lead`` introduces the policy in the reason (``"system policy "``).
    """
    folded = (base.string() or "").casefold()
    if base.is_unknown:
        return FilterState(Status.UNKNOWN, f"{lead}name is only known after apply")
    if folded in rule.enabled_by:
        return FilterState(
            Status.PASS,
            f"{lead}{SYSTEM_POLICIES[folded]} enables and blocks the {rule.name} filter",
        )
    if folded in SYSTEM_POLICIES:
        return FilterState(
            Status.FAIL, f"{lead}{SYSTEM_POLICIES[folded]} has no blocking {rule.name} filter"
        )
    return FilterState(
        Status.UNKNOWN,
        f"{lead}{base.display()} is not in this plan, so its {rule.name} filter is unknown",
    )
