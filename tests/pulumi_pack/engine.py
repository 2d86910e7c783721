"""An engine-side harness for a Python CrossGuard policy pack: the Pulumi engine's part, in tests.

The Pulumi CLI cannot be installed here, so this plays the engine the way
``../shared/reference/crossguard.md`` describes it:

- start a stub ``pulumirpc.Engine`` server and pass its address to the pack;
- launch ``python -u -m pulumi.policy <engine address> <pack dir>`` with the ``PULUMI_*``
  environment, read the port from the first line of stdout, drain stdout and stderr;
- ``Handshake`` and ``ConfigureStack`` (UNIMPLEMENTED is accepted), ``GetAnalyzerInfo``,
  ``Configure`` with the engine's reconciliation (schema defaults, ``initialConfig``, the user
  config with ``all``, JSON-schema validation before anything is sent);
- per resource ``Remediate`` then ``Analyze``, then one ``AnalyzeStack`` with parents,
  dependencies and property dependencies;
- tear everything down by process id.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping
from concurrent import futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import jsonschema
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc, engine_pb2, engine_pb2_grpc

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
LEVELS = {
    analyzer_pb2.ADVISORY: "advisory",
    analyzer_pb2.MANDATORY: "mandatory",
    analyzer_pb2.DISABLED: "disabled",
    analyzer_pb2.REMEDIATE: "remediate",
}
LEVEL_VALUES = {name: value for value, name in LEVELS.items()}
SEVERITIES = {
    analyzer_pb2.POLICY_SEVERITY_UNSPECIFIED: "",
    analyzer_pb2.POLICY_SEVERITY_LOW: "low",
    analyzer_pb2.POLICY_SEVERITY_MEDIUM: "medium",
    analyzer_pb2.POLICY_SEVERITY_HIGH: "high",
    analyzer_pb2.POLICY_SEVERITY_CRITICAL: "critical",
}
PORT_TIMEOUT = 60.0
MAX_MESSAGE = 400 * 1024 * 1024


def secret(value: Any) -> dict[str, Any]:
    """A value as the engine sends a secret."""
    return {SIG_KEY: SECRET_SIG, "value": value}


class ConfigValidationError(Exception):
    """The reconciled config breaks a policy's schema; the engine stops before Configure."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Diagnostic:
    """One policy diagnostic as the engine would show it."""

    policy: str
    level: str
    severity: str
    message: str
    urn: str


@dataclass(frozen=True)
class StackResource:
    """A resource as the engine knows it during an update."""

    urn: str
    type: str
    properties: Mapping[str, Any]
    parent: str = ""
    dependencies: tuple[str, ...] = ()
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    provider: StackResource | None = None
    custom: bool = True

    @property
    def name(self) -> str:
        return self.urn.rsplit("::", 1)[-1]


@dataclass
class Outcome:
    """Everything a preview produced."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    not_applicable: dict[str, list[str]] = field(default_factory=dict)

    def of(self, policy: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.policy == policy]

    def messages(self) -> str:
        return "\n".join(d.message for d in self.diagnostics)


class _EngineStub(engine_pb2_grpc.EngineServicer):
    """The engine's own gRPC service; Python policy packs never call it, but get its address."""

    def __init__(self) -> None:
        self.logs: list[str] = []

    def Log(self, request: Any, context: Any) -> empty_pb2.Empty:  # noqa: N802 - gRPC name
        self.logs.append(request.message)
        return empty_pb2.Empty()

    def GetRootResource(self, request: Any, context: Any) -> Any:  # noqa: N802
        return engine_pb2.GetRootResourceResponse()

    def SetRootResource(self, request: Any, context: Any) -> Any:  # noqa: N802
        return engine_pb2.SetRootResourceResponse()


