"""Small building blocks shared by the check families."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from srm_iac.model.enums import Status, Target
from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, not_evidenced, passed, unknown


def is_set(node: Node) -> bool:
    """A known value that is not null, empty or blank."""
    if not node.is_known:
        return False
    value = node.value
    if isinstance(value, str):
        return bool(value.strip())
    return not (isinstance(value, list | dict) and not value)


def key_reference(
    context: CheckContext,
    resource: Resource,
    path: tuple[str, ...],
    key_types: Iterable[str],
    what: str,
) -> Result:
    """Judge a customer-managed-key attribute: set, referencing a key in the plan, or not."""
    attribute = ".".join(path)
    node = resource.at(*path)
    if is_set(node):
        return passed(resource, f"{what}: encrypted with a customer-managed key", attribute)
    if node.is_unknown:
        keys = context.inventory.referenced(resource, attribute, *key_types)
        if keys:
            return passed(
                resource,
                f"{what}: encrypted with {keys[0].address}, created in this plan",
                attribute,
            )
        if resource.sets(attribute) is not False:
            return unknown(resource, f"{what}: the key is only known after apply", attribute)
    return failed(
        resource,
        f"{what}: encrypted with a provider-managed key, not a customer-managed key",
        attribute,
    )


def each_resource(context: CheckContext, *types: str) -> Iterator[Resource]:
    """Managed resources of ``types`` in the inventory."""
    yield from context.inventory.of_type(*types)


def enum_value(node: Node) -> str | None:
    """The upper-cased string value of an enum attribute, when known."""
    text = node.string()
    return text.upper() if text is not None else None


def join_names(names: Iterable[str]) -> str:
    """``a, b and c``."""
    items = sorted(set(names))
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


_SEVERITY_OF_STATUS = {Status.FAIL: 0, Status.UNKNOWN: 1, Status.NOT_EVIDENCED: 2, Status.PASS: 3}


def worst_of(results: list[Result]) -> Result:
    """The most severe of several verdicts: FAIL, then UNKNOWN, then the rest."""
    return min(results, key=lambda result: _SEVERITY_OF_STATUS.get(result.status, 3))


def missing_approved_list(context: CheckContext, target: Target) -> Result | None:
    """NOT_EVIDENCED when the config gives no approved-model list for ``target``."""
    if context.config.approved_models.get(target):
        return None
    return not_evidenced(
        f"no approved-model list for {target.value} in the config (approved_models.{target.value})"
    )


def vpc_attachment(
    resource: Resource, subnets_attribute: str, *, inside: str, outside: str
) -> Result:
    """Judge a ``vpc_config`` block: subnets given (possibly only known after apply), or none.

    A subnet list whose elements reference subnets created in the same plan is known to be
    set even though its values are not: that passes.
    """
    vpc = resource.at("vpc_config")
    subnets = resource.at("vpc_config", subnets_attribute)
    if subnets.strings() or (vpc.is_known and subnets.has_unknown):
        return passed(resource, inside, "vpc_config")
    if vpc.is_unknown:
        return unknown(resource, "vpc_config is only known after apply", "vpc_config")
    return failed(resource, outside, "vpc_config")
