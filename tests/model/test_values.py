"""The tri-state attribute view."""

from __future__ import annotations

import pytest

from srm_iac.model.values import SENSITIVE_PLACEHOLDER, UNKNOWN_PLACEHOLDER, Node


def test_single_blocks_are_read_through() -> None:
    node = Node({"logging_config": [{"s3_config": [{"bucket_name": "b"}]}]})
    assert node.get("logging_config", "s3_config", "bucket_name").string() == "b"


def test_object_shaped_single_blocks_too() -> None:
    node = Node({"logging_config": {"s3_config": {"bucket_name": "b"}}})
    assert node.get("logging_config", "s3_config", "bucket_name").string() == "b"


def test_repeated_blocks_are_not_guessed() -> None:
    node = Node({"f": [{"t": "a"}, {"t": "b"}]})
    assert node.get("f", "t").is_null
    assert [child.get("t").string() for child in node.each("f")] == ["a", "b"]


def test_unknown_propagates_down() -> None:
    node = Node({"a": {}}, {"a": True})
    assert node.get("a", "b", "c").is_unknown
    assert node.get("a").has_unknown
    with pytest.raises(ValueError):
        _ = node.get("a").value


def test_unknown_list_elements() -> None:
    node = Node({"ids": ["x", None]}, {"ids": [False, True]})
    assert node.get("ids", 0).string() == "x"
    assert node.get("ids", 1).is_unknown
    assert node.get("ids").has_unknown and not node.get("ids").is_unknown


def test_null_versus_unknown() -> None:
    node = Node({"a": None}, {"b": True})
    assert node.get("a").is_null and not node.get("a").is_unknown
    assert node.get("b").is_unknown and not node.get("b").is_null
    assert node.get("missing").is_null


def test_display_never_shows_sensitive_values() -> None:
    node = Node(
        {"password": "hunter22", "nested": {"k": "v"}}, {}, {"password": True, "nested": True}
    )
    assert node.get("password").display() == SENSITIVE_PLACEHOLDER
    assert node.get("nested", "k").display() == SENSITIVE_PLACEHOLDER
    assert node.get("nested").is_sensitive


def test_display_of_scalars() -> None:
    node = Node({"s": "HIGH", "n": 3, "b": True, "long": "x" * 200, "l": [1, 2]}, {"u": True})
    assert node.get("s").display() == "'HIGH'"
    assert node.get("n").display() == "3"
    assert node.get("b").display() == "true"
    assert node.get("long").display() == "<200 characters>"
    assert node.get("l").display() == "<list of 2>"
    assert node.get("u").display() == UNKNOWN_PLACEHOLDER


def test_typed_accessors_refuse_other_types() -> None:
    node = Node({"b": True, "n": 1, "s": "x"})
    assert node.get("b").number() is None
    assert node.get("n").boolean() is None
    assert node.get("s").number() is None
    assert node.get("n").number() == 1.0
