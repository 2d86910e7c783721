"""The incremental document: each top-level member passed over once, errors found anywhere.

A plan is read in one pass: kind detection scans only up to ``planned_values``, the reader
streams the big members as the cursor reaches them, and ``finish`` checks the rest. A document
broken anywhere is refused exactly as a whole-document scan refuses it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from plan_parsers.documents import MAX_JSON_DEPTH, load_json, open_json
from plan_parsers.interface import InputSource
from plan_parsers.json_spans import JsonText, LazyDocument
from plan_parsers.loader import SourceOptions, load_inventory
from plan_parsers.terraform_plan import is_terraform_plan
from srm_iac.errors import InputError, TruncatedInputError
from srm_iac.model.inventory import Inventory
from tests.factories import change, plan_document
from tests.robustness.mutations import deep_list

TERRAFORM_ORDER = (
    "format_version",
    "terraform_version",
    "variables",
    "planned_values",
    "resource_drift",
    "resource_changes",
    "output_changes",
    "prior_state",
    "configuration",
    "relevant_attributes",
    "timestamp",
    "applyable",
    "complete",
    "errored",
)
BIG = ("planned_values", "resource_changes", "prior_state", "configuration")


def full_plan() -> dict[str, Any]:
    """A plan with every member Terraform writes, in Terraform's order, sensitive bits included."""
    document = plan_document(
        change("aws_bedrock_guardrail", "g", after={"name": "g", "kms_key_arn": None}),
        change("aws_s3_bucket", "old", actions=("delete",), before={"bucket": "b"}),
        change("aws_bedrock_agent_agent", "a", module="module.m", after={"agent_name": "a"}),
        variables={"token": {"value": "v4r-s3cret"}},
        resource_drift=[],
        output_changes={"o": {"after": "out-s3cret", "after_sensitive": True}},
        prior_state={
            "values": {
                "root_module": {
                    "resources": [
                        {
                            "address": "aws_kms_key.k",
                            "mode": "managed",
                            "type": "aws_kms_key",
                            "name": "k",
                            "values": {"id": "k"},
                            "sensitive_values": {},
                        }
                    ]
                }
            }
        },
        relevant_attributes=[],
        timestamp="2026-01-01T00:00:00Z",
        applyable=True,
        complete=True,
        errored=False,
    )
    document["planned_values"] = {
        "outputs": {"p": {"sensitive": True, "value": "planned-s3cret"}},
        "root_module": {},
    }
    document["configuration"] = {
        "root_module": {
            "variables": {"token": {"sensitive": True}},
            "resources": [
                {
                    "address": "aws_bedrock_guardrail.g",
                    "mode": "managed",
                    "type": "aws_bedrock_guardrail",
                    "name": "g",
                    "expressions": {"kms_key_arn": {"references": ["aws_kms_key.k.arn"]}},
                }
            ],
        }
    }
    return {key: document[key] for key in TERRAFORM_ORDER}


def read(text: str) -> Inventory:
    source = InputSource("plan.json", text.encode())
    return load_inventory(source, options=SourceOptions(discover=False))


