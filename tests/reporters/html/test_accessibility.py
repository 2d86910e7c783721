"""Accessibility sanity checks: contrast, labels, table headers, headings, language, not colour
alone. Run over the page of every shipped example and of a catalog audit with a trend."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Target
from srm_iac.model.trend import TrendPoint
from srm_iac.pipeline import RunOptions, audit_only
from srm_iac.reporters.html import page, palette
from srm_iac.reporters.interface import RenderOptions
from tests.reporters.html.dom import Node, parse
from tests.reporters.html.examples import EXAMPLES, example_page

AA_TEXT = 4.5
AA_GRAPHICS = 3.0


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("swatch", palette.swatches(), ids=lambda s: s.label)
def test_every_swatch_meets_aa_for_text(swatch: palette.Swatch) -> None:
    assert contrast(swatch.foreground, swatch.background) >= AA_TEXT


@pytest.mark.parametrize(("fg", "bg"), palette.TEXT_PAIRS)
def test_page_text_meets_aa(fg: str, bg: str) -> None:
    assert contrast(fg, bg) >= AA_TEXT


def test_trend_lines_stand_out_from_the_page() -> None:
    for colour, _shape in palette.TARGET_LINE.values():
        assert contrast(colour, palette.PAPER) >= AA_TEXT  # their end labels are text too
    shapes = [shape for _colour, shape in palette.TARGET_LINE.values()]
    assert len(set(shapes)) == len(shapes), "each target needs its own marker shape"


def test_every_swatch_has_a_distinct_label() -> None:
    labels = [s.label for s in palette.CELL.values()]
    assert len(set(labels)) == len(labels)


def test_stylesheet_uses_the_palette_only() -> None:
    """Colours in the CSS file itself are neutrals for borders and tracks, never text."""
    css = page._asset("report.css")
    for match in re.finditer(r"(?<![-\w])color:\s*([^;]+);", css):
        assert match.group(1).strip().startswith("var(--"), match.group(0)


def _pages(catalog: Catalog) -> list[tuple[str, str]]:
    trend = (
        TrendPoint(dt.date(2026, 8, 1), Target.AWS_BEDROCK, 10.0),
        TrendPoint(dt.date(2026, 11, 1), Target.AWS_BEDROCK, 40.0),
    )
    audit = audit_only(catalog, list(Target), RunOptions(dt.date(2026, 11, 28)))
    pages = [("audit", page.render(audit, catalog, RenderOptions(trend=trend)))]
    pages += [(example.parent.name, example_page(example)) for example in EXAMPLES]
    return pages


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> list[tuple[str, Node]]:
    parsed = []
    for name, html in _pages(catalog):
        root, errors = parse(html)
        assert errors == [], name
        parsed.append((name, root))
    return parsed


def test_language_title_and_one_h1(pages: list[tuple[str, Node]]) -> None:
    for name, root in pages:
        assert root.iter("html")[0].attrs.get("lang") == "en", name
        assert root.iter("title")[0].text(), name
        assert len(root.iter("h1")) == 1, name


def test_headings_never_skip_a_level(pages: list[tuple[str, Node]]) -> None:
    for name, root in pages:
        levels = [int(node.tag[1]) for node in root.iter() if re.fullmatch(r"h[1-6]", node.tag)]
        assert levels[0] == 1, name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (name, levels)


def test_table_headers_have_scope_and_tables_have_headers(pages: list[tuple[str, Node]]) -> None:
    for name, root in pages:
        for table in root.iter("table"):
            headers = table.iter("th")
            assert headers, name
            for th in headers:
                assert th.attrs.get("scope") in ("col", "row"), (name, th.text())
            assert table.iter("thead"), name


def test_every_form_control_has_a_label(pages: list[tuple[str, Node]]) -> None:
    for name, root in pages:
        labels = {node.attrs.get("for") for node in root.iter("label")}
        for control in root.iter("select") + root.iter("input"):
            assert control.attrs.get("id") in labels, name
        for button in root.iter("button"):
            assert button.text(), name


def test_ids_are_unique_and_references_resolve(pages: list[tuple[str, Node]]) -> None:
    for name, root in pages:
        ids = Counter(node.attrs["id"] for node in root.iter() if "id" in node.attrs)
        assert not [i for i, n in ids.items() if n > 1], name
        for node in root.iter():
            for attribute in ("aria-labelledby", "for"):
                if attribute in node.attrs:
                    assert node.attrs[attribute] in ids, (name, attribute, node.attrs[attribute])
            href = node.attrs.get("href", "")
            if node.tag == "a" and href.startswith("#"):
                assert href[1:] in ids, (name, href)


def test_graphics_have_text_alternatives(pages: list[tuple[str, Node]]) -> None:
    for name, root in pages:
        for svg in root.iter("svg"):
            assert svg.attrs.get("role") == "img" and svg.attrs.get("aria-label"), name


def test_colour_never_carries_meaning_alone(pages: list[tuple[str, Node]]) -> None:
    colour_classes = {f"cell-{key}" for key in palette.CELL}
    colour_classes |= {f"finding-{status.value.lower()}" for status in palette.FINDING}
    colour_classes |= {f"level-{severity.value.lower()}" for severity in palette.SEVERITY}
    labels = {s.label for s in palette.swatches()}
    for name, root in pages:
        for node in root.iter():
            if not node.classes() & colour_classes:
                continue
            text = node.text()
            assert text, (name, node.tag, node.classes())
            if node.tag == "span":
                assert text.split()[0] in labels or text in labels, (name, text)


def test_links_have_discernible_text(pages: list[tuple[str, Node]]) -> None:
    for name, root in pages:
        for anchor in root.iter("a"):
            assert anchor.text(), (name, anchor.attrs)
