"""Pulumi inputs for the fuzzer: mutated previews, and CrossGuard's view of the same resources.

The policy pack receives resources from the engine, not a file: each ``newState`` of a
(mutated) example preview becomes a ``PulumiResource`` as ``Analyze`` / ``AnalyzeStack`` would
hand it over, some values marked as secrets the way the pack's SDK hook marks them, some
replaced by the engine's unknown sentinel; the policy config is one the engine accepted
(it validates the schema first), with hostile patterns, paths and dates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from hypothesis import strategies as st

from plan_parsers.pulumi_resources import PulumiResource
from plan_parsers.pulumi_types import UNKNOWN_STRING
from srm_iac.model.enums import Target
from srm_iac.pulumi_pack.resources import mark_secret
from tests.conftest import REPO
from tests.robustness.mutations import Seed, mutated_documents, seeds_of

PREVIEWS = REPO / "examples" / "pulumi"
PATTERNS = ("*", "anthropic.*", "[", "[!]", "**" * 100, "?" * 200, "é\u202e*")
DATES = ("2027-01-01", "2020-01-01", "2026-02-30", "0000-00-00", "9999-12-31")


@cache
def preview_seeds() -> list[Seed]:
    """The example previews."""
    return seeds_of(
        [json.loads(path.read_text("utf-8")) for path in sorted(PREVIEWS.glob("*/preview.json"))]
    )


@dataclass(frozen=True)
class StackCase:
    """What one CrossGuard run sees: the stack's resources and a policy's config."""

    resources: tuple[PulumiResource, ...]
    """As the SDK hands them to the pack."""
    properties: dict[str, Any]
    """The policy config, already accepted by the engine's schema validation."""
    check_ids: tuple[str, ...]
    """The check policies to run besides the audit policy."""


def _resource(state: Any, secret_key: str | None, unknown_key: str | None) -> PulumiResource:
    if not isinstance(state, dict):
        state = {}
    inputs = state.get("inputs")
    properties = dict(inputs) if isinstance(inputs, dict) else {}
    if secret_key in properties:
        properties[secret_key] = mark_secret(properties[secret_key])
    if unknown_key in properties:
        properties[unknown_key] = UNKNOWN_STRING
    urn, type_ = state.get("urn"), state.get("type")
    return PulumiResource(
        urn=urn if isinstance(urn, str) else "urn:pulumi:dev::p::x::y",
        type=type_ if isinstance(type_, str) else "",
        properties=properties,
        custom=state.get("custom") is not False,
    )


def _states(preview: Any) -> list[Any]:
    steps = preview.get("steps") if isinstance(preview, dict) else None
    steps = steps if isinstance(steps, list) else []
    return [step.get("newState") for step in steps if isinstance(step, dict)]


KEYS = ("name", "instruction", "guardrailConfiguration", "contentPolicyConfig", "tags", "kmsKeyArn")


@st.composite
def stack_cases(draw: st.DrawFn, check_ids: tuple[str, ...]) -> StackCase:
    """A mutated example stack, some values secret or unknown, and a policy config."""
    preview = draw(mutated_documents(preview_seeds()))
    resources = tuple(
        _resource(state, draw(st.sampled_from(KEYS)), draw(st.sampled_from((None, *KEYS))))
        for state in _states(preview)
    )
    properties: dict[str, Any] = {}
    if draw(st.booleans()):
        properties["approvedModels"] = draw(
            st.dictionaries(
                st.sampled_from([t.value for t in Target]),
                st.lists(st.sampled_from(PATTERNS), max_size=3),
                max_size=2,
            )
        )
    if draw(st.booleans()):
        properties["waivers"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "address": st.sampled_from(PATTERNS),
                        "reason": st.just("accepted"),
                        "expires": st.sampled_from(DATES),
                    }
                ),
                max_size=3,
            )
        )
    return StackCase(
        resources=resources,
        properties=properties,
        check_ids=tuple(draw(st.lists(st.sampled_from(check_ids), min_size=1, max_size=3))),
    )
