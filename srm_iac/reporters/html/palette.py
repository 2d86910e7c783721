"""The page's colours and labels: one place, turned into CSS and checked for contrast by tests.

Colour never carries meaning alone: every swatch has a text label that the page prints next to
(or inside) the coloured area. Foreground/background pairs meet WCAG AA for normal text (4.5:1);
``tests/reporters/html/test_accessibility.py`` computes the ratios.
"""

from __future__ import annotations

from dataclasses import dataclass

from srm_iac.model.enums import ControlStatus, Owner, Risk, Severity, Status, Target


@dataclass(frozen=True)
class Swatch:
    """A labelled colour pair."""

    label: str
    """What the colour means, printed with it."""
    background: str
    """Background colour (``#rrggbb``)."""
    foreground: str
    """Text colour on that background (``#rrggbb``)."""


OUT_OF_SCOPE = "out-of-scope"
"""Heat-map key of a target the report did not audit."""

CELL = {
    ControlStatus.COMPLIANT.value: Swatch("Compliant", "#1d7a3a", "#ffffff"),
    ControlStatus.PARTIAL.value: Swatch("Partial", "#f3c344", "#3a2900"),
    ControlStatus.GAP.value: Swatch("Gap", "#b3261e", "#ffffff"),
    ControlStatus.INHERITED.value: Swatch("Inherited", "#d5e3f5", "#163459"),
    OUT_OF_SCOPE: Swatch("Not in scope", "#eef0f3", "#4d5761"),
}
"""Heat-map cells by control status (plus targets not in the report)."""

CELL_MEANING = {
    ControlStatus.COMPLIANT.value: "the customer half is evidenced or attested",
    ControlStatus.PARTIAL.value: "values unknown until apply, waived failures, or a missing "
    "attestation",
    ControlStatus.GAP.value: "a failing check, no evidence at all, or nobody owns it",
    ControlStatus.INHERITED.value: "the provider owns it; nothing required of you",
    OUT_OF_SCOPE: "not audited in this report; the owner comes from the catalog",
}
"""One line per heat-map colour, for the legend."""

OWNER_LABEL = {
    Owner.PROVIDER: "provider",
    Owner.CUSTOMER: "customer",
    Owner.SHARED: "shared",
    Owner.UNASSIGNED: "unassigned",
}
"""Owner names as the page prints them."""

FINDING = {
    Status.FAIL: Swatch("Fail", "#fbe4e2", "#8a1c15"),
    Status.UNKNOWN: Swatch("Unknown", "#fff1c7", "#634400"),
    Status.NOT_EVIDENCED: Swatch("Not evidenced", "#eee5fa", "#562a8c"),
    Status.WAIVED: Swatch("Waived", "#e9edf1", "#3b4650"),
    Status.PASS: Swatch("Pass", "#e1f3e6", "#17602d"),
}
"""Finding status badges."""

SEVERITY = {
    Severity.CRITICAL: Swatch("Critical", "#7d1010", "#ffffff"),
    Severity.HIGH: Swatch("High", "#fbe4e2", "#8a1c15"),
    Severity.MEDIUM: Swatch("Medium", "#fff1c7", "#634400"),
    Severity.LOW: Swatch("Low", "#e9edf1", "#3b4650"),
}
"""Severity badges (risk uses the same colours)."""

RISK = {Risk(severity.value): swatch for severity, swatch in SEVERITY.items()}
"""Risk badges."""

TARGET_LINE = {
    Target.AWS_BEDROCK: ("#b34700", "circle"),
    Target.AZURE_OPENAI: ("#0b5cad", "square"),
    Target.GCP_VERTEX: ("#1d7a3a", "triangle"),
    Target.SELF_HOSTED: ("#6b3fa0", "diamond"),
}
"""Trend-chart line colour and marker shape per target (shape and a label, not colour alone)."""

INK = "#1f2328"
"""Body text."""
MUTED = "#56606b"
"""Secondary text."""
PAPER = "#ffffff"
"""Page background."""
SURFACE = "#f5f7f9"
"""Card and header-cell background."""
LINK = "#0a58b0"
"""Links."""
BANNER = "#14273e"
"""The page header band."""
BANNER_TEXT = "#ffffff"
"""Text on the header band."""
BANNER_MUTED = "#c5d2e0"
"""Secondary text on the header band."""

TEXT_PAIRS = (
    (INK, PAPER),
    (INK, SURFACE),
    (MUTED, PAPER),
    (MUTED, SURFACE),
    (LINK, PAPER),
    (LINK, SURFACE),
    (BANNER_TEXT, BANNER),
    (BANNER_MUTED, BANNER),
)
"""Every other (text, background) pair the stylesheet uses."""


def swatches() -> list[Swatch]:
    """Every labelled colour pair of the page."""
    return [*CELL.values(), *FINDING.values(), *SEVERITY.values()]


def stylesheet() -> str:
    """CSS for the colours above: custom properties and one class per swatch."""
    lines = [
        ":root{"
        f"--ink:{INK};--muted:{MUTED};--paper:{PAPER};--surface:{SURFACE};--link:{LINK};"
        f"--banner:{BANNER};--banner-text:{BANNER_TEXT};--banner-muted:{BANNER_MUTED}"
        "}",
    ]
    groups: list[tuple[str, dict[str, Swatch]]] = [
        ("cell", dict(CELL)),
        ("finding", {status.value.lower(): s for status, s in FINDING.items()}),
        ("level", {severity.value.lower(): s for severity, s in SEVERITY.items()}),
    ]
    for prefix, table in groups:
        lines.extend(
            f".{prefix}-{key}{{background:{s.background};color:{s.foreground}}}"
            for key, s in table.items()
        )
    lines.extend(
        f".bar-{key}{{fill:{s.background};background:{s.background}}}"
        for key, s in CELL.items()
        if key != OUT_OF_SCOPE
    )
    return "\n".join(lines) + "\n"
