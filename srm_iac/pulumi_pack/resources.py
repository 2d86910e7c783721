"""What the policy SDK hands a policy -> ``PulumiResource`` records for the shared mapping.

Two SDK facts shape this module (see ``../shared/reference/crossguard.md`` section 3):

- ``args.props`` is a proxy that raises when an unknown value is read. The mapping needs the
  unknowns (they become UNKNOWN, never a pass), so the raw values are taken from the proxy
  (``proxy["__target"]``, how the SDK itself unwraps proxies before serialising them).
- In ``Analyze`` and ``AnalyzeStack`` the SDK unwraps secrets to their plaintext with no mark
  left. ``install_secret_marks`` makes the SDK's deserialiser return unwrapped secret strings
  and numbers as ``SecretText`` / ``SecretNumber`` (subclasses of ``str`` / ``float``, so the
  SDK and other code see the same values), which the mapping treats as secrets: marked
  sensitive, collected for scrubbing, never printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from plan_parsers.pulumi_resources import PulumiResource
from plan_parsers.pulumi_types import SECRET_SIG, SIG_KEY, SecretNumber, SecretText, canonical_type
from srm_iac.model.enums import Action

_MARKED = "_srm_iac_marks_secrets"


def install_secret_marks() -> bool:
    """Make the policy SDK keep a mark on secrets it unwraps; True when installed.

    Idempotent. If a future SDK no longer has the hook, nothing changes and secrets are
    still never printed by the checks (messages quote only enums, booleans and numbers
    through ``Node.display()``), but they are not collected for scrubbing.
    """
    try:
        from pulumi_policy import deserialize
    except ImportError:
        return False
    original = getattr(deserialize, "_deserialize_property", None)
    if original is None:
        return False
    if getattr(original, _MARKED, False):
        return True

    def deserialize_marking(prop: Any, proxy_secrets: bool = False) -> Any:
        if (
            not proxy_secrets
            and isinstance(prop, dict)
            and prop.get(SIG_KEY) == SECRET_SIG
            and "value" in prop
        ):
            return mark_secret(original(prop["value"], False))
        return original(prop, proxy_secrets)

    setattr(deserialize_marking, _MARKED, True)
    deserialize._deserialize_property = deserialize_marking
    return True


def mark_secret(value: Any) -> Any:
    """``value`` with every string and number marked as a secret."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return SecretText(value)
    if isinstance(value, int | float):
        return SecretNumber(value)
    if isinstance(value, dict):
        return {key: mark_secret(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mark_secret(item) for item in value]
    return value


def raw(value: Any) -> Any:
    """The plain values under the SDK's unknown-checking proxies (recursively)."""
    kind = type(value)
    if kind is str or kind is bool or kind is float or value is None:
        return value
    if isinstance(value, str | bytes):
        return value
    if isinstance(value, dict):
        return {key: raw(item) for key, item in value.items()}
    if isinstance(value, list):
        return [raw(item) for item in value]
    if isinstance(value, Mapping | Sequence):
        proxy: Any = value
        try:
            target = proxy["__target"]
        except (KeyError, TypeError, IndexError):
            target = dict(value) if isinstance(value, Mapping) else list(value)
        return raw(target)
    return value


def from_validation_args(
    resource_type: str, props: Mapping[str, Any], urn: str, has_provider: bool
) -> PulumiResource:
    """The resource a resource policy is asked about (``ResourceValidationArgs``)."""
    return PulumiResource(
        urn=urn,
        type=resource_type,
        properties=raw(props) or {},
        custom=has_provider or canonical_type(resource_type).mapped,
        action=Action.DECLARED,
    )


def from_stack_resources(resources: Iterable[Any]) -> list[PulumiResource]:
    """The stack's resources (``StackValidationArgs.resources``)."""
    return [_stack_resource(resource) for resource in resources]


def _stack_resource(resource: Any) -> PulumiResource:
    dependencies: dict[str, tuple[str, ...]] = {
        str(key): _urns(targets)
        for key, targets in (getattr(resource, "property_dependencies", None) or {}).items()
    }
    return PulumiResource(
        urn=str(resource.urn),
        type=str(resource.resource_type),
        properties=raw(resource.props) or {},
        property_dependencies=dependencies,
        dependencies=_urns(getattr(resource, "dependencies", None) or ()),
        custom=getattr(resource, "provider", None) is not None
        or canonical_type(str(resource.resource_type)).mapped,
        action=Action.DECLARED,
    )


def _urns(resources: Iterable[Any]) -> tuple[str, ...]:
    found = (getattr(resource, "urn", resource) for resource in resources)
    return tuple(urn for urn in found if isinstance(urn, str))
