"""The JSON walker and the lazy document: decode what is asked for, skip the rest."""

from __future__ import annotations

import json

import pytest

from plan_parsers.json_spans import JsonText, LazyDocument, NotJsonNumber, Span


def test_members_and_elements_walk_in_order() -> None:
    text = JsonText('{"a": [1, {"b": 2}, "c"], "d": {"e": null}}')
    seen: list[object] = []

    def element(at: int) -> int:
        value, end = text.decode(at)
        seen.append(value)
        return end

    def member(key: str, at: int) -> int:
        seen.append(key)
        return text.elements(at, element) if key == "a" else text.skip(at)

    end = text.members(0, member)
    assert end == len(text.text)
    assert seen == ["a", 1, {"b": 2}, "c", "d"]


def test_empty_containers() -> None:
    text = JsonText('{"a": [], "b": {}}')
    starts: dict[str, int] = {}

    def remember(key: str, at: int) -> int:
        starts[key] = at
        return text.skip(at)

    end = text.members(0, remember)
    assert text.elements(starts["a"], lambda at: text.skip(at)) == starts["a"] + 2
    assert text.members(starts["b"], lambda key, at: text.skip(at)) == starts["b"] + 2
    assert end == len(text.text)


def test_lazy_document_decodes_members_on_demand() -> None:
    document = LazyDocument.parse('{"small": 1, "big": [1, 2, 3], "small": 2}')
    assert set(document) == {"small", "big"} and len(document) == 2
    assert document["small"] == 2  # the last of a repeated key, as json.loads does
    start = document.start("big")
    assert start is not None and Span(document.text, start).decode() == [1, 2, 3]
    assert document.get("missing") is None and "missing" not in document
    assert document == {"small": 2, "big": [1, 2, 3]}


def test_lazy_document_of_a_mapping_round_trips() -> None:
    original = {"format_version": "1.2", "nested": {"x": [True, None, "é"]}}
    assert LazyDocument.of(original) == original


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1', "Expecting"),
        ('{"a": 1} {"b": 2}', "Extra data"),
        ('{"a" 1}', "Expecting ':'"),
        ('{"a": 1 "b": 2}', "Expecting ',' delimiter"),
        ('{"a": [1 2]}', "Expecting"),
    ],
)
def test_syntax_errors_are_positioned_decode_errors(text: str, message: str) -> None:
    with pytest.raises(json.JSONDecodeError, match=message):
        LazyDocument.parse(text).finish()


def test_nan_and_infinity_are_refused() -> None:
    with pytest.raises(NotJsonNumber):
        LazyDocument.parse('{"a": NaN}').finish()
    with pytest.raises(NotJsonNumber):
        LazyDocument.parse('{"a": [1, -Infinity]}').finish()


@pytest.mark.parametrize("separator", [",", ", ", ",  ", " ,", " , ", ",\n  ", "\t,\r\n", ",\n"])
def test_elements_take_any_blanks_around_the_delimiter(separator: str) -> None:
    source = "[" + separator.join(['{"a": 1}', "2", '"x"', "[]"]) + " ]"
    text = JsonText(source)
    seen: list[object] = []

    def element(at: int) -> int:
        value, end = text.decode(at)
        seen.append(value)
        return end

    assert text.elements(0, element) == len(source)
    assert seen == json.loads(source)


@pytest.mark.parametrize(
    ("source", "position"),
    [("[1 2]", 3), ("[1, 2 }", 6), ("[1,", 3), ("[1, ", 4), ("[1 ", 3), ("[1", 2)],
)
def test_elements_report_a_bad_delimiter_where_json_does(source: str, position: int) -> None:
    text = JsonText(source)
    with pytest.raises(json.JSONDecodeError) as raised:
        text.elements(0, text.skip)
    assert raised.value.pos == position
    with pytest.raises(json.JSONDecodeError) as standard:
        json.loads(source)
    assert standard.value.pos == position


@pytest.mark.parametrize(
    ("source", "index", "expected"),
    [("a b", 1, 2), ("a  b", 1, 3), ("a \nb", 1, 3), ("a ", 1, 2), ("ab", 1, 1), ("a", 1, 1)],
)
def test_space_skips_every_blank(source: str, index: int, expected: int) -> None:
    assert JsonText(source).space(index) == expected
