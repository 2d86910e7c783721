"""The HTML report: one self-contained page (inline CSS, SVG and script; no network at all).

A Content-Security-Policy in the page allows only its own inline style and script (by hash) and
forbids every load from elsewhere, so the page works offline from ``file://`` and cannot be
made to call out. Every value from the report goes through ``markup.el``, which escapes it.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Status
from srm_iac.model.report import Report
from srm_iac.reporters.html import palette
from srm_iac.reporters.html.findings import render_findings
from srm_iac.reporters.html.gaps import render_gap_map
from srm_iac.reporters.html.heatmap import render_heatmap
from srm_iac.reporters.html.markup import Html, el, text
from srm_iac.reporters.html.overview import (
    render_evidence,
    render_key_figures,
    render_recommendations,
    render_target_cards,
)
from srm_iac.reporters.html.raci import render_raci
from srm_iac.reporters.html.trend import render_trend
from srm_iac.reporters.interface import RenderOptions

TITLE = "AI shared-responsibility report"


def render(report: Report, catalog: Catalog, options: RenderOptions) -> str:
    """The whole report as one HTML document."""
    css = palette.stylesheet() + _asset("report.css")
    script = _asset("report.js")
    subject = report.source or "catalog audit"
    head = el(
        "head",
        el("meta", charset="utf-8"),
        el(
            "meta",
            http_equiv="Content-Security-Policy",
            content=content_security_policy(css, script),
        ),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("meta", name="referrer", content="no-referrer"),
        el("meta", name="color-scheme", content="light"),
        el("meta", name="generator", content=f"srm-iac {report.tool_version}"),
        el("title", f"srm-iac: {subject}"),
        el("style", Html(css)),
    )
    body = el(
        "body",
        el("a", "Skip to the report", href="#main", class_="skip-link"),
        _masthead(report),
        _toc(report, options),
        el("main", _sections(report, catalog, options), id="main", class_="wrap"),
        _footer(report),
        el("script", Html(script)),
    )
    return "<!DOCTYPE html>\n" + el("html", head, body, lang="en") + "\n"


def content_security_policy(css: str, script: str) -> str:
    """Only this page's own style and script may run; nothing may be fetched."""
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; "
        f"script-src '{_sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _sha256(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _asset(name: str) -> str:
    return resources.files("srm_iac.reporters.html").joinpath("assets", name).read_text("utf-8")


def _masthead(report: Report) -> Html:
    if report.source:
        stats = report.stats
        subtitle: list[Html | str] = [
            el("code", report.source),
            f" ({report.input_kind}): {stats.get('resources', 0)} resources read, "
            f"{stats.get('ai_resources', 0)} AI resources",
        ]
    else:
        names = ", ".join(audit.name for audit in report.targets)
        subtitle = [f"Catalog audit of {names}: ownership and attestations, no infrastructure"]
    return el(
        "header",
        el(
            "div",
            el("p", "srm-iac", class_="eyebrow"),
            el("h1", TITLE),
            el("p", subtitle, class_="subtitle"),
            el("p", headline(report), class_="verdict"),
            class_="wrap",
        ),
        class_="masthead",
    )


def headline(report: Report) -> str:
    """One sentence: the state of the run."""
    if not report.targets:
        return "No AI resources found."
    failing = report.count_findings(Status.FAIL)
    unknown = report.count_findings(Status.UNKNOWN)
    gaps = report.count_gaps
    parts = [
        _plural(failing, "failing check"),
        f"{unknown} unknown until apply" if unknown else "",
        _plural(gaps, "control gap"),
    ]
    summary = ", ".join(part for part in parts if part)
    if not summary:
        return "All AI security controls evidenced."
    return summary[:1].upper() + summary[1:] + "."


def _plural(count: int, noun: str) -> str:
    if not count:
        return ""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _toc(report: Report, options: RenderOptions) -> Html:
    links = [
        el("li", el("a", section.title, href=f"#{section.anchor}"))
        for section in _shown_sections(report, options)
    ]
    return el(
        "nav",
        el("div", el("ul", links), class_="wrap"),
        class_="toc",
        aria_label="Sections",
    )


@dataclass(frozen=True)
class _Section:
    anchor: str
    title: str
    lead: str
    body: Callable[[Report, Catalog, RenderOptions], Html]
    shown: Callable[[Report, RenderOptions], bool] = lambda report, options: True


_SECTIONS = (
    _Section(
        "overview",
        "Overview",
        "Compliance per target: controls the customer must implement, and the risk left.",
        lambda report, catalog, options: el(
            "div", render_key_figures(report), render_target_cards(report)
        ),
    ),
    _Section(
        "heat-map",
        "Responsibility heat map",
        "Every control on every target: who owns it and where it stands.",
        lambda report, catalog, options: el(
            "div", render_heatmap(report, catalog), render_evidence(report)
        ),
    ),
    _Section(
        "recommendations",
        "Top recommendations",
        "What to do next, highest risk first.",
        lambda report, catalog, options: render_recommendations(report),
    ),
    _Section(
        "gap-map",
        "Gap map",
        "Controls nobody owns, and customer halves with neither evidence in the "
        "infrastructure nor an attestation.",
        lambda report, catalog, options: render_gap_map(report, catalog, options.teams),
    ),
    _Section(
        "findings",
        "Findings",
        "Each check's result, with how to fix it and where the resource is declared.",
        lambda report, catalog, options: render_findings(report, catalog),
    ),
    _Section(
        "trend",
        "Compliance trend",
        "Compliance rate per target in earlier runs.",
        lambda report, catalog, options: render_trend(options.trend),
        shown=lambda report, options: bool(options.trend),
    ),
    _Section(
        "raci",
        "RACI matrix",
        "Who is Responsible, Accountable, Consulted and Informed for each activity.",
        lambda report, catalog, options: render_raci(catalog),
    ),
    _Section(
        "notes",
        "Notes",
        "Warnings from this run.",
        lambda report, catalog, options: _notes(report),
        shown=lambda report, options: bool(report.notes or report.failures),
    ),
)
"""The page's sections, in order."""


def _shown_sections(report: Report, options: RenderOptions) -> list[_Section]:
    return [section for section in _SECTIONS if section.shown(report, options)]


def _sections(report: Report, catalog: Catalog, options: RenderOptions) -> list[Html]:
    return [
        el(
            "section",
            el("h2", section.title, id=f"{section.anchor}-title"),
            el("p", section.lead, class_="lead"),
            section.body(report, catalog, options),
            id=section.anchor,
            aria_labelledby=f"{section.anchor}-title",
        )
        for section in _shown_sections(report, options)
    ]


def _notes(report: Report) -> Html:
    items = [
        el("li", el("strong", "Internal error: "), f"check {f.check_id} raised {f.error}")
        for f in report.failures
    ]
    items += [el("li", note) for note in report.notes]
    return el("ul", items, class_="notes")


def _footer(report: Report) -> Html:
    reviewed = "; ".join(
        f"{audit.name} provider map reviewed {audit.provider_map_reviewed.isoformat()}"
        for audit in report.targets
    )
    return el(
        "footer",
        el(
            "div",
            el(
                "p",
                f"Generated by srm-iac {report.tool_version}. ",
                "This page is self-contained: it loads nothing from the network.",
            ),
            el("p", text(reviewed)) if reviewed else None,
            class_="wrap",
        ),
    )
