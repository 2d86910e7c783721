"""One deserialisation per ``AnalyzeStack`` call instead of one per stack policy.

pulumi-policy's analyzer servicer rebuilds every ``PolicyResource`` of the stack (protobuf ->
dict, secrets, unknown-checking proxies, providers, links between resources) once for each
stack policy it calls. This pack has one stack policy per stack check plus the audit, so a
5,000-resource stack was deserialised 56 times. ``install_shared_stack_servicer`` replaces the
SDK's servicer class (``pulumi_policy.policy._PolicyAnalyzerServicer``, which ``PolicyPack``
instantiates) with a subclass whose ``AnalyzeStack`` builds the resources once and hands the
same ``SharedStackResources`` list to every stack policy of the call.

What the engine sees does not change: the policies are called in the same order with the same
arguments (per-policy config, enforcement levels with ``remediate`` reported as mandatory,
disabled policies skipped, stack tags), violations are reported through the SDK's own
``report_violation``, an ``UnknownValueError`` becomes the SDK's advisory "can't run policy"
diagnostic and ``not_applicable`` a not-applicable entry; ``Analyze``, ``Remediate``,
``Configure`` and the rest are the SDK's.

Sharing is safe here because every policy of the pack only reads the resources. The shared
list belongs to one call (one request, one gRPC worker thread): whatever the policies derive
from it and store on it (``SharedStackResources.shared``) lives and dies with that call, so a
result can never reach another stack's call, even when the engine overlaps calls on the
server's other threads.

The replacement relies on SDK internals (private attributes and helper methods), so it is
installed only for the pulumi-policy versions the ``pulumi`` extra allows (``SUPPORTED_SDK``)
and only when those internals are there; otherwise, or if a call finds them gone, the SDK's own
``AnalyzeStack`` runs (slower, same results) and a warning goes to stderr.
"""

from __future__ import annotations

import asyncio
import importlib
import re
import sys
import threading
from collections.abc import Callable, Iterable
from importlib import metadata
from inspect import isawaitable
from typing import Any, TypeVar

from srm_iac.pulumi_pack.collector import collection_paused

SUPPORTED_SDK: tuple[tuple[int, ...], tuple[int, ...]] = ((1, 21), (2,))
"""pulumi-policy versions [low, high) this module knows the internals of (the ``pulumi``
extra's range; a test keeps the two in step)."""

_SDK_CLASS = "_PolicyAnalyzerServicer"
_SDK_HELPERS = (
    "AnalyzeStack",
    "_configure_runtime_settings",
    "_get_enforcement_level",
    "_create_report_violation",
    "_get_policy_config",
    "_get_resource_options",
    "_get_provider_resource",
    "_map_enforcement_level",
)
"""Methods of the SDK's servicer the replacement calls."""
_SDK_NAMES = (
    _SDK_CLASS,
    "_NotApplicableError",
    "EnforcementLevel",
    "PolicyResource",
    "StackValidationArgs",
    "StackValidationPolicy",
    "proto",
)
"""Names in ``pulumi_policy.policy`` the replacement uses."""
_SDK_STATE = ("policies", "policy_pack_name", "policy_pack_version", "stack_tags")
"""Private attributes (``self.__x`` in the SDK class) the replacement reads."""

_T = TypeVar("_T")
_installed_lock = threading.Lock()


class SharedStackResources(list[Any]):
    """The stack's ``PolicyResource`` objects of one ``AnalyzeStack`` call.

    Every stack policy of the call receives this same list as ``args.resources``. Policies can
    keep what they derive from it with ``shared(key, compute)``: computed once (under a lock),
    then returned to every later caller of the same call.
    """

    def __init__(self, resources: Iterable[Any] = ()) -> None:
        super().__init__(resources)
        self._lock = threading.Lock()
        self._values: dict[str, Any] = {}

    def shared(self, key: str, compute: Callable[[], _T]) -> _T:
        """``compute()`` the first time ``key`` is asked for on this list, then its result."""
        with self._lock:
            if key not in self._values:
                self._values[key] = compute()
            value: _T = self._values[key]
            return value


def sdk_version() -> tuple[int, ...] | None:
    """The installed pulumi-policy version as numbers (``(1, 21, 0)``); None if unknown."""
    try:
        text = metadata.version("pulumi-policy")
    except metadata.PackageNotFoundError:
        return None
    match = re.match(r"[0-9]+(?:\.[0-9]+)*", text)
    return tuple(int(part) for part in match.group().split(".")) if match else None


def _supported(version: tuple[int, ...] | None) -> bool:
    low, high = SUPPORTED_SDK
    return version is not None and low <= version < high


def _warn(message: str) -> None:
    print(f"srm-iac policy pack: {message}", file=sys.stderr, flush=True)


def install_shared_stack_servicer() -> bool:
    """Make ``PolicyPack`` serve ``AnalyzeStack`` with one shared deserialisation.

    Call before ``PolicyPack(...)``. Idempotent. Returns False (after a warning on stderr) and
    changes nothing when the installed pulumi-policy is outside ``SUPPORTED_SDK`` or its
    servicer lacks what the replacement needs.
    """
    try:
        from pulumi_policy import policy as sdk
    except ImportError:
        return False
    with _installed_lock:
        current = getattr(sdk, _SDK_CLASS, None)
        if isinstance(current, type) and getattr(current, "shares_stack_resources", False):
            return True
        version = sdk_version()
        if not _supported(version):
            shown = ".".join(map(str, version)) if version else "unknown"
            _warn(
                f"pulumi-policy {shown} is outside the tested range; AnalyzeStack uses the "
                "SDK's own loop (same results, slower on large stacks)"
            )
            return False
        missing = missing_internals(sdk)
        if missing:
            _warn(
                "pulumi-policy's analyzer servicer is not the expected one (missing: "
                f"{', '.join(missing)}); AnalyzeStack uses the SDK's own loop"
            )
            return False
        setattr(sdk, _SDK_CLASS, shared_servicer_class(sdk, current))
        return True


