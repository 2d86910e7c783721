"""What a check is: a stable id (metadata in the catalog) and a function over the inventory.

A check function receives a ``CheckContext`` and yields ``Result``s. It never decides severity,
control or target (the catalog does) and never formats sensitive values: messages use
``Node.display()``, which prints only safe scalars.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from srm_iac.config import RunConfig
from srm_iac.model.enums import Status, Target
from srm_iac.model.inventory import Inventory, Resource


@dataclass(frozen=True, slots=True)
class Detection:
    """Why a target is in scope for this inventory."""

    target: Target
    """The detected target."""
    evidence: tuple[str, ...]
    """Addresses of the resources that show the target is used (sorted)."""


@dataclass(frozen=True)
class CheckContext:
    """What a check may read."""

    inventory: Inventory
    """The resources of the input."""
    config: RunConfig
    """The run's configuration (approved models ...)."""
    targets: Mapping[Target, Detection]
    """The targets detected in the inventory."""


@dataclass(frozen=True, slots=True)
class Result:
    """One verdict of a check."""

    status: Status
    """PASS, FAIL, UNKNOWN or NOT_EVIDENCED (WAIVED is applied by the engine)."""
    message: str
    """What was found, without sensitive values."""
    resource: Resource | None = None
    """The resource judged; None for target-level results."""
    attribute: str = ""
    """The attribute path that decided, when there is one."""


def passed(resource: Resource | None, message: str, attribute: str = "") -> Result:
    """A PASS result."""
    return Result(Status.PASS, message, resource, attribute)


def failed(resource: Resource | None, message: str, attribute: str = "") -> Result:
    """A FAIL result."""
    return Result(Status.FAIL, message, resource, attribute)


def unknown(resource: Resource | None, message: str, attribute: str = "") -> Result:
    """An UNKNOWN result: the deciding value is only known after apply."""
    return Result(Status.UNKNOWN, message, resource, attribute)


def not_evidenced(message: str) -> Result:
    """A NOT_EVIDENCED result: the evidence is not in this input."""
    return Result(Status.NOT_EVIDENCED, message)


CheckFunction = Callable[[CheckContext], Iterable[Result]]


@dataclass(frozen=True, slots=True)
class Check:
    """A check's implementation; ``id`` links it to its ``CheckSpec`` in the catalog."""

    id: str
    """Stable check id."""
    evaluate: CheckFunction
    """The function that yields results."""
