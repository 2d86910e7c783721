"""Plan JSON for the fuzzer: generated plans of AI resources, and mutated real plans.

Generated plans have the shape ``terraform show -json`` writes (resource changes with
``after`` / ``after_unknown`` / ``after_sensitive``, prior state, outputs, variables, the
configuration with expression references) but arbitrary values where Terraform would put
typed ones, so every check sees values of the wrong type, unknown and sensitive masks that
do not match the values, and references to nothing.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import strategies as st

from tests.robustness.hcl_inputs import AI_TYPES, ATTRIBUTES
from tests.robustness.mutations import (
    Seed,
    byte_mutation,
    dumps,
    encoded,
    json_values,
    mutated_json,
)

FORMAT_VERSIONS = ("1.2",) * 8 + ("1.0", "0.1", "2.0", "", "1", "x.y")
ACTIONS = (
    ["create"],
    ["update"],
    ["no-op"],
    ["read"],
    ["delete"],
    ["delete", "create"],
    ["create", "delete"],
    ["forget"],
    [],
    ["bogus"],
)


@cache
def _masks() -> st.SearchStrategy[Any]:
    return st.one_of(st.booleans(), st.none(), json_values(max_leaves=6))


@cache
def _values() -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(ATTRIBUTES), json_values(max_leaves=5), max_size=4)


@st.composite
def _change(draw: st.DrawFn) -> dict[str, Any]:
    type_ = draw(st.sampled_from(AI_TYPES))
    name = draw(st.sampled_from(["a", "b", "x"]))
    module = draw(st.sampled_from(["", "module.m", 'module.m["k"]']))
    index = draw(st.sampled_from([None, 0, "k", True, [1]]))
    address = f"{module + '.' if module else ''}{type_}.{name}"
    entry: dict[str, Any] = {
        "address": draw(st.sampled_from([address, address + "[0]", "", None])),
        "mode": draw(st.sampled_from(["managed", "managed", "data", "other"])),
        "type": type_,
        "name": name,
        "provider_name": draw(
            st.sampled_from(["registry.terraform.io/hashicorp/aws", "google", None, 7])
        ),
        "change": {
            "actions": draw(st.sampled_from(ACTIONS)),
            "before": draw(st.one_of(st.none(), _values())),
            "after": draw(st.one_of(_values(), json_values(max_leaves=4))),
            "after_unknown": draw(_masks()),
            "before_sensitive": draw(_masks()),
            "after_sensitive": draw(_masks()),
        },
    }
    if module:
        entry["module_address"] = module
    if index is not None:
        entry["index"] = index
    return entry


@cache
def _expressions() -> st.SearchStrategy[dict[str, Any]]:
    references = st.lists(
        st.sampled_from(
            [f"{t}.a" for t in AI_TYPES] + ["var.x", "module.m.out", "local.y", "each.key", "7"]
        ),
        max_size=3,
    )
    return st.dictionaries(
        st.sampled_from(ATTRIBUTES),
        st.one_of(
            st.builds(lambda refs: {"references": refs}, references),
            st.builds(lambda value: {"constant_value": value}, json_values(max_leaves=3)),
            json_values(max_leaves=4),
        ),
        max_size=4,
    )


def _configured(type_: str, expressions: dict[str, Any]) -> dict[str, Any]:
    return {
        "address": f"{type_}.a",
        "mode": "managed",
        "type": type_,
        "name": "a",
        "expressions": expressions,
    }


def _variable(sensitive: Any, default: Any) -> dict[str, Any]:
    return {"sensitive": sensitive, "default": default}


@cache
def _configuration() -> st.SearchStrategy[dict[str, Any]]:
    resources = st.lists(
        st.builds(_configured, st.sampled_from(AI_TYPES), _expressions()), max_size=3
    )
    variables = st.dictionaries(
        st.sampled_from(["x", "secret"]),
        st.builds(
            _variable,
            st.one_of(st.booleans(), json_values(max_leaves=2)),
            json_values(max_leaves=4),
        ),
        max_size=2,
    )
    calls = st.one_of(
        st.just({}), st.builds(lambda module: {"m": {"module": module}}, json_values(max_leaves=4))
    )
    return st.builds(
        lambda provider, resources, variables, calls: {
            "provider_config": provider,
            "root_module": {
                "resources": resources,
                "variables": variables,
                "module_calls": calls,
            },
        },
        json_values(max_leaves=4),
        resources,
        variables,
        calls,
    )


@st.composite
def plan_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A plan of AI resources with arbitrary values, masks and references."""
    document: dict[str, Any] = {
        "format_version": draw(st.sampled_from(FORMAT_VERSIONS)),
        "terraform_version": draw(st.sampled_from(["1.11.4", "", 1])),
        "resource_changes": draw(st.lists(_change(), max_size=4)),
        "configuration": draw(_configuration()),
    }
    if draw(st.booleans()):
        document["prior_state"] = {
            "values": {
                "root_module": {
                    "resources": draw(st.lists(json_values(max_leaves=6), max_size=2)),
                    "child_modules": draw(st.lists(json_values(max_leaves=4), max_size=2)),
                }
            }
        }
    if draw(st.booleans()):
        document["output_changes"] = draw(
            st.dictionaries(st.text(max_size=5), json_values(max_leaves=6), max_size=2)
        )
        document["variables"] = draw(
            st.dictionaries(st.sampled_from(["x", "secret"]), json_values(max_leaves=3))
        )
    if draw(st.booleans()):
        document["planned_values"] = draw(json_values(max_leaves=8))
    if draw(st.booleans()):
        document["errored"] = draw(json_values(max_leaves=1))
    return document


@st.composite
def plan_bytes(draw: st.DrawFn, seeds: list[Seed]) -> bytes:
    """A generated plan, or a real one mutated, as the bytes of a file."""
    if seeds and draw(st.booleans()):
        return draw(mutated_json(seeds))
    return draw(byte_mutation(draw(encoded(dumps(draw(plan_documents()))))))
