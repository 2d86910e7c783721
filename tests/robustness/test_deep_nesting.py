"""Input nested far beyond Python's recursion limit never crashes anything.

Documents 100,000 levels deep are refused by the readers with one line (JSON, YAML), and
structures that deep handed straight to the walkers (the plan parser, ``Node``, the secret
collector, the configuration index, the checks and the reporters) are walked without
recursion. HCL nested at every depth is read or reported, and every parser still works
with 600 frames already on the stack (as when embedded in another tool).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from plan_parsers.documents import MAX_JSON_DEPTH, load_json
from plan_parsers.hcl_values import MAX_DEPTH
from plan_parsers.interface import InputSource
from plan_parsers.loader import SourceOptions, load_inventory, read_source
from plan_parsers.secrets import all_strings, sensitive_strings
from plan_parsers.terraform_hcl import parse_source
from srm_iac.attestations import load_attestations
from srm_iac.catalog.loader import load_catalog
from srm_iac.config import load_config
from srm_iac.errors import ConfigError, InputError
from srm_iac.model.report import Report
from srm_iac.model.values import Node
from srm_iac.yamlio import parse_yaml
from tests.factories import change, plan_document
from tests.robustness.fuzz import assert_one_line, hang_guard, result_or_one_line_error
from tests.robustness.mutations import deep_list, deep_object
from tests.robustness.parsers import catalog, checked, render_all

DEEP = 100_000
_T = TypeVar("_T")


def nested(levels: int, leaf: Any = "leaf", *, key: str | None = None) -> Any:
    """A list (or a one-key object) nested ``levels`` deep, built without recursion."""
    value = leaf
    for _ in range(levels):
        value = {key: value} if key is not None else [value]
    return value


def at_stack_depth(frames: int, call: Callable[[], _T]) -> _T:
    """``call()`` with ``frames`` more frames on the stack."""
    if frames <= 0:
        return call()
    return at_stack_depth(frames - 1, call)


# -- JSON: the reader refuses, in every place of a plan -----------------------------------


PLACES = (
    "resource_changes.0.change.after.tags",
    "resource_changes.0.change.after_unknown.tags",
    "resource_changes.0.change.after_sensitive",
    "configuration.root_module.resources",
    "output_changes.o.after",
    "variables.v.value",
    "prior_state.values.root_module",
    "planned_values",
)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("maker", [deep_list, deep_object], ids=["list", "object"])
def test_json_100k_deep_anywhere_in_a_plan_is_one_line(
    place: str, maker: Callable[[int], str]
) -> None:
    marker = "__DEEP__"
    document = plan_document(change("aws_bedrock_guardrail", "g", after={"tags": {}}))
    document.setdefault("output_changes", {"o": {"after": None}})
    document.setdefault("variables", {"v": {"value": None}})
    document.setdefault("prior_state", {"values": {"root_module": {}}})
    node: Any = document
    *parents, last = place.split(".")
    for step in parents:
        node = node[int(step)] if isinstance(node, list) else node.setdefault(step, {})
    node[last] = marker
    text = json.dumps(document).replace(f'"{marker}"', maker(DEEP))
    with pytest.raises(InputError) as raised:
        load_json(text.encode(), "plan.json")
    assert assert_one_line(raised.value) == "plan.json: JSON nested too deeply to read"


# -- the walkers: structures 100k deep, handed over without JSON ------------------------------


def deep_plan(levels: int) -> dict[str, Any]:
    """A plan whose values, masks, configuration, modules and outputs nest ``levels`` deep."""
    deep_value = nested(levels, "s3cr3t-deep-value", key="k")
    deep_mask = nested(levels, True, key="k")
    module: Any = {"resources": [{"address": "aws_bedrock_guardrail.g", "expressions": {}}]}
    state_module: Any = {"resources": []}
    for _ in range(levels // 3):
        module = {"module_calls": {"m": {"module": module}}}
        state_module = {"child_modules": [state_module]}
    document = plan_document(
        change(
            "aws_bedrock_guardrail",
            "g",
            after={"name": "g", "tags": deep_value, "content_policy_config": nested(levels)},
            after_unknown={"tags": nested(levels, False, key="k")},
            after_sensitive={"tags": deep_mask},
            before={"tags": deep_value},
            before_sensitive={"tags": deep_mask},
            actions=("update",),
        ),
        configuration={
            "root_module": {
                **module,
                "resources": [
                    {
                        "address": "aws_bedrock_guardrail.g",
                        "mode": "managed",
                        "type": "aws_bedrock_guardrail",
                        "name": "g",
                        "expressions": {"tags": nested(levels, {"references": ["var.x"]}, key="k")},
                    }
                ],
                "variables": {"x": {"sensitive": True, "default": deep_value}},
            }
        },
        output_changes={"o": {"after": deep_value, "after_sensitive": deep_mask}},
        prior_state={"values": {"root_module": state_module}},
    )
    document["planned_values"] = {"outputs": {"o": {"sensitive": True, "value": deep_value}}}
    return document


ACCEPTED = MAX_JSON_DEPTH - 10
"""Nesting a plan may have everywhere (its own structure adds a few levels)."""


@pytest.mark.parametrize("frames", [0, 300])
def test_a_plan_nested_as_deep_as_accepted_is_read_checked_and_rendered(frames: int) -> None:
    """The reader scans now and decodes later, deeper in the stack: whatever it accepts must
    decode there too, with the stack already deep."""
    text = json.dumps(deep_plan(ACCEPTED)).encode()

    def everything() -> Report:
        source = InputSource("deep.json", text)
        inventory = load_inventory(source, options=SourceOptions(discover=False))
        assert "s3cr3t-deep-value" in inventory.secrets
        return checked(inventory)

    with hang_guard():
        report = at_stack_depth(frames, everything)
    for rendered in render_all(report).values():
        assert "s3cr3t-deep-value" not in rendered


@pytest.mark.parametrize("frames", [0, 300])
def test_one_level_deeper_is_refused_the_same_way_at_any_stack_depth(frames: int) -> None:
    text = json.dumps(plan_document()).replace("{}", deep_list(MAX_JSON_DEPTH + 5), 1)
    with pytest.raises(InputError, match="nested too deeply"):
        at_stack_depth(frames, lambda: load_json(text.encode(), "deep.json"))


def test_node_walks_100k_levels() -> None:
    node = Node(
        nested(DEEP, "x", key="k"), nested(DEEP, False, key="k"), nested(DEEP, True, key="k")
    )
    assert node.is_sensitive and not node.has_unknown
    assert node.display() == "(sensitive)"
    assert Node(None, nested(DEEP, True)).has_unknown


def test_the_secret_collector_walks_100k_levels() -> None:
    found: set[str] = set()
    sensitive_strings(nested(DEEP, "abcd-secret"), nested(DEEP, True), found)
    all_strings(nested(DEEP, "efgh-secret", key="k"), found)
    assert found == {"abcd-secret", "efgh-secret"}


# -- YAML: the reader refuses ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["[" * DEEP, "{a: " * DEEP + "1" + "}" * DEEP, "- " * 5000 + "x"])
def test_yaml_100k_deep_is_one_line(text: str) -> None:
    with hang_guard():
        with pytest.raises(ConfigError) as raised:
            parse_yaml(text, "deep.yaml", ConfigError)
    assert assert_one_line(raised.value).startswith("deep.yaml")


@pytest.mark.parametrize("kind", ["config", "attestations", "catalog"])
def test_every_yaml_file_nested_as_deep_as_yaml_allows_is_one_line(
    kind: str, tmp_path: Path
) -> None:
    deep = "schema_version: 1\nwaivers: " + "[" * 990 + "]" * 990 + "\n"
    path = tmp_path / "file.yaml"
    path.write_text(deep, encoding="utf-8")
    with hang_guard(), pytest.raises(ConfigError if kind != "catalog" else Exception) as raised:
        if kind == "config":
            load_config(path, set())
        elif kind == "attestations":
            load_attestations(path, catalog())
        else:
            root = tmp_path / "catalog"
            root.mkdir()
            (root / "controls.yaml").write_text(deep, encoding="utf-8")
            load_catalog(root)
    assert_one_line(raised.value)  # type: ignore[arg-type]


# -- HCL: every kind of nesting, at every depth ---------------------------------------------------

NESTERS = {
    "list": ("[", "]"),
    "parens": ("(", ")"),
    "object": ("{a = ", "}"),
    "call": ("f(", ")"),
    "minus": ("-", ""),
    "not": ("!", ""),
    "sum": ("1 + ", ""),
    "conditional": ("true ? ", " : 0"),
    "template": ('"${', '}"'),
    "string-in-template": ('"${"', '"}"'),
}


@pytest.mark.parametrize("depth", [60, 101, 150, 300, 1000, 20_000])
@pytest.mark.parametrize("kind", list(NESTERS))
def test_hcl_nested_at_any_depth_is_read_or_reported(tmp_path: Path, kind: str, depth: int) -> None:
    opener, closer = NESTERS[kind]
    (tmp_path / "main.tf").write_text(
        'resource "aws_bedrock_guardrail" "g" {\n  name = '
        + opener * depth
        + "1"
        + closer * depth
        + '\n}\nresource "aws_bedrock_guardrail" "h" {}\n',
        encoding="utf-8",
    )
    outcome = result_or_one_line_error(lambda: checked(parse_source(tmp_path)))
    assert not isinstance(outcome, str), outcome


@pytest.mark.parametrize("depth", [60, 200, 20_000])
def test_hcl_blocks_nested_at_any_depth_are_read_or_reported(tmp_path: Path, depth: int) -> None:
    body = "content_policy_config {\n" * depth + "}\n" * depth
    (tmp_path / "main.tf").write_text(
        f'resource "aws_bedrock_guardrail" "g" {{\n{body}}}\n', encoding="utf-8"
    )
    outcome = result_or_one_line_error(lambda: checked(parse_source(tmp_path)))
    assert not isinstance(outcome, str), outcome


@pytest.mark.parametrize("name", ["terraform.tfvars", "terraform.tfvars.json"])
def test_variable_files_nested_deep_are_reported(tmp_path: Path, name: str) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "v" {}\nresource "aws_bedrock_guardrail" "g" {\n  name = var.v\n}\n',
        encoding="utf-8",
    )
    deep = deep_list(950) if name.endswith(".json") else "[" * 950 + "]" * 950
    text = f'{{"v": {deep}}}' if name.endswith(".json") else f"v = {deep}\n"
    (tmp_path / name).write_text(text, encoding="utf-8")
    inventory = parse_source(tmp_path)
    assert inventory.resources[0].at("name").is_unknown
    assert any("variable file cannot be parsed" in problem for problem in inventory.notes)


def test_a_chain_of_locals_deeper_than_the_budget_is_unknown(tmp_path: Path) -> None:
    chain = "\n".join(f"  l{i} = [local.l{i + 1}]" for i in range(MAX_DEPTH * 3))
    (tmp_path / "main.tf").write_text(
        f'locals {{\n{chain}\n  l{MAX_DEPTH * 3} = "x"\n}}\n'
        'resource "aws_bedrock_guardrail" "g" {\n  name = local.l0\n}\n',
        encoding="utf-8",
    )
    inventory = parse_source(tmp_path)
    assert inventory.resources[0].at("name").has_unknown
    assert any("too large or nested too deeply" in note for note in inventory.notes)


# -- with a deep stack already -------------------------------------------------------------------


def test_every_reader_works_with_600_frames_on_the_stack(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'locals {\n  a = [[[[["x"]]]]]\n  b = local.a\n}\n'
        'resource "aws_bedrock_guardrail" "g" {\n  name = jsonencode(local.b)\n'
        '  content_policy_config {\n    filters_config {\n      type = "PROMPT_ATTACK"\n'
        "    }\n  }\n}\n",
        encoding="utf-8",
    )
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(deep_plan_small()), encoding="utf-8")

    def read_all() -> None:
        checked(parse_source(tmp_path))
        checked(load_inventory(read_source(str(plan)), options=SourceOptions(discover=False)))
        parse_yaml("a: " + "[" * 200 + "]" * 200, "x.yaml", ConfigError)

    at_stack_depth(600, read_all)


def deep_plan_small() -> dict[str, Any]:
    """A plan 300 levels deep: within what the JSON reader accepts."""
    return plan_document(
        change(
            "aws_bedrock_guardrail",
            "g",
            after={"tags": nested(300, "v", key="k")},
            after_sensitive={"tags": nested(300, True, key="k")},
        )
    )
