"""Time CrossGuard's AnalyzeStack over N resources, through the real Analyzer gRPC protocol.

Starts the policy pack as the Pulumi engine does (see tests/pulumi_pack/engine.py), configures
it, then times one AnalyzeStack call over a generated stack (mixed AI and ordinary resources).

    python benchmarks/crossguard.py 5000
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.pulumi_pack.engine import UNKNOWN, PolicyPackProcess, StackResource  # noqa: E402

STACK = "urn:pulumi:bench::app::pulumi:pulumi:Stack::app-bench"


def _resource(
    token: str,
    name: str,
    properties: dict[str, Any],
    depends: dict[str, tuple[str, ...]] | None = None,
) -> StackResource:
    return StackResource(
        f"urn:pulumi:bench::app::{token}::{name}",
        token,
        properties,
        parent=STACK,
        dependencies=tuple(u for urns in (depends or {}).values() for u in urns),
        property_dependencies=depends or {},
    )


def stack(count: int) -> list[StackResource]:
    """``count`` resources: one in eight an AI resource."""
    resources: list[StackResource] = []
    guardrail = ""
    for index in range(count):
        kind = index % 8
        if kind == 0:
            item = _resource(
                "aws:bedrock/guardrail:Guardrail",
                f"g{index}",
                {
                    "name": f"g{index}",
                    "blockedInputMessaging": "no",
                    "blockedOutputsMessaging": "no",
                    "contentPolicyConfig": {
                        "filtersConfigs": [
                            {
                                "type": "PROMPT_ATTACK",
                                "inputStrength": "HIGH",
                                "outputStrength": "NONE",
                            }
                        ]
                    },
                },
            )
            guardrail = item.urn
        elif kind == 4:
            item = _resource(
                "aws:bedrock/agentAgent:AgentAgent",
                f"a{index}",
                {
                    "agentName": f"a{index}",
                    "agentResourceRoleArn": "arn:aws:iam::1:role/a",
                    "foundationModel": "anthropic.claude-3-5-sonnet-20240620-v1:0",
                    "guardrailConfigurations": [
                        {"guardrailIdentifier": UNKNOWN, "guardrailVersion": "1"}
                    ],
                },
                {"guardrailConfigurations": (guardrail,)},
            )
        else:
            item = _resource(
                "aws:s3/bucket:Bucket",
                f"b{index}",
                {"bucket": f"bucket-{index}", "tags": {"team": "t"}},
            )
        resources.append(item)
    return resources


def main() -> None:
    """Print the median AnalyzeStack time."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    resources = stack(count)
    with PolicyPackProcess(REPO / "policy_packs" / "srm-iac") as pack:
        pack.configure()
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            pack.analyze_stack(resources)
            samples.append(time.perf_counter() - start)
    print(
        f"CrossGuard AnalyzeStack, {count} resources: {statistics.median(samples):.3f} s "
        f"(median of {runs})"
    )


if __name__ == "__main__":
    main()
