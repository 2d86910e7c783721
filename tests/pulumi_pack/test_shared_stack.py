"""Over gRPC: what the pack shares within one AnalyzeStack call never leaks into another.

The pack builds each stack's inventory once per call and shares it between the call's stack
policies. Different stacks analysed at the same time, the same stack analysed again, and a
configuration changed between calls must each get exactly what a lone, fresh call gets.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.pulumi_pack.engine import Outcome, PolicyPackProcess, StackResource
from tests.pulumi_pack.engine import resources_from_preview as from_preview
from tests.pulumi_pack.test_crossguard import AGENT, AWS_PROVIDER, agent, urn, weak_guardrail


def _example(name: str) -> list[StackResource]:
    path = REPO / "examples" / "pulumi" / name / "preview.json"
    return from_preview(json.loads(path.read_text()))


STACKS: dict[str, list[StackResource]] = {
    "bedrock": [AWS_PROVIDER, weak_guardrail(), agent(weak_guardrail())],
    "agent without guardrail": [AWS_PROVIDER, agent(None)],
    "azure": _example("azure-openai-insecure"),
    "vertex": _example("vertex-ai-insecure"),
}


def _seen(outcome: Outcome) -> tuple[object, ...]:
    diagnostics = sorted(
        (d.policy, d.level, d.severity, d.urn, d.message) for d in outcome.diagnostics
    )
    not_applicable = sorted((p, tuple(r)) for p, r in outcome.not_applicable.items())
    return tuple(diagnostics), tuple(not_applicable)


@pytest.fixture(scope="module")
def alone(pack: PolicyPackProcess) -> dict[str, tuple[object, ...]]:
    """Each stack analysed by itself, with the default config."""
    pack.configure()
    return {name: _seen(pack.analyze_stack(resources)) for name, resources in STACKS.items()}


def test_stacks_differ_so_a_leak_would_show(alone: dict[str, tuple[object, ...]]) -> None:
    assert len(set(alone.values())) == len(STACKS)


def test_stacks_analysed_concurrently_get_their_own_results(
    pack: PolicyPackProcess, alone: dict[str, tuple[object, ...]]
) -> None:
    pack.configure()
    order = [name for _ in range(6) for name in STACKS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda name: _seen(pack.analyze_stack(STACKS[name])), order))
    for name, outcome in zip(order, outcomes, strict=True):
        assert outcome == alone[name], name
    assert "srm-iac policy pack:" not in "".join(pack.stderr)  # the shared servicer is in use


def test_repeated_calls_give_the_same_result(
    pack: PolicyPackProcess, alone: dict[str, tuple[object, ...]]
) -> None:
    pack.configure()
    for name in ("bedrock", "bedrock", "azure", "bedrock"):
        assert _seen(pack.analyze_stack(STACKS[name])) == alone[name]


def test_config_changes_between_calls_take_effect(
    pack: PolicyPackProcess, alone: dict[str, tuple[object, ...]], tmp_path: Path
) -> None:
    stack = STACKS["agent without guardrail"]
    pack.configure()
    [blocked] = pack.analyze_stack(stack).of("SRM-AWS-004")
    assert blocked.level == "mandatory" and blocked.urn == urn(AGENT, "support")

    waiver = {
        "address": "aws_bedrockagent_agent.support",
        "reason": "SEC-9",
        "expires": "2027-01-01",
    }
    report = tmp_path / "audit.json"
    pack.configure(
        {
            "SRM-AWS-004": {"waivers": [waiver]},
            "SRM-AWS-019": {"approvedModels": {"aws_bedrock": ["amazon.titan-*"]}},
            "srm-iac-audit": {"reportJson": str(report)},
        }
    )
    changed = pack.analyze_stack(stack)
    assert changed.of("SRM-AWS-004") == []
    [model] = changed.of("SRM-AWS-019")
    assert "is not on the approved list" in model.message
    statuses = {f["check_id"]: f["status"] for f in json.loads(report.read_text())["findings"]}
    assert statuses["SRM-AWS-004"] == "FAIL"  # the audit's own config has no waiver

    pack.configure({"all": "disabled"})
    assert pack.analyze_stack(stack).diagnostics == []

    pack.configure()
    assert _seen(pack.analyze_stack(stack)) == alone["agent without guardrail"]