class PolicyPackProcess:
    """A launched policy pack and an Analyzer client connected to it."""

    def __init__(
        self,
        pack_dir: Path,
        *,
        project: str = "chat",
        stack: str = "dev",
        organization: str = "acme",
        dry_run: bool = True,
        environment: Mapping[str, str] | None = None,
    ) -> None:
        self.pack_dir = pack_dir.resolve()
        self.project, self.stack, self.organization = project, stack, organization
        self.dry_run = dry_run
        self.extra_environment = dict(environment or {})
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.info: Any = None
        self._engine: grpc.Server | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._channel: grpc.Channel | None = None
        self.analyzer: Any = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> PolicyPackProcess:
        self._engine = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
        engine_pb2_grpc.add_EngineServicer_to_server(_EngineStub(), self._engine)
        engine_port = self._engine.add_insecure_port("127.0.0.1:0")
        self._engine.start()
        env = {
            **os.environ,
            **self.extra_environment,
            "PULUMI_PROJECT": self.project,
            "PULUMI_STACK": self.stack,
            "PULUMI_ORGANIZATION": self.organization,
            "PULUMI_DRY_RUN": "true" if self.dry_run else "false",
            "PULUMI_CONFIG": json.dumps({f"{self.project}:region": "us-east-1"}),
        }
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-u",
                "-m",
                "pulumi.policy",
                f"127.0.0.1:{engine_port}",
                str(self.pack_dir),
            ],
            cwd=self.pack_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._drain(self._process.stderr, self.stderr)
        port = self._read_port()
        self._drain(self._process.stdout, self.stdout)
        options = [
            ("grpc.max_receive_message_length", MAX_MESSAGE),
            ("grpc.max_send_message_length", MAX_MESSAGE),
        ]
        self._channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=options)
        grpc.channel_ready_future(self._channel).result(timeout=PORT_TIMEOUT)
        self.analyzer = analyzer_pb2_grpc.AnalyzerStub(self._channel)
        self._tolerate_unimplemented(
            self.analyzer.Handshake,
            analyzer_pb2.AnalyzerHandshakeRequest(
                engine_address=f"127.0.0.1:{engine_port}",
                root_directory=str(self.pack_dir),
                program_directory=str(self.pack_dir),
            ),
        )
        self._tolerate_unimplemented(
            self.analyzer.ConfigureStack,
            analyzer_pb2.AnalyzerStackConfigureRequest(
                stack=self.stack,
                project=self.project,
                organization=self.organization,
                dry_run=self.dry_run,
                config={f"{self.project}:region": "us-east-1"},
                tags={"team": "ai-platform"},
            ),
        )
        self.info = self.analyzer.GetAnalyzerInfo(empty_pb2.Empty())
        return self

    def stop(self) -> None:
        if self._channel is not None:
            self._channel.close()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        if self._engine is not None:
            self._engine.stop(grace=None)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> PolicyPackProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _read_port(self) -> int:
        assert self._process is not None and self._process.stdout is not None
        stream = self._process.stdout
        line = bytearray()
        done = threading.Event()

        def read() -> None:
            while True:
                byte = stream.read(1)
                if not byte or byte == b"\n":
                    break
                line.extend(byte)
            done.set()

        threading.Thread(target=read, daemon=True).start()
        if not done.wait(PORT_TIMEOUT):
            raise RuntimeError("the policy pack did not report a port in time")
        text = line.decode(errors="replace")
        for escape in ("\x1b]9;4;3;\x1b\\", "\x1b]9;4;0;\x1b\\"):
            text = text.replace(escape, "")
        text = text.strip()
        if not text.isdigit() or not 0 < int(text) < 65536:
            self._process.wait(timeout=10)
            raise RuntimeError(
                f"the policy pack did not report a port (stdout {text!r}, "
                f"exit {self._process.returncode}): {''.join(self.stderr)[-2000:]}"
            )
        return int(text)

    @staticmethod
    def _drain(stream: Any, into: list[str]) -> None:
        def read() -> None:
            into.extend(raw.decode(errors="replace") for raw in iter(stream.readline, b""))

        threading.Thread(target=read, daemon=True).start()

    @staticmethod
    def _tolerate_unimplemented(call: Any, request: Any) -> None:
        try:
            call(request)
        except grpc.RpcError as exc:
            if exc.code() is not grpc.StatusCode.UNIMPLEMENTED:
                raise

    # -- configuration ---------------------------------------------------------------------

    def policy_names(self) -> list[str]:
        return [policy.name for policy in self.info.policies]

    def policy_info(self, name: str) -> Any:
        return next(policy for policy in self.info.policies if policy.name == name)

    def reconcile(self, user: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
        """The engine's config reconciliation; raises ``ConfigValidationError``."""
        result: dict[str, dict[str, Any]] = {}
        for policy in self.info.policies:
            schema = json_format.MessageToDict(policy.configSchema.properties)
            defaults = {k: v["default"] for k, v in schema.items() if "default" in v}
            result[policy.name] = {
                "level": LEVELS[policy.enforcementLevel],
                "properties": defaults or None,
            }
        initial = {
            name: {
                "level": LEVELS[config.enforcementLevel],
                "properties": json_format.MessageToDict(config.properties) or None,
            }
            for name, config in self.info.initialConfig.items()
        }
        _apply(result, initial)
        if user is not None:
            _apply(result, _parse_user_config(user))
        errors = []
        for policy in self.info.policies:
            schema = {
                "type": "object",
                "properties": json_format.MessageToDict(policy.configSchema.properties),
            }
            if not schema["properties"]:
                continue
            if policy.configSchema.required:
                schema["required"] = list(policy.configSchema.required)
            properties = result[policy.name]["properties"] or {}
            validator = jsonschema.Draft7Validator(schema)
            errors.extend(f"{policy.name}: {e.message}" for e in validator.iter_errors(properties))
        if errors:
            raise ConfigValidationError(errors)
        return result

    def configure(self, user: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
        """Reconcile ``user`` (a ``--policy-pack-config`` document) and send ``Configure``."""
        reconciled = self.reconcile(user)
        request = analyzer_pb2.ConfigureAnalyzerRequest()
        for name, config in reconciled.items():
            entry = request.policyConfig[name]
            entry.enforcementLevel = LEVEL_VALUES[config["level"]]
            if config["properties"]:
                entry.properties.update(config["properties"])
        self.analyzer.Configure(request)
        return reconciled

    # -- evaluation ------------------------------------------------------------------------

    def preview(self, resources: Iterable[StackResource]) -> Outcome:
        """Remediate and Analyze each resource, then AnalyzeStack, as ``pulumi preview`` does."""
        resources = list(resources)
        outcome = Outcome()
        urns = {resource.urn for resource in resources}
        root = self._root_urn()
        for resource in resources:
            request = _analyze_request(resource, keep_internal=True)
            remediated = self.analyzer.Remediate(request)
            properties = dict(resource.properties)
            for remediation in remediated.remediations:
                if not remediation.diagnostic and remediation.properties:
                    properties = json_format.MessageToDict(remediation.properties)
            current = StackResource(**{**resource.__dict__, "properties": properties})
            response = self.analyzer.Analyze(_analyze_request(current, keep_internal=False))
            self._collect(outcome, response, resource.urn, urns, root)
        stack = self.analyze_stack(resources)
        outcome.diagnostics.extend(stack.diagnostics)
        for policy, reasons in stack.not_applicable.items():
            outcome.not_applicable.setdefault(policy, []).extend(reasons)
        return outcome

    def analyze_stack(self, resources: Iterable[StackResource]) -> Outcome:
        """One AnalyzeStack call, as the engine makes at the end of a preview."""
        resources = list(resources)
        outcome = Outcome()
        root = self._root_urn()
        response = self.analyzer.AnalyzeStack(stack_request(resources))
        self._collect(outcome, response, root, {r.urn for r in resources}, root)
        return outcome

    def analyze(self, resource: StackResource) -> Outcome:
        outcome = Outcome()
        response = self.analyzer.Analyze(_analyze_request(resource, keep_internal=False))
        self._collect(outcome, response, resource.urn, {resource.urn}, self._root_urn())
        return outcome

    def _root_urn(self) -> str:
        return (
            f"urn:pulumi:{self.stack}::{self.project}::pulumi:pulumi:Stack::"
            f"{self.project}-{self.stack}"
        )

    def _collect(
        self, outcome: Outcome, response: Any, default_urn: str, urns: set[str], root: str
    ) -> None:
        severities = {p.name: SEVERITIES[p.severity] for p in self.info.policies}
        for d in response.diagnostics:
            urn = d.urn if d.urn in urns else default_urn
            if d.urn and d.urn not in urns:
                urn = root
            level = LEVELS[d.enforcementLevel]
            outcome.diagnostics.append(
                Diagnostic(
                    policy=d.policyName,
                    level="mandatory" if level == "remediate" else level,
                    severity=SEVERITIES[d.severity] or severities.get(d.policyName, ""),
                    message=d.message,
                    urn=urn,
                )
            )
        for item in response.not_applicable:
            outcome.not_applicable.setdefault(item.policy_name, []).append(item.reason)


def _parse_user_config(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``--policy-pack-config`` JSON: a level string or an object per policy (or ``all``)."""
    parsed: dict[str, dict[str, Any]] = {}
    for name, value in document.items():
        if name == "environments":
            continue
        if isinstance(value, str):
            if value not in LEVEL_VALUES:
                raise ValueError(f"parsing enforcement level for {name!r}: {value!r}")
            parsed[name] = {"level": value, "properties": None}
        elif isinstance(value, Mapping):
            properties = dict(value)
            level = properties.pop("enforcementLevel", "")
            if level and level not in LEVEL_VALUES:
                raise ValueError(f"{level!r} is not a valid enforcement level")
            if level or properties:
                parsed[name] = {"level": level, "properties": properties or None}
        else:
            raise ValueError(f"parsing {name!r}: must be a string or object")
    return parsed


def _apply(result: dict[str, dict[str, Any]], config: Mapping[str, dict[str, Any]]) -> None:
    every = config.get("all")
    if every and every["level"] in LEVEL_VALUES:
        for entry in result.values():
            entry["level"] = every["level"]
    for name, given in config.items():
        entry = result.setdefault(name, {"level": "", "properties": None})
        if given["level"] in LEVEL_VALUES:
            entry["level"] = given["level"]
        if given["properties"]:
            merged = dict(entry["properties"] or {})
            merged.update(copy.deepcopy(given["properties"]))
            entry["properties"] = merged
    result.pop("all", None)


def _struct(properties: Mapping[str, Any], *, keep_internal: bool) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(
        {k: v for k, v in properties.items() if keep_internal or not str(k).startswith("__")}
    )
    return struct


def _options(resource: StackResource) -> analyzer_pb2.AnalyzerResourceOptions:
    options = analyzer_pb2.AnalyzerResourceOptions(parent=resource.parent)
    options.customTimeouts.SetInParent()
    return options


def _provider(resource: StackResource) -> analyzer_pb2.AnalyzerProviderResource | None:
    if resource.provider is None:
        return None
    provider = resource.provider
    return analyzer_pb2.AnalyzerProviderResource(
        type=provider.type,
        urn=provider.urn,
        name=provider.name,
        properties=_struct(provider.properties, keep_internal=False),
    )


def _analyze_request(resource: StackResource, *, keep_internal: bool) -> Any:
    request = analyzer_pb2.AnalyzeRequest(
        type=resource.type,
        properties=_struct(resource.properties, keep_internal=keep_internal),
        urn=resource.urn,
        name=resource.name,
        options=_options(resource),
    )
    provider = _provider(resource)
    if provider is not None:
        request.provider.CopyFrom(provider)
    return request


def stack_request(resources: Iterable[StackResource]) -> Any:
    """The ``AnalyzeStackRequest`` the engine sends for ``resources``."""
    return analyzer_pb2.AnalyzeStackRequest(resources=[_stack_resource(r) for r in resources])


def _stack_resource(resource: StackResource) -> Any:
    message = analyzer_pb2.AnalyzerResource(
        type=resource.type,
        properties=_struct(resource.properties, keep_internal=False),
        urn=resource.urn,
        name=resource.name,
        options=_options(resource),
        parent=resource.parent,
        dependencies=list(resource.dependencies),
    )
    provider = _provider(resource)
    if provider is not None:
        message.provider.CopyFrom(provider)
    for key, urns in resource.property_dependencies.items():
        if urns:
            message.propertyDependencies[key].urns.extend(urns)
    return message


REMOVING_OPS = {
    "delete",
    "delete-replaced",
    "discard",
    "discard-replaced",
    "remove-pending-replace",
}


def resources_from_preview(document: Mapping[str, Any]) -> list[StackResource]:
    """The resources a ``pulumi preview --json`` digest describes, as the engine holds them.

    ``"[secret]"`` (a secret the digest redacted) is sent as a secret whose value is unknown,
    the closest the engine's real message can be without the plaintext.
    """
    states: list[tuple[dict[str, Any], dict[str, Any]]] = []
    seen: set[str] = set()
    for step in document.get("steps", []):
        state = step.get("newState")
        if isinstance(state, dict) and step.get("op") not in REMOVING_OPS:
            if state["urn"] not in seen:
                seen.add(state["urn"])
                states.append((step, state))
    providers = {
        state["urn"]: state for _, state in states if state["type"].startswith("pulumi:providers:")
    }

    def provider_of(step: Mapping[str, Any], state: Mapping[str, Any]) -> StackResource | None:
        reference = state.get("provider") or step.get("provider") or ""
        found = providers.get(reference.rsplit("::", 1)[0])
        if found is None:
            return None
        return StackResource(found["urn"], found["type"], _wire(found.get("inputs") or {}))

    return [
        StackResource(
            urn=state["urn"],
            type=state["type"],
            properties=_wire({**(state.get("outputs") or {}), **(state.get("inputs") or {})}),
            parent=state.get("parent", ""),
            dependencies=tuple(state.get("dependencies") or ()),
            property_dependencies={
                k: tuple(v) for k, v in (state.get("propertyDependencies") or {}).items()
            },
            provider=provider_of(step, state),
            custom=state.get("custom", True),
        )
        for step, state in states
    ]


def _wire(value: Any) -> Any:
    if value == "[secret]":
        return secret(UNKNOWN)
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire(v) for v in value]
    return value
