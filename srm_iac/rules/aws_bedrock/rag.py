"""AI-SEC-009 on Bedrock: what knowledge bases ingest."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value

WEB = "web_configuration"


def web_crawler_unscoped(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-025: knowledge base that crawls the web with no inclusion filter."""
    attribute = "data_source_configuration.web_configuration.crawler_configuration"
    for source in context.inventory.of_type("aws_bedrockagent_data_source"):
        configuration = source.at("data_source_configuration")
        if enum_value(configuration.get("type")) != "WEB":
            continue
        crawler = configuration.get(WEB, "crawler_configuration")
        filters = crawler.get("inclusion_filters")
        if filters.strings():
            yield passed(source, "the web crawler is limited by inclusion filters", attribute)
        elif filters.has_unknown or crawler.is_unknown:
            yield unknown(
                source, "the crawler's inclusion filters are only known after apply", attribute
            )
        else:
            yield failed(
                source,
                "web crawler with no inclusion_filters: any page it reaches "
                "can poison the knowledge base",
                attribute,
            )
