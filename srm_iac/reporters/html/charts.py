"""Inline SVG charts: the compliance gauge, the status bar and the compliance trend.

Every chart has a text alternative (``role="img"`` with an ``aria-label``, or a data table next
to it); numbers are formatted with fixed precision so the page is byte-identical across runs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from srm_iac.model.enums import ControlStatus, Target
from srm_iac.model.report import TargetAudit
from srm_iac.model.trend import TrendPoint
from srm_iac.reporters.html import palette
from srm_iac.reporters.html.markup import Html, el

_GAUGE_RADIUS = 42.0
_BAR_ORDER = (
    ControlStatus.COMPLIANT,
    ControlStatus.PARTIAL,
    ControlStatus.GAP,
    ControlStatus.INHERITED,
)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def gauge(rate: float, label: str) -> Html:
    """A ring that fills to ``rate`` percent, with the number in its centre."""
    circumference = 2 * math.pi * _GAUGE_RADIUS
    filled = circumference * max(0.0, min(rate, 100.0)) / 100.0
    return el(
        "svg",
        el("circle", cx=50, cy=50, r=_num(_GAUGE_RADIUS), class_="gauge-track"),
        el(
            "circle",
            cx=50,
            cy=50,
            r=_num(_GAUGE_RADIUS),
            class_="gauge-fill",
            stroke_dasharray=f"{_num(filled)} {_num(circumference)}",
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
                x=_num(offset),
                y=0,
                width=_num(width),
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


# Trend chart geometry (user units of the viewBox).
_W, _H = 720.0, 260.0
_LEFT, _RIGHT, _TOP, _BOTTOM = 48.0, 190.0, 16.0, 36.0
_LABEL_GAP = 15.0
"""Least vertical distance between two end-of-line labels."""


def trend_chart(points: Sequence[TrendPoint]) -> Html:
    """Compliance rate per target over time: one line and marker shape per target."""
    dates = sorted({p.date for p in points})
    first, last = dates[0], dates[-1]
    series = _series(points)

    def x(day: dt.date) -> float:
        span = (last - first).days
        if span == 0:
            return _LEFT + (_W - _LEFT - _RIGHT) / 2
        return _LEFT + (_W - _LEFT - _RIGHT) * (day - first).days / span

    def y(rate: float) -> float:
        return _TOP + (_H - _TOP - _BOTTOM) * (1 - rate / 100.0)

    grid = [
        el(
            "g",
            el("line", x1=_num(_LEFT), x2=_num(_W - _RIGHT), y1=_num(y(v)), y2=_num(y(v))),
            el("text", f"{v}%", x=_num(_LEFT - 6), y=_num(y(v) + 4), text_anchor="end"),
            class_="grid",
        )
        for v in (0, 25, 50, 75, 100)
    ]
    ticks = [
        el("text", day.isoformat(), x=_num(x(day)), y=_num(_H - 12), text_anchor="middle")
        for day in _tick_dates(dates)
    ]
    label_y = _spread({t: y(series[t][-1].rate) + 4 for t in series})
    lines = [_line(target, series[target], x, y, label_y[target]) for target in series]
    summary = "; ".join(
        f"{target.display_name}: "
        + ", ".join(f"{p.date.isoformat()} {p.rate:.1f}%" for p in series[target])
        for target in series
    )
    return el(
        "svg",
        el("title", "Compliance rate per target over time"),
        el("desc", summary),
        grid,
        el("g", ticks, class_="axis"),
        lines,
        viewBox=f"0 0 {_num(_W)} {_num(_H)}",
        width="100%",
        role="img",
        aria_label="Compliance rate per target over time",
        class_="trend",
    )


def _series(points: Sequence[TrendPoint]) -> dict[Target, list[TrendPoint]]:
    series: dict[Target, list[TrendPoint]] = {}
    for point in sorted(points):
        series.setdefault(point.target, []).append(point)
    return {target: series[target] for target in Target if target in series}


def _spread(wanted: dict[Target, float]) -> dict[Target, float]:
    """End-label positions moved apart so that no two labels overlap."""
    placed: dict[Target, float] = {}
    previous = -_LABEL_GAP
    for target, position in sorted(wanted.items(), key=lambda item: item[1]):
        placed[target] = max(position, previous + _LABEL_GAP)
        previous = placed[target]
    overflow = previous - (_H - _BOTTOM + 4)
    if overflow > 0:
        placed = {t: p - overflow for t, p in placed.items()}
    return placed


def _tick_dates(dates: list[dt.date], most: int = 6) -> list[dt.date]:
    if len(dates) <= most:
        return dates
    step = (len(dates) - 1) / (most - 1)
    return [dates[round(i * step)] for i in range(most)]


def _line(
    target: Target,
    points: list[TrendPoint],
    x: Callable[[dt.date], float],
    y: Callable[[float], float],
    label_y: float,
) -> Html:
    colour, shape = palette.TARGET_LINE[target]
    coords = [(x(p.date), y(p.rate)) for p in points]
    path = " ".join(f"{_num(cx)},{_num(cy)}" for cx, cy in coords)
    markers = [_marker(shape, cx, cy, colour) for cx, cy in coords]
    end_x = coords[-1][0]
    return el(
        "g",
        el("polyline", points=path, fill="none", stroke=colour, stroke_width=2.5),
        markers,
        el(
            "text",
            f"{target.display_name} {points[-1].rate:.0f}%",
            x=_num(end_x + 10),
            y=_num(label_y),
            fill=colour,
            class_="series-label",
        ),
        class_="series",
        data_target=target.value,
    )


def _marker(shape: str, cx: float, cy: float, colour: str) -> Html:
    size = 5.0
    if shape == "circle":
        return el("circle", cx=_num(cx), cy=_num(cy), r=_num(size), fill=colour)
    if shape == "square":
        return el(
            "rect",
            x=_num(cx - size),
            y=_num(cy - size),
            width=_num(2 * size),
            height=_num(2 * size),
            fill=colour,
        )
    if shape == "triangle":
        corners = [(cx, cy - size - 1), (cx + size + 1, cy + size), (cx - size - 1, cy + size)]
    else:
        reach = size + 1
        corners = [(cx, cy - reach), (cx + reach, cy), (cx, cy + reach), (cx - reach, cy)]
    return el(
        "polygon", points=" ".join(f"{_num(px)},{_num(py)}" for px, py in corners), fill=colour
    )
