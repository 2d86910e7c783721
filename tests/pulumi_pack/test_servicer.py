"""The shared AnalyzeStack servicer answers exactly as pulumi-policy's own, in process.

Both servicers get the same policies (the pack's, plus probes that exercise what the pack's
do not: async validation, reading links between resources, stack tags, config) and the same
calls; their responses must be equal message for message. Also: what the pack keeps per call
(``SharedStackResources``, ``shared_analysis``), the install guard and the collector pause.
"""

from __future__ import annotations

import gc
import re
import threading
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from types import SimpleNamespace
from typing import Any

import pytest
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy import policy as sdk

from srm_iac.pulumi_pack import build_policies, servicer
from srm_iac.pulumi_pack.analysis import shared_analysis
from srm_iac.pulumi_pack.collector import collection_paused
from srm_iac.pulumi_pack.servicer import (
    SUPPORTED_SDK,
    SharedStackResources,
    install_shared_stack_servicer,
    missing_internals,
    shared_servicer_class,
)
from tests.conftest import REPO
from tests.pulumi_pack.engine import UNKNOWN, StackResource, secret, stack_request
from tests.pulumi_pack.test_crossguard import AWS_PROVIDER, agent, resource, weak_guardrail


def _sdk_servicer() -> type:
    """pulumi-policy's own servicer class, even when the pack's is installed."""
    current: Any = sdk._PolicyAnalyzerServicer
    return getattr(current, "sdk_servicer", current)


def _links(args: StackValidationArgs, report: ReportViolation) -> None:
    for item in args.resources:
        parent = item.parent.urn if item.parent else "-"
        dependencies = ",".join(d.urn for d in item.dependencies)
        properties = {k: [d.urn for d in v] for k, v in sorted(item.property_dependencies.items())}
        provider = item.provider.urn if item.provider else "-"
        report(f"{item.name} {parent} {dependencies} {properties} {provider}", item.urn)


async def _tags_and_config(args: StackValidationArgs, report: ReportViolation) -> None:
    report(f"tags {dict(args.stack_tags)} config {dict(args.get_config())}", None)


def _reads_unknown(args: StackValidationArgs, report: ReportViolation) -> None:
    for item in args.resources:
        report(str(item.props.get("agentName")), item.urn)
        for name in ("guardrailConfigurations", "contentPolicyConfig"):
            value = item.props.get(name)
            if isinstance(value, Sequence):
                str(value[0]["guardrailIdentifier"])
            elif isinstance(value, Mapping):
                str(value["filtersConfigs"][0]["inputStrength"])


def _not_applicable(args: StackValidationArgs, report: ReportViolation) -> None:
    args.not_applicable()


def _probes() -> list[Any]:
    def stack(name: str, validate: Any, level: EnforcementLevel) -> StackValidationPolicy:
        return StackValidationPolicy(
            name=name,
            description=f"probe {name}",
            validate=validate,
            enforcement_level=level,
            config_schema=PolicyConfigSchema({"x": {"type": "string"}}),
        )

    return [
        stack("probe-links", _links, EnforcementLevel.ADVISORY),
        stack("probe-async", _tags_and_config, EnforcementLevel.MANDATORY),
        stack("probe-unknown", _reads_unknown, EnforcementLevel.MANDATORY),
        stack("probe-not-applicable", _not_applicable, EnforcementLevel.ADVISORY),
        ResourceValidationPolicy(
            name="probe-resource",
            description="never called by AnalyzeStack",
            validate=lambda args, report: report("resource", None),
        ),
    ]


STACKS: dict[str, list[StackResource]] = {
    "guardrail and agent": [AWS_PROVIDER, weak_guardrail(), agent(weak_guardrail())],
    "agent alone, unknown strength": [
        AWS_PROVIDER,
        weak_guardrail(strength=UNKNOWN),
        agent(None, secret("api_key=sk-live-0123456789abcdefghijklmn")),
    ],
    "no AI": [AWS_PROVIDER, resource("aws:s3/bucket:Bucket", "logs", {"bucket": "logs"})],
    "empty": [],
}

CONFIGS: dict[str, dict[str, analyzer_pb2.PolicyConfig]] = {
    "defaults": {},
    "levels": {
        "SRM-AWS-004": analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.REMEDIATE),
        "SRM-AWS-005": analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.DISABLED),
        "srm-iac-audit": analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.MANDATORY),
        "probe-links": analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.DISABLED),
    },
}


def _configured(
    servicer_class: type, policies: list[Any], config: dict[str, analyzer_pb2.PolicyConfig]
) -> Any:
    instance = servicer_class("srm-iac", "0.0.1", policies, EnforcementLevel.ADVISORY)
    request = analyzer_pb2.ConfigureAnalyzerRequest()
    for name, entry in config.items():
        request.policyConfig[name].CopyFrom(entry)
    request.policyConfig["probe-async"].enforcementLevel = analyzer_pb2.MANDATORY
    request.policyConfig["probe-async"].properties.update({"x": "from config"})
    instance.Configure(request, None)
    instance.ConfigureStack(analyzer_pb2.AnalyzerStackConfigureRequest(tags={"team": "ai"}), None)
    return instance


@pytest.fixture(scope="module")
def policies() -> list[Any]:
    return [*build_policies(), *_probes()]