def summary(inventory: Inventory) -> Any:
    """Everything a reader decides, comparable across inputs."""
    return (
        [
            (r.address, r.action, r.origin, r.module, r.values, sorted(r.declared or ()))
            for r in inventory.resources
        ],
        {address: refs for r in inventory.resources for address, refs in r.refs.items()},
        sorted(inventory.secrets),
        inventory.notes,
        inventory.metadata,
    )


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Where every skip and decode of the text starts, in order."""
    seen: list[int] = []
    skip, decode = JsonText.skip, JsonText.decode

    def counting_skip(self: JsonText, index: int) -> int:
        seen.append(index)
        return skip(self, index)

    def counting_decode(self: JsonText, index: int) -> tuple[Any, int]:
        seen.append(index)
        return decode(self, index)

    monkeypatch.setattr(JsonText, "skip", counting_skip)
    monkeypatch.setattr(JsonText, "decode", counting_decode)
    yield seen


def member_start(text: str, key: str) -> int:
    document = LazyDocument.parse(text)
    start = document.start(key)
    assert start is not None
    return start


def test_a_terraform_plan_is_passed_over_once(scans: list[int]) -> None:
    text = json.dumps(full_plan(), indent=2)
    starts = {key: member_start(text, key) for key in TERRAFORM_ORDER}
    big = {starts[key] for key in BIG}
    del scans[:]
    document = open_json(text.encode(), "plan.json")
    assert is_terraform_plan(document)
    assert not big & set(scans), "detection scanned a big member"
    del scans[:]
    from plan_parsers.terraform_plan import parse_plan

    inventory = parse_plan(document, "plan.json")
    assert document.finished and not document.rebound
    # no big member was skipped or decoded whole: each was walked, element by element, once;
    # only small members are decoded after being passed (format_version, variables, ...)
    assert not big & set(scans)
    twice = {at for at in scans if scans.count(at) > 1}
    assert twice <= set(starts.values()) - big, "part of a big member was scanned twice"
    assert [r.address for r in inventory.resources] == [
        "aws_bedrock_guardrail.g",
        "module.m.aws_bedrock_agent_agent.a",
        "aws_kms_key.k",
    ]


def test_the_cursor_stops_at_the_member_asked_for() -> None:
    document = LazyDocument.parse('{"a": 1, "big": [1, 2, 3], "c": {"d": 2}}')
    walked: list[int] = []

    def walk(start: int) -> int:
        walked.append(start)
        return document.text.elements(start, lambda at: document.text.skip(at))

    def stream(key: str) -> bool:
        return bool(document.stream_members({key: walk}, finish=False))

    assert "big" in document and not document.finished
    assert stream("big") and walked == [document.start("big")]
    assert stream("big") and len(walked) == 2  # passed: walked where it is
    assert not stream("missing") and document["c"] == {"d": 2}
    document.finish()
    assert document.finished and dict(document) == {"a": 1, "big": [1, 2, 3], "c": {"d": 2}}


def test_a_member_read_before_a_later_copy_of_it_is_read_again() -> None:
    document = LazyDocument.parse('{"a": 1, "b": 2, "a": 3}')
    assert document["a"] == 1 and not document.rebound
    document.finish()
    assert document.rebound == {"a"} and document["a"] == 3


def test_a_plan_in_any_key_order_reads_the_same() -> None:
    plan = full_plan()
    expected = summary(read(json.dumps(plan)))
    assert expected[2] == ["out-s3cret", "planned-s3cret", "v4r-s3cret"]
    keys = [key for key in TERRAFORM_ORDER if key not in BIG]
    for order in itertools.permutations(BIG):
        for place in (0, 3, len(keys)):
            ordered = [*keys[:place], *order, *keys[place:]]
            assert summary(read(json.dumps({k: plan[k] for k in ordered}))) == expected, ordered


def test_a_member_written_twice_counts_its_last_value() -> None:
    plan = full_plan()
    first = json.dumps({"resource_changes": [change("aws_s3_bucket", "gone")]})[1:-1]
    text = json.dumps(plan)
    twice = text[:-1] + ", " + json.dumps({"format_version": "1.0"})[1:-1] + "}"
    assert summary(read("{" + first + ", " + text[1:])) == summary(read(text))
    assert read(twice).metadata["format_version"] == "1.0"


def test_a_plan_without_changes_counts_its_planned_resources() -> None:
    plan = full_plan()
    del plan["resource_changes"]
    plan["planned_values"]["root_module"] = {
        "resources": [{"address": "aws_kms_key.p", "mode": "managed", "type": "aws_kms_key"}]
    }
    assert [r.address for r in read(json.dumps(plan)).resources] == [
        "aws_kms_key.k",
        "aws_kms_key.p",
    ]


def refusal(call: Callable[[], object]) -> str:
    with pytest.raises(InputError) as raised:
        call()
    return f"{type(raised.value).__name__}: {raised.value.diagnostics()}"


def test_a_plan_cut_anywhere_is_refused_as_a_whole_scan_refuses_it() -> None:
    text = json.dumps(full_plan(), indent=1)
    for cut in range(1, len(text) - 1, 7):
        data = text[:cut]
        assert refusal(lambda d=data: read(d)) == refusal(  # type: ignore[misc]
            lambda d=data: load_json(d.encode(), "plan.json")  # type: ignore[misc]
        )
    assert "TruncatedInputError" in refusal(lambda: read(text[:-1]))


@pytest.mark.parametrize("damage", ["x", ",", "]", "}", '"', ":", "NaN", "1" * 5000, " {}"])
def test_a_plan_damaged_anywhere_is_refused_as_a_whole_scan_refuses_it(damage: str) -> None:
    text = json.dumps(full_plan())
    for at in range(1, len(text), 23):
        data = text[:at] + damage + text[at:]
        try:
            expected = refusal(lambda d=data: load_json(d.encode(), "plan.json"))  # type: ignore[misc]
        except pytest.fail.Exception:  # still valid JSON: nothing to compare
            continue
        assert refusal(lambda d=data: read(d)) == expected, at  # type: ignore[misc]


def test_extra_data_after_a_plan_is_refused() -> None:
    text = json.dumps(full_plan())
    assert refusal(lambda: read(text + " {}")) == refusal(
        lambda: load_json((text + " {}").encode(), "plan.json")
    )
    with pytest.raises(TruncatedInputError):
        read(text[:-1])


def at_stack_depth(frames: int, call: Callable[[], object]) -> object:
    if frames <= 0:
        return call()
    return at_stack_depth(frames - 1, call)


STREAMED = (
    (
        "resource_changes",
        lambda plan, deep: plan["resource_changes"][0]["change"].update(after=deep),
    ),
    ("outputs", lambda plan, deep: plan["planned_values"]["outputs"]["p"].update(value=deep)),
    ("prior_state", lambda plan, deep: plan["prior_state"]["values"]["root_module"].update(x=deep)),
    ("configuration", lambda plan, deep: plan["configuration"]["root_module"].update(x=deep)),
    (
        "module",
        lambda plan, deep: plan["configuration"]["root_module"].update(
            module_calls={"m": {"module": {"resources": [{"address": "a.b", "x": deep}]}}}
        ),
    ),
)


@pytest.mark.parametrize("frames", [0, 300])
@pytest.mark.parametrize(("place", "put"), STREAMED, ids=[s[0] for s in STREAMED])
def test_nesting_too_deep_in_a_streamed_member_is_refused_at_any_stack_depth(
    place: str, put: Callable[[dict[str, Any], str], None], frames: int
) -> None:
    del place
    plan = full_plan()
    put(plan, "__DEEP__")
    text = json.dumps(plan).replace('"__DEEP__"', deep_list(MAX_JSON_DEPTH + 10))
    assert (
        refusal(lambda: at_stack_depth(frames, lambda: read(text)))
        == "InputError: plan.json: JSON nested too deeply to read"
    )
    shallow = json.dumps(plan).replace('"__DEEP__"', deep_list(MAX_JSON_DEPTH - 20))
    at_stack_depth(frames, lambda: read(shallow))
