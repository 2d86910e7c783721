"""The HTML page: escaping of hostile input, no network, no secrets, sections and data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from plan_parsers.loader import load_inventory, read_source
from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import ControlStatus, Severity, Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.inventory import SourceLocation
from srm_iac.model.report import CheckFailure, Report
from srm_iac.model.trend import TrendPoint
from srm_iac.pipeline import RunOptions, audit_only, check_inventory
from srm_iac.reporters.formats import OutputFormat
from srm_iac.reporters.html import page
from srm_iac.reporters.interface import RenderOptions
from tests.cli.test_check_command import CANARIES, bedrock_plan
from tests.factories import change, plan_document
from tests.reporters.html.dom import Node, parse

TODAY = dt.date(2026, 11, 28)
HOSTILE = {
    "address": 'aws_bedrockagent_agent.a["<script>alert(1)</script>"]',
    "message": "value '</td><td onclick=alert(2)>' and \"quotes\" & <b>bold</b>",
    "waiver": "<img src=https://evil.example/x.png>",
    "source": 'plan"><script>alert(3)</script>.json',
    "location": "infra/</code><script>alert(4)</script>.tf",
    "note": "</li><style>body{display:none}</style>",
    "detected": 'aws_bedrock_guardrail.g["\'><svg onload=alert(5)>"]',
}


def hostile_report(catalog: Catalog) -> Report:
    """A Bedrock report whose every free-text field is an injection attempt."""
    base = audit_only(catalog, [Target.AWS_BEDROCK], RunOptions(TODAY))
    audit = dataclasses.replace(base.targets[0], detected_by=(HOSTILE["detected"],))
    finding = Finding(
        "SRM-AWS-004",
        "AI-SEC-002",
        Target.AWS_BEDROCK,
        Status.WAIVED,
        Severity.HIGH,
        HOSTILE["message"],
        address=HOSTILE["address"],
        location=SourceLocation(HOSTILE["location"], 3, 9),
        waiver=HOSTILE["waiver"],
    )
    return Report(
        "0.0.0",
        HOSTILE["source"],
        "terraform-plan",
        (audit,),
        (finding,),
        notes=(HOSTILE["note"],),
        failures=(CheckFailure("SRM-AWS-005", "<RuntimeError>"),),
        stats={"resources": 1, "ai_resources": 1},
    )


def section(root: Node, anchor: str) -> Node:
    """The ``<section id=anchor>`` of the page."""
    return next(s for s in root.iter("section") if s.attrs.get("id") == anchor)


def render(report: Report, catalog: Catalog, **options: object) -> str:
    return page.render(report, catalog, RenderOptions(**options))  # type: ignore[arg-type]


def test_html_is_a_registered_output_format() -> None:
    assert OutputFormat("html").renderer() is page.render


def test_hostile_text_is_escaped_everywhere(catalog: Catalog) -> None:
    html = render(hostile_report(catalog), catalog)
    root, errors = parse(html)
    assert errors == []
    assert len(root.iter("script")) == 1 and len(root.iter("style")) == 1
    assert not root.iter("img") and not root.iter("b")
    for node in root.iter():
        assert not any(name.startswith("on") for name in node.attrs), (node.tag, node.attrs)
    text = root.text()
    for value in HOSTILE.values():
        assert " ".join(value.split()) in text, value
    for raw in ("<script>alert", "<img src", "</td><td onclick", "<style>body"):
        assert raw not in html


def test_hostile_text_in_attributes_stays_inside_the_attribute(catalog: Catalog) -> None:
    root, _ = parse(render(hostile_report(catalog), catalog))
    rows = [tr for tr in root.iter("tr") if "data-severity" in tr.attrs]
    assert len(rows) == 1 and rows[0].attrs["data-status"] == "WAIVED"
    assert root.iter("title")[0].text() == f"srm-iac: {HOSTILE['source']}"


def test_page_loads_nothing_from_the_network(catalog: Catalog) -> None:
    html = render(hostile_report(catalog), catalog)
    root, _ = parse(html)
    for tag in ("link", "img", "iframe", "object", "embed", "base", "audio", "video", "source"):
        assert not root.iter(tag), tag
    for node in root.iter():
        assert "src" not in node.attrs, node.tag
        href = node.attrs.get("href")
        if href is not None:
            assert node.tag == "a" and (href.startswith("#") or href.startswith("https://"))
        for name, value in node.attrs.items():
            if re.search(r"https?://", value):
                assert (node.tag, name) in (("a", "href"), ("meta", "content")), (node.tag, name)
    for node in root.iter("style") + root.iter("script"):
        assert not re.search(r"https?:|url\(|@import|fetch\(|XMLHttpRequest", node.text())


def test_content_security_policy_allows_only_the_inline_style_and_script(
    catalog: Catalog,
) -> None:
    root, _ = parse(render(hostile_report(catalog), catalog))
    meta = [m for m in root.iter("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(meta) == 1
    policy = meta[0].attrs["content"]
    assert "default-src 'none'" in policy and "base-uri 'none'" in policy
    style, script = root.iter("style")[0], root.iter("script")[0]
    expected = page.content_security_policy(style.raw(), script.raw())
    assert policy == expected
    assert "unsafe-inline" not in policy and "http" not in policy


def test_references_are_links_and_fix_is_shown(catalog: Catalog) -> None:
    root, _ = parse(render(hostile_report(catalog), catalog))
    spec = catalog.check("SRM-AWS-004")
    remediation = root.iter("details")
    texts = " ".join(d.text() for d in remediation)
    assert " ".join(spec.fix.split()) in texts
    hrefs = {a.attrs["href"] for a in root.iter("a")}
    assert set(spec.references) <= hrefs
    for anchor in root.iter("a"):
        if anchor.attrs["href"].startswith("https://"):
            assert anchor.attrs["rel"] == "noopener noreferrer"


def test_source_location_is_shown(catalog: Catalog) -> None:
    root, _ = parse(render(hostile_report(catalog), catalog))
    locations = [n.text() for n in root.iter("span") if "location" in n.classes()]
    assert locations == [f"at {HOSTILE['location']}:3"]


def test_sensitive_values_never_reach_the_page(catalog: Catalog, tmp_path: Path) -> None:
    """Rendered straight from the pipeline, without the CLI's scrubbing."""
    document = bedrock_plan()
    document["resource_changes"].append(
        change(
            "aws_bedrock_guardrail",
            "described",
            after={
                "name": "described",
                "description": "canary-description-0b1e",
                "blocked_input_messaging": "canary-messaging-77c2",
                "tags": {"team": "canary-tag-4f0d"},
            },
        )
    )
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document))
    inventory = load_inventory(read_source(str(path)))
    report = check_inventory(catalog, inventory, RunOptions(TODAY))
    html = render(report, catalog)
    canaries = [*CANARIES.values(), "canary-description-0b1e", "canary-messaging-77c2"]
    for canary in [*canaries, "canary-tag-4f0d"]:
        assert canary not in html, canary
    assert "aws_bedrock_guardrail.described" in html


