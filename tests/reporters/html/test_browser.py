"""The HTML report in real headless Chromium (Debian's chromium and chromium-driver packages).

Opens each example's page from ``file://``, as a reader would: no console errors, no network
request, a heat-map cell per control x target, filters that change the visible rows, a print
layout, and a screenshot. Skipped, with the reason, when Chromium or its driver is missing
(``.ci/run`` installs them).
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from srm_iac.model.enums import Status, Target
from tests.reporters.html.examples import EXAMPLES, example_page, example_report, shipped_catalog

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,1600",
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="headless Chromium not installed (Debian packages chromium and chromium-driver; "
    ".ci/run installs them)",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never download
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def open_page(browser: Any, html: str, path: Path) -> list[dict[str, Any]]:
    """Load ``html`` from ``path`` over file://; returns the console messages of the load."""
    path.write_text(html, encoding="utf-8")
    browser.get_log("browser")  # drop messages of earlier pages
    browser.get(path.as_uri())
    browser.execute_script("return document.readyState")
    return list(browser.get_log("browser"))


def visible_rows(browser: Any) -> list[Any]:
    rows = browser.find_elements("css selector", "#findings-table tbody tr")
    return [row for row in rows if row.is_displayed()]


def choose(browser: Any, name: str, value: str) -> None:
    from selenium.webdriver.support.select import Select

    Select(browser.find_element("id", f"filter-{name}")).select_by_value(value)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_page_in_chromium(browser: Any, tmp_path: Path, example: Path) -> None:
    report = example_report(example)
    catalog = shipped_catalog()
    console = open_page(browser, example_page(example), tmp_path / "report.html")

    errors = [m for m in console if m["level"] in ("SEVERE", "ERROR")]
    assert errors == [], errors
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert loaded == []

    cells = browser.find_elements("css selector", "#heatmap td.cell")
    pairs = {(c.get_attribute("data-control"), c.get_attribute("data-target")) for c in cells}
    assert len(cells) == len(pairs) == len(catalog.controls) * len(Target)
    audited = {audit.target.value for audit in report.targets}
    in_scope = [c for c in cells if c.get_attribute("data-target") in audited]
    assert len(in_scope) == len(catalog.controls) * len(report.targets)
    assert all(c.is_displayed() and c.text.strip() for c in cells)

    total = len(report.findings)
    assert len(visible_rows(browser)) == total
    count = browser.find_element("id", "finding-count")
    assert count.text == f"{total} of {total} findings shown"
    for status in {f.status for f in report.findings}:
        choose(browser, "status", status.value)
        rows = visible_rows(browser)
        expected = sum(1 for f in report.findings if f.status is status)
        assert len(rows) == expected
        assert {r.get_attribute("data-status") for r in rows} == {status.value}
        assert count.text == f"{expected} of {total} findings shown"
    choose(browser, "status", "open")
    open_rows = sum(1 for f in report.findings if f.status is not Status.PASS)
    assert len(visible_rows(browser)) == open_rows
    choose(browser, "status", "")
    first = report.findings[0]
    choose(browser, "control", first.control_id)
    choose(browser, "severity", first.severity.value)
    rows = visible_rows(browser)
    assert 0 < len(rows) <= total
    assert {r.get_attribute("data-control") for r in rows} == {first.control_id}
    browser.find_element("css selector", "#finding-filters button[type=reset]").click()
    assert len(visible_rows(browser)) == total

    screenshot = browser.get_screenshot_as_png()
    width, height = png_size(screenshot)
    assert width == 1280 and height > 1000
    (tmp_path / "report.png").write_bytes(screenshot)
    assert [m for m in browser.get_log("browser") if m["level"] == "SEVERE"] == []


def test_filters_combine_and_can_match_nothing(browser: Any, tmp_path: Path) -> None:
    example = next(e for e in EXAMPLES if e.parent.name == "bedrock-insecure")
    report = example_report(example)
    open_page(browser, example_page(example), tmp_path / "report.html")
    choose(browser, "status", "PASS")
    critical_passes = [
        f for f in report.findings if f.status is Status.PASS and f.severity.value == "LOW"
    ]
    choose(browser, "severity", "LOW")
    assert len(visible_rows(browser)) == len(critical_passes) == 0
    assert browser.find_element("id", "findings-empty").is_displayed()


def test_print_layout_shows_everything(browser: Any, tmp_path: Path) -> None:
    example = next(e for e in EXAMPLES if e.parent.name == "bedrock-insecure")
    open_page(browser, example_page(example), tmp_path / "report.html")
    choose(browser, "status", "PASS")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element("id", "finding-filters").is_displayed()
        rows = browser.find_elements("css selector", "#findings-table tbody tr")
        assert all(row.is_displayed() for row in rows)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
    assert pdf["data"]


def test_policy_blocks_a_tampered_script(browser: Any, tmp_path: Path) -> None:
    """The console check sees errors: a script that is not the page's own is refused."""
    example = next(e for e in EXAMPLES if e.parent.name == "bedrock-hardened")
    page = example_page(example).replace("</body>", "<script>document.title='x'</script></body>")
    console = open_page(browser, page, tmp_path / "tampered.html")
    assert any("Content Security Policy" in m["message"] for m in console), console
    assert browser.title != "x"
