"""What an inventory report shows, and the closed set of its output formats."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, assert_never

if TYPE_CHECKING:
    from srm_iac.assets.assessment import Assessment


class Section(StrEnum):
    """A part of the inventory report (``--view``)."""

    ASSETS = "assets"
    RECONCILIATION = "reconciliation"
    GAPS = "gaps"


@dataclass(frozen=True)
class InventoryRenderOptions:
    """Presentation choices for the inventory report."""

    sections: tuple[Section, ...] = tuple(Section)
    """Sections to show, in this order (CSV shows exactly one)."""
    include_supporting: bool = False
    """List supporting resources (logging, IAM, network) too, not only assets."""
    color: bool = False
    """Colour and box drawing (terminal output to a TTY)."""
    width: int = 140
    """Terminal width for the table format."""


class InventoryRenderer(Protocol):
    """A pure function from an assessment to text."""

    def __call__(self, assessment: Assessment, options: InventoryRenderOptions) -> str:
        """Render ``assessment``."""
        ...


class InventoryFormat(StrEnum):
    """Formats ``srm-iac inventory --format`` accepts."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"

    def renderer(self) -> InventoryRenderer:
        """The render function of this format (imported only when used)."""
        if self is InventoryFormat.TABLE:
            from srm_iac.reporters import inventory_table

            return inventory_table.render
        if self is InventoryFormat.JSON:
            from srm_iac.reporters import inventory_json

            return inventory_json.render
        if self is InventoryFormat.CSV:
            from srm_iac.reporters import inventory_csv

            return inventory_csv.render
        assert_never(self)
