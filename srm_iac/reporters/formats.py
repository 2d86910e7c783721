"""The closed set of output formats and the renderer of each."""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from srm_iac.reporters.interface import Renderer


class OutputFormat(StrEnum):
    """Formats ``--format`` accepts."""

    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    MARKDOWN = "markdown"
    JUNIT = "junit"
    HTML = "html"

    def renderer(self) -> Renderer:
        """The render function of this format (imported only when used)."""
        if self is OutputFormat.TABLE:
            from srm_iac.reporters import table

            return table.render
        if self is OutputFormat.JSON:
            from srm_iac.reporters import json_report

            return json_report.render
        if self is OutputFormat.SARIF:
            from srm_iac.reporters import sarif

            return sarif.render
        if self is OutputFormat.MARKDOWN:
            from srm_iac.reporters import markdown

            return markdown.render
        if self is OutputFormat.JUNIT:
            from srm_iac.reporters import junit

            return junit.render
        if self is OutputFormat.HTML:
            from srm_iac.reporters.html import page

            return page.render
        assert_never(self)