@pytest.mark.parametrize("config", sorted(CONFIGS))
@pytest.mark.parametrize("stack", sorted(STACKS))
def test_same_response_as_the_sdk(policies: list[Any], stack: str, config: str) -> None:
    original = _sdk_servicer()
    shared = shared_servicer_class(sdk, original)
    request = stack_request(STACKS[stack])
    expected = _configured(original, policies, CONFIGS[config]).AnalyzeStack(request, None)
    actual = _configured(shared, policies, CONFIGS[config]).AnalyzeStack(request, None)
    assert actual == expected
    assert expected.diagnostics or expected.not_applicable


def test_every_stack_policy_gets_the_same_list_and_each_call_a_new_one() -> None:
    seen: list[Any] = []

    def record(args: StackValidationArgs, report: ReportViolation) -> None:
        seen.append(args.resources)

    policies = [StackValidationPolicy(f"p{i}", "records", record) for i in range(3)]
    shared = shared_servicer_class(sdk, _sdk_servicer())
    instance = shared("pack", "0.0.1", policies, EnforcementLevel.ADVISORY)
    request = stack_request(STACKS["guardrail and agent"])
    instance.AnalyzeStack(request, None)
    instance.AnalyzeStack(request, None)
    first, second = seen[:3], seen[3:]
    assert all(isinstance(item, SharedStackResources) for item in seen)
    assert first[0] is first[1] is first[2] and second[0] is second[1] is second[2]
    assert first[0] is not second[0]


def test_internals_changed_at_call_time_falls_back_to_the_sdk(
    policies: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    original = _sdk_servicer()
    renamed = type("Renamed", (original,), {})  # private names no longer where expected
    request = stack_request(STACKS["guardrail and agent"])
    expected = _configured(original, policies, {}).AnalyzeStack(request, None)
    fallback = shared_servicer_class(sdk, renamed)
    assert _configured(fallback, policies, {}).AnalyzeStack(request, None) == expected
    assert _configured(fallback, policies, {}).AnalyzeStack(request, None) == expected
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1 and "using the SDK's AnalyzeStack" in warnings[0]


def test_shared_values_are_computed_once_per_list() -> None:
    calls: list[int] = []

    def compute() -> object:
        calls.append(1)
        return object()

    resources = SharedStackResources([1, 2])
    other = SharedStackResources([1, 2])
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(resources.shared("k", compute)))
        for _ in range(16)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and all(result is results[0] for result in results)
    assert other.shared("k", compute) is not results[0] and len(calls) == 2
    assert resources == [1, 2]


def test_the_stack_analysis_is_kept_only_on_a_shared_list() -> None:
    original = _sdk_servicer()
    request = stack_request(STACKS["guardrail and agent"])
    shared = shared_servicer_class(sdk, original)(
        "pack",
        "0.0.1",
        [StackValidationPolicy("p", "d", lambda a, r: None)],
        EnforcementLevel.ADVISORY,
    )
    resources = shared._stack_resources(request)
    analysis = shared_analysis(resources)
    assert shared_analysis(resources) is analysis
    assert [r.address for r in analysis.inventory.resources] == [
        "aws_bedrock_guardrail.weak",
        "aws_bedrockagent_agent.support",
    ]
    plain = list(resources)
    assert shared_analysis(plain) is not shared_analysis(plain)
    again = shared._stack_resources(request)
    assert shared_analysis(again) is not analysis


def test_install_is_guarded_and_idempotent(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _sdk_servicer()
    monkeypatch.setattr(sdk, "_PolicyAnalyzerServicer", original)
    monkeypatch.setattr(servicer, "sdk_version", lambda: (2, 0, 0))
    assert install_shared_stack_servicer() is False
    assert sdk._PolicyAnalyzerServicer is original
    assert "pulumi-policy 2.0.0 is outside the tested range" in capsys.readouterr().err
    monkeypatch.setattr(servicer, "sdk_version", lambda: (1, 21, 0))
    assert install_shared_stack_servicer() is True
    installed = sdk._PolicyAnalyzerServicer
    assert installed is not original and installed.sdk_servicer is original
    assert install_shared_stack_servicer() is True and sdk._PolicyAnalyzerServicer is installed
    assert capsys.readouterr().err == ""


def test_missing_internals_are_named() -> None:
    assert missing_internals(sdk) == []
    broken = SimpleNamespace(**{name: getattr(sdk, name) for name in dir(sdk)})
    del broken._NotApplicableError
    assert missing_internals(broken) == ["_NotApplicableError"]
    broken._NotApplicableError = sdk._NotApplicableError
    broken._PolicyAnalyzerServicer = type("Bare", (), {})
    assert "AnalyzeStack" in missing_internals(broken)
    broken._PolicyAnalyzerServicer = None
    assert "_PolicyAnalyzerServicer" in missing_internals(broken)


def test_supported_range_is_the_pulumi_extra() -> None:
    document = tomllib.loads((REPO / "pyproject.toml").read_text())
    [spec] = [
        s for s in document["project"]["optional-dependencies"]["pulumi"] if "pulumi-policy" in s
    ]
    low, high = SUPPORTED_SDK
    bounds = re.fullmatch(r"pulumi-policy>=([0-9.]+),<([0-9.]+)", spec)
    assert bounds is not None, spec
    assert bounds.groups() == (".".join(map(str, low)), ".".join(map(str, high)))
    assert servicer.sdk_version() is not None
    assert low <= (servicer.sdk_version() or ()) < high


@pytest.fixture
def collector_running() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()


@pytest.mark.usefixtures("collector_running")
def test_the_collector_resumes_after_the_last_overlapping_call() -> None:
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()  # it was off before: left off
