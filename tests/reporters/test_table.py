"""The terminal report: plain text when not a TTY, markup in data is not interpreted."""

from __future__ import annotations

import datetime as dt

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Severity, Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.report import Report
from srm_iac.pipeline import RunOptions, audit_only
from srm_iac.reporters.interface import RenderOptions
from srm_iac.reporters.table import first_sentence, render


def test_plain_text_without_colour_codes(catalog: Catalog) -> None:
    report = audit_only(catalog, [Target.AWS_BEDROCK], RunOptions(dt.date(2026, 11, 28)))
    text = render(report, catalog, RenderOptions(color=False))
    assert "\x1b[" not in text and "AI-SEC-010" in text
    coloured = render(report, catalog, RenderOptions(color=True))
    assert "\x1b[" in coloured


def test_markup_in_addresses_is_printed_literally(catalog: Catalog) -> None:
    finding = Finding(
        "SRM-AWS-004",
        "AI-SEC-002",
        Target.AWS_BEDROCK,
        Status.FAIL,
        Severity.HIGH,
        "m",
        address='aws_bedrockagent_agent.a["[bold]x[/bold]"]',
    )
    report = Report("0", "plan.json", "terraform-plan", (), (finding,))
    assert '["[bold]x[/bold]"]' in render(report, catalog, RenderOptions(color=False))


def test_first_sentence() -> None:
    assert first_sentence("Do this. Then that.") == "Do this."
    assert first_sentence("Only one") == "Only one"
