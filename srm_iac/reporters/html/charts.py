"""Inline SVG charts of one target: the compliance gauge and the status bar.

Every chart has a text alternative (``role="img"`` with an ``aria-label``); numbers are
formatted with fixed precision so the page is byte-identical across runs.
"""

from __future__ import annotations

import math

from srm_iac.model.enums import ControlStatus
from srm_iac.model.report import TargetAudit
from srm_iac.reporters.html.markup import Html, el

_GAUGE_RADIUS = 42.0
_BAR_ORDER = (
    ControlStatus.COMPLIANT,
    ControlStatus.PARTIAL,
    ControlStatus.GAP,
    ControlStatus.INHERITED,
)


def num(value: float) -> str:
    """``value`` with at most one decimal, trailing zeros dropped (stable SVG numbers)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def gauge(rate: float, label: str) -> Html:
    """A ring that fills to ``rate`` percent, with the number in its centre."""
    circumference = 2 * math.pi * _GAUGE_RADIUS
    filled = circumference * max(0.0, min(rate, 100.0)) / 100.0
    return el(
        "svg",
        el("circle", cx=50, cy=50, r=num(_GAUGE_RADIUS), class_="gauge-track"),
        el(
            "circle",
            cx=50,
            cy=50,
            r=num(_GAUGE_RADIUS),
            class_="gauge-fill",
            stroke_dasharray=f"{num(filled)} {num(circumference)}",
            transform="rotate(-90 50 50)",
        ),
        el("text", f"{rate:.0f}%", x=50, y=56, text_anchor="middle", class_="gauge-text"),
        viewBox="0 0 100 100",
        width=104,
        height=104,
        role="img",
        aria_label=label,
        class_="gauge",
    )


def status_bar(audit: TargetAudit) -> Html:
    """A horizontal bar split by control status (counts are printed beside it)."""
    total = len(audit.controls) or 1
    segments = []
    offset = 0.0
    for status in _BAR_ORDER:
        count = audit.count(status)
        if not count:
            continue
        width = 100.0 * count / total
        segments.append(
            el(
                "rect",
                x=num(offset),
                y=0,
                width=num(width),
                height=10,
                class_=f"bar-{status.value}",
            )
        )
        offset += width
    counts = ", ".join(f"{audit.count(s)} {s.value}" for s in _BAR_ORDER)
    return el(
        "svg",
        segments,
        viewBox="0 0 100 10",
        preserveAspectRatio="none",
        width="100%",
        height=10,
        role="img",
        aria_label=f"Controls by status: {counts}",
        class_="status-bar",
    )
