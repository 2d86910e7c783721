"""Time CrossGuard's AnalyzeStack through the real Analyzer gRPC protocol, per stack size.

Starts the policy pack as the Pulumi engine does (see tests/pulumi_pack/engine.py) and
configures it with the defaults. For each size it builds one AnalyzeStack request over a
generated stack (one resource in eight an AI resource: Bedrock guardrails and agents that
reference them, the rest S3 buckets), then times the RPC alone (the engine marshals the request
in Go; building it in Python here is not the pack's cost): the first call on the size, then the
median of ``--runs`` more. The pack process is the same for every size, as in a real
``pulumi preview`` (one process, Analyze calls, then one AnalyzeStack).

    python benchmarks/crossguard.py                    # 1,000, 5,000 and 20,000 resources
    python benchmarks/crossguard.py 5000 --runs 7
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pulumi.runtime.proto import analyzer_pb2  # noqa: E402

from tests.pulumi_pack.engine import (  # noqa: E402
    UNKNOWN,
    PolicyPackProcess,
    StackResource,
    stack_request,
)

STACK = "urn:pulumi:bench::app::pulumi:pulumi:Stack::app-bench"
DEFAULT_SIZES = (1000, 5000, 20000)


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


def time_call(pack: PolicyPackProcess, request: analyzer_pb2.AnalyzeStackRequest) -> float:
    """Wall seconds of one AnalyzeStack RPC."""
    start = time.perf_counter()
    pack.analyzer.AnalyzeStack(request)
    return time.perf_counter() - start


def main() -> None:
    """Print one row per size: first call, median, fastest and slowest of the runs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=5, help="timed calls per size (default 5)")
    options = parser.parse_args()
    header = ("resources", "first", "median", "min", "max")
    print("  ".join(f"{name:>9}" for name in header) + f"  (seconds; {options.runs} runs)")
    with PolicyPackProcess(REPO / "policy_packs" / "srm-iac") as pack:
        pack.configure()
        for count in options.sizes:
            request = stack_request(stack(count))
            first = time_call(pack, request)
            samples = [time_call(pack, request) for _ in range(options.runs)]
            row = (first, statistics.median(samples), min(samples), max(samples))
            print(f"{count:>9}  " + "  ".join(f"{value:>9.3f}" for value in row))


if __name__ == "__main__":
    main()
