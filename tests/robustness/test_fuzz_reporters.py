"""Every output format, fed reports whose strings are hostile: parseable, inert, never a crash.

Resource addresses carry ``for_each`` keys, which are arbitrary strings in a pull request
someone else wrote; notes carry file names. Whatever they hold, JSON and SARIF stay valid
JSON, JUnit stays well-formed XML, markdown renders on GitHub without injected links, HTML
or broken tables, and the terminal table renders.
"""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from plan_parsers.interface import InputSource
from plan_parsers.loader import SourceOptions, load_inventory
from srm_iac.model.enums import Severity, Status
from srm_iac.model.findings import Finding
from srm_iac.model.inventory import SourceLocation
from srm_iac.model.report import CheckFailure, Report
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.reporters.formats import OutputFormat
from srm_iac.reporters.interface import RenderOptions
from tests.conftest import TODAY
from tests.reporters.gfm import parser, problems
from tests.robustness.fuzz import fuzz_settings, hang_guard
from tests.robustness.mutations import HOSTILE_STRINGS
from tests.robustness.parsers import EXAMPLES, catalog

MARKDOWN_INJECTIONS = (
    "](https://evil.example/x)",
    "[click](https://evil.example)",
    "![img](https://evil.example/i.png)",
    "<img src=x onerror=alert(1)>",
    "<details><summary>",
    "</details>",
    "| injected | row |\n|---|---|",
    "<!-- srm-iac:summary -->",
    "`` ` ``",
    "\\",
    "&lt;b&gt;",
    "https://evil.example/bare",
    "- [ ] task",
    "# heading",
    "---",
)

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS + MARKDOWN_INJECTIONS),
    st.text(max_size=60),
    st.lists(st.sampled_from(HOSTILE_STRINGS + MARKDOWN_INJECTIONS), max_size=4).map("".join),
)


@cache
def base_report() -> Report:
    """The insecure Bedrock example's report: every format has something to show."""
    data = (EXAMPLES / "bedrock-insecure" / "plan.json").read_bytes()
    inventory = load_inventory(
        InputSource("plan.json", data), options=SourceOptions(discover=False)
    )
    return check_inventory(catalog(), inventory, RunOptions(today=TODAY))


@st.composite
def hostile_finding(draw: st.DrawFn, template: Finding) -> Finding:
    location = draw(
        st.one_of(
            st.none(),
            st.builds(SourceLocation, hostile_text, st.integers(0, 10**9), st.integers(0, 10**9)),
        )
    )
    return dataclasses.replace(
        template,
        status=draw(st.sampled_from(list(Status))),
        severity=draw(st.sampled_from(list(Severity))),
        message=draw(hostile_text),
        address=draw(hostile_text),
        resource_type=draw(hostile_text),
        attribute=draw(hostile_text),
        location=location,
        waiver=draw(hostile_text),
        waived_in_source=draw(st.booleans()),
    )


@st.composite
def hostile_reports(draw: st.DrawFn) -> Report:
    report = base_report()
    findings = draw(
        st.lists(st.sampled_from(report.findings).flatmap(hostile_finding), min_size=1, max_size=6)
    )
    failures = draw(
        st.lists(
            st.builds(CheckFailure, st.sampled_from(["SRM-AWS-001"]), hostile_text), max_size=2
        )
    )
    return dataclasses.replace(
        report,
        source=draw(hostile_text),
        findings=tuple(findings),
        notes=tuple(draw(st.lists(hostile_text, max_size=4))),
        failures=tuple(failures),
    )


@fuzz_settings(400)
@given(report=hostile_reports())
def test_hostile_strings_keep_every_format_valid_and_inert(report: Report) -> None:
    with hang_guard():
        rendered = {
            output: output.renderer()(report, catalog(), RenderOptions()) for output in OutputFormat
        }
    json.loads(rendered[OutputFormat.JSON])
    sarif = json.loads(rendered[OutputFormat.SARIF])
    assert sarif["version"] == "2.1.0"
    ET.fromstring(rendered[OutputFormat.JUNIT].encode("utf-8"))
    assert injected(rendered[OutputFormat.MARKDOWN]) == []
    for output in (OutputFormat.TABLE, OutputFormat.MARKDOWN):
        assert not UNPRINTABLE.search(rendered[output]), f"control character in {output}"


UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def injected(document: str) -> list[str]:
    """What hostile text made of the markdown: links, images, HTML, broken tables.

    Escaped link syntax shown as text is inert, so gfm's "unparsed link" warning is no
    problem here.
    """
    found = [problem for problem in problems(document) if not problem.startswith("unparsed link")]
    for token in parser().parse(document):
        for child in token.children or ():
            if child.type == "image":
                found.append(f"image {child.attrs.get('src')!r}")
            if child.type == "link_open" and "evil" in str(child.attrs.get("href", "")):
                found.append(f"link to {child.attrs.get('href')!r}")
    return found