def test_catalog_audit_has_no_findings_table(catalog: Catalog) -> None:
    report = audit_only(catalog, list(Target), RunOptions(TODAY))
    root, errors = parse(render(report, catalog))
    assert errors == []
    assert not root.iter("select") and "catalog audit" in root.text().lower()
    cells = [td for td in root.iter("td") if "cell" in td.classes()]
    assert len(cells) == len(catalog.controls) * len(Target)
    assert not any(td.attrs["data-status"] == "out-of-scope" for td in cells)


def test_heat_map_has_one_cell_per_control_and_catalog_target(catalog: Catalog) -> None:
    report = hostile_report(catalog)
    root, _ = parse(render(report, catalog))
    cells = [td for td in root.iter("td") if "cell" in td.classes()]
    pairs = [(td.attrs["data-control"], td.attrs["data-target"]) for td in cells]
    assert sorted(pairs) == sorted(
        (control.id, target.value) for control in catalog.controls for target in Target
    )
    audited = [td for td in cells if td.attrs["data-target"] == "aws_bedrock"]
    assert {td.attrs["data-status"] for td in audited} <= {s.value for s in ControlStatus}
    others = [td for td in cells if td.attrs["data-target"] != "aws_bedrock"]
    assert {td.attrs["data-status"] for td in others} == {"out-of-scope"}
    for td in others:
        target, control = Target(td.attrs["data-target"]), td.attrs["data-control"]
        assert td.attrs["data-owner"] == catalog.assignment(target, control).owner.value
        assert td.text().startswith("Not in scope")


def test_every_cell_names_status_and_owner_in_text(catalog: Catalog) -> None:
    report = audit_only(catalog, list(Target), RunOptions(TODAY))
    root, _ = parse(render(report, catalog))
    for td in (td for td in root.iter("td") if "cell" in td.classes()):
        status, owner = td.attrs["data-status"], td.attrs["data-owner"]
        assert td.text().lower().startswith(status), td.text()
        assert owner in td.text()


def test_trend_chart_only_with_history(catalog: Catalog) -> None:
    report = audit_only(catalog, [Target.AWS_BEDROCK, Target.SELF_HOSTED], RunOptions(TODAY))
    without = render(report, catalog)
    assert 'id="trend"' not in without
    points = (
        TrendPoint(dt.date(2026, 8, 1), Target.AWS_BEDROCK, 10.0),
        TrendPoint(dt.date(2026, 9, 1), Target.AWS_BEDROCK, 40.0),
        TrendPoint(dt.date(2026, 9, 1), Target.SELF_HOSTED, 0.0),
        TrendPoint(dt.date(2026, 11, 1), Target.SELF_HOSTED, 20.0),
    )
    root, errors = parse(render(report, catalog, trend=points))
    assert errors == []
    trend = section(root, "trend")
    series = [g for g in trend.iter("g") if "series" in g.classes()]
    assert [g.attrs["data-target"] for g in series] == ["aws_bedrock", "self_hosted"]
    assert [len(g.iter("circle") + g.iter("polygon")) for g in series] == [2, 2]
    assert len(trend.iter("tr")) == 1 + len(points)
    assert "AWS Bedrock: 2026-08-01 10.0%, 2026-09-01 40.0%" in trend.iter("desc")[0].text()


def test_trend_point_must_be_a_percentage() -> None:
    with pytest.raises(ValueError, match="not a percentage"):
        TrendPoint(TODAY, Target.AWS_BEDROCK, 120.0)


def test_notes_and_internal_errors_are_listed(catalog: Catalog) -> None:
    root, _ = parse(render(hostile_report(catalog), catalog))
    notes = section(root, "notes")
    assert "check SRM-AWS-005 raised <RuntimeError>" in notes.text()


def test_output_is_deterministic(catalog: Catalog) -> None:
    report = hostile_report(catalog)
    assert render(report, catalog) == render(report, catalog)


def test_no_ai_resources_page(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(plan_document(change("aws_s3_bucket", "b"))))
    report = check_inventory(catalog, load_inventory(read_source(str(path))), RunOptions(TODAY))
    root, errors = parse(render(report, catalog))
    assert errors == [] and "No AI resources found." in root.text()
