"""The shape every output format has."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from srm_iac.catalog.loader import Catalog
    from srm_iac.model.report import Report
    from srm_iac.model.trend import TrendPoint


@dataclass(frozen=True)
class RenderOptions:
    """Presentation choices that do not change the report's content."""

    color: bool = False
    """Use colour and box drawing (terminal output to a TTY)."""
    width: int = 120
    """Terminal width for the table format."""
    trend: tuple[TrendPoint, ...] = ()
    """Compliance rates of earlier runs, for formats that draw a trend (html)."""
    teams: Mapping[str, str] = field(default_factory=dict)
    """RACI role -> the organisation's team name, for formats that show a gap map (html)."""


class Renderer(Protocol):
    """A pure function from a report to text."""

    def __call__(self, report: Report, catalog: Catalog, options: RenderOptions) -> str:
        """Render ``report``; ``catalog`` supplies check and control metadata."""
        ...
