"""The HTML builder escapes every value it is not told is markup."""

from __future__ import annotations

import pytest

from srm_iac.reporters.html.markup import Html, el, join, text


def test_text_and_attributes_are_escaped() -> None:
    node = el("p", "<script>\"x\" & 'y'</script>", title='"><img src=x>')
    assert node == (
        '<p title="&quot;&gt;&lt;img src=x&gt;">'
        "&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/script&gt;</p>\n"
    )


def test_markup_passes_through_once() -> None:
    inner = el("code", "a<b")
    assert el("span", inner) == "<span><code>a&lt;b</code></span>"
    assert text(inner) is inner


def test_attribute_names_and_flags() -> None:
    assert el("label", "x", for_="f", aria_label="L", hidden=True, data_x=None) == (
        '<label for="f" aria-label="L" hidden>x</label>'
    )
    assert el("svg", viewBox="0 0 1 1") == '<svg viewBox="0 0 1 1"></svg>\n'


def test_nested_children_are_flattened_and_none_skipped() -> None:
    assert join(["a", None, ["b", [1, 2.5]]]) == "ab12.5"


@pytest.mark.parametrize("bad", ["on click", "x=y", 'a"b', ""])
def test_invalid_attribute_names_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="attribute name"):
        el("p", **{bad: "v"})


def test_invalid_tags_and_void_children_are_refused() -> None:
    with pytest.raises(ValueError, match="tag name"):
        el("p onclick=x")
    with pytest.raises(ValueError, match="children"):
        el("meta", "x")
    with pytest.raises(TypeError):
        el("p", object())


def test_html_is_a_str() -> None:
    assert isinstance(Html("<b>"), str)