def missing_internals(sdk: Any) -> list[str]:
    """What the replacement needs from ``pulumi_policy.policy`` and does not find there."""
    missing = [name for name in _SDK_NAMES if getattr(sdk, name, None) is None]
    servicer = getattr(sdk, _SDK_CLASS, None)
    if not isinstance(servicer, type):
        return missing or [_SDK_CLASS]
    return missing + [name for name in _SDK_HELPERS if not callable(getattr(servicer, name, None))]


def shared_servicer_class(sdk: Any, base: Any) -> type:
    """``base`` (the SDK's servicer class) with ``AnalyzeStack`` replaced.

    ``sdk`` is the ``pulumi_policy.policy`` module; ``install_shared_stack_servicer`` checks
    that it has what this needs (``missing_internals``) before calling it.
    """
    from pulumi_policy import deserialize, proxy

    json_format: Any = importlib.import_module("google.protobuf.json_format")

    def private(servicer: Any, name: str) -> Any:
        # ``self.__x`` in the SDK's class body is stored as ``_<class name>__x``, the class
        # name's leading underscores dropped.
        return getattr(servicer, f"_{base.__name__.lstrip('_')}__{name}")

    class SharedStackServicer(base):
        """pulumi-policy's servicer; ``AnalyzeStack`` deserialises the stack once per call."""

        shares_stack_resources = True
        sdk_servicer = base
        """The SDK's own class."""
        _fell_back = False

        def AnalyzeStack(self, request: Any, context: Any) -> Any:  # noqa: N802 - gRPC name
            try:
                state = {name: private(self, name) for name in _SDK_STATE}
            except AttributeError as exc:
                if not SharedStackServicer._fell_back:
                    SharedStackServicer._fell_back = True
                    _warn(f"pulumi-policy internals changed ({exc}); using the SDK's AnalyzeStack")
                return super().AnalyzeStack(request, context)
            with collection_paused():
                return self._analyze_stack_once(request, state)

        def _analyze_stack_once(self, request: Any, state: dict[str, Any]) -> Any:
            self._configure_runtime_settings()
            response = sdk.proto.AnalyzeResponse()
            resources: SharedStackResources | None = None
            for policy in state["policies"]:
                level = self._get_enforcement_level(policy)
                if level is sdk.EnforcementLevel.DISABLED or not isinstance(
                    policy, sdk.StackValidationPolicy
                ):
                    continue
                if level is sdk.EnforcementLevel.REMEDIATE:
                    level = sdk.EnforcementLevel.MANDATORY  # a stack cannot be remediated
                if resources is None:
                    resources = self._stack_resources(request)
                report = self._create_report_violation(
                    response, policy.name, policy.description, level, policy.severity
                )
                args = sdk.StackValidationArgs(
                    resources, self._get_policy_config(policy.name), state["stack_tags"]
                )
                try:
                    _complete(policy.validate(args, report))
                except proxy.UnknownValueError as exc:
                    response.diagnostics.append(self._cannot_run(policy, exc.message, state))
                except sdk._NotApplicableError as exc:
                    response.not_applicable.append(
                        sdk.proto.PolicyNotApplicable(
                            policy_name=policy.name, reason=getattr(exc, "reason", None) or ""
                        )
                    )
            return response

        def _cannot_run(self, policy: Any, message: str, state: dict[str, Any]) -> Any:
            pack = f"{state['policy_pack_name']}@v{state['policy_pack_version']}"
            return sdk.proto.AnalyzeDiagnostic(
                policyName=policy.name,
                policyPackName=state["policy_pack_name"],
                policyPackVersion=state["policy_pack_version"],
                message=f"can't run policy '{policy.name}' from policy pack '{pack}' "
                f"during preview: {message}",
                urn="",
                description=policy.description,
                enforcementLevel=self._map_enforcement_level(sdk.EnforcementLevel.ADVISORY),
            )

        def _stack_resources(self, request: Any) -> SharedStackResources:
            by_urn: dict[str, Any] = {}
            built: list[tuple[Any, Any]] = []
            for message in request.resources:
                properties = deserialize.deserialize_properties(
                    json_format.MessageToDict(message.properties)
                )
                resource = sdk.PolicyResource(
                    message.type,
                    proxy.unknown_checking_proxy(properties),
                    message.urn,
                    message.name,
                    self._get_resource_options(message),
                    self._get_provider_resource(message),
                    None,
                    [],
                    {},
                )
                by_urn[message.urn] = resource
                built.append((resource, message))
            for resource, message in built:
                resource.parent = by_urn.get(message.parent)
                resource.dependencies.extend(
                    by_urn[urn] for urn in message.dependencies if urn in by_urn
                )
                for key, targets in message.propertyDependencies.items():
                    resource.property_dependencies[key] = [
                        by_urn[urn] for urn in targets.urns if urn in by_urn
                    ]
            return SharedStackResources(resource for resource, _ in built)

    SharedStackServicer.__name__ = SharedStackServicer.__qualname__ = "SharedStackServicer"
    return SharedStackServicer


def _complete(result: Any) -> None:
    """Run an async validate function to completion on a fresh event loop (as the SDK does)."""
    if not isawaitable(result):
        return
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(result)
    finally:
        loop.close()
