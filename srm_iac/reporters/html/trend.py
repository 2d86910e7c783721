"""The compliance trend: rate per target over time, as an SVG line chart and a data table.

Each target has its own colour, marker shape and end-of-line label (never colour alone); the
chart's ``<desc>`` and the table next to it carry every number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from srm_iac.model.enums import Target
from srm_iac.model.trend import TrendPoint
from srm_iac.reporters.html import palette
from srm_iac.reporters.html.charts import num
from srm_iac.reporters.html.markup import Html, el

# Chart geometry (user units of the viewBox).
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
            el("line", x1=num(_LEFT), x2=num(_W - _RIGHT), y1=num(y(v)), y2=num(y(v))),
            el("text", f"{v}%", x=num(_LEFT - 6), y=num(y(v) + 4), text_anchor="end"),
            class_="grid",
        )
        for v in (0, 25, 50, 75, 100)
    ]
    ticks = [
        el("text", day.isoformat(), x=num(x(day)), y=num(_H - 12), text_anchor="middle")
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
        viewBox=f"0 0 {num(_W)} {num(_H)}",
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
    path = " ".join(f"{num(cx)},{num(cy)}" for cx, cy in coords)
    markers = [_marker(shape, cx, cy, colour) for cx, cy in coords]
    end_x = coords[-1][0]
    return el(
        "g",
        el("polyline", points=path, fill="none", stroke=colour, stroke_width=2.5),
        markers,
        el(
            "text",
            f"{target.display_name} {points[-1].rate:.0f}%",
            x=num(end_x + 10),
            y=num(label_y),
            fill=colour,
            class_="series-label",
        ),
        class_="series",
        data_target=target.value,
    )


def _marker(shape: str, cx: float, cy: float, colour: str) -> Html:
    size = 5.0
    if shape == "circle":
        return el("circle", cx=num(cx), cy=num(cy), r=num(size), fill=colour)
    if shape == "square":
        return el(
            "rect",
            x=num(cx - size),
            y=num(cy - size),
            width=num(2 * size),
            height=num(2 * size),
            fill=colour,
        )
    if shape == "triangle":
        corners = [(cx, cy - size - 1), (cx + size + 1, cy + size), (cx - size - 1, cy + size)]
    else:
        reach = size + 1
        corners = [(cx, cy - reach), (cx + reach, cy), (cx, cy + reach), (cx - reach, cy)]
    return el("polygon", points=" ".join(f"{num(px)},{num(py)}" for px, py in corners), fill=colour)


def render_trend(points: Sequence[TrendPoint]) -> Html:
    """The trend section body: the chart, and its numbers in a collapsed table."""
    rows = [
        el(
            "tr",
            el("th", el("time", p.date.isoformat()), scope="row"),
            el("td", p.target.display_name),
            el("td", f"{p.rate:.1f}%"),
        )
        for p in sorted(points)
    ]
    head = el("tr", [el("th", n, scope="col") for n in ("Date", "Target", "Compliance rate")])
    return el(
        "div",
        trend_chart(points),
        el(
            "details",
            el("summary", "Data table"),
            el("table", el("thead", head), el("tbody", rows), class_="data"),
        ),
    )
