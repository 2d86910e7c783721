"""AI-SEC-002 and AI-SEC-003 on Vertex AI: what a Model Armor template or floor setting filters.

Both resource types share ``filter_config``. The API treats an unset confidence level as
LOW_AND_ABOVE (the strictest) and an unset prompt-injection enforcement as DISABLED.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, is_set, join_names

FILTERED_TYPES = ("google_model_armor_template", "google_model_armor_floorsetting")
PI_FILTER = "filter_config.pi_and_jailbreak_filter_settings"
RAI_FILTERS = "filter_config.rai_settings.rai_filters"
SDP = "filter_config.sdp_settings"
HARM_CATEGORIES = ("DANGEROUS", "HARASSMENT", "HATE_SPEECH", "SEXUALLY_EXPLICIT")
STRICT_LEVELS = ("LOW_AND_ABOVE", "MEDIUM_AND_ABOVE")


def _strict(level: Node) -> bool | None:
    """True for LOW_AND_ABOVE, MEDIUM_AND_ABOVE or unset; None when unknown."""
    if level.is_unknown:
        return None
    value = enum_value(level)
    return value is None or value in STRICT_LEVELS


def prompt_injection_filter_weak(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-011: Model Armor without an enabled, sensitive prompt-injection filter."""
    for resource in context.inventory.of_type(*FILTERED_TYPES):
        yield _pi_verdict(resource)


def _pi_verdict(resource: Resource) -> Result:
    settings = resource.at("filter_config", "pi_and_jailbreak_filter_settings")
    enforcement = settings.get("filter_enforcement")
    confidence = settings.get("confidence_level")
    if settings.is_unknown or enforcement.is_unknown:
        return unknown(resource, "the prompt-injection filter is only known after apply", PI_FILTER)
    if not settings.is_known or not settings.value:
        return failed(
            resource,
            "no pi_and_jailbreak_filter_settings: prompts are not screened "
            "for injection or jailbreaks",
            PI_FILTER,
        )
    if enum_value(enforcement) != "ENABLED":
        shown = enforcement.display() if enforcement.is_known else "not set (disabled)"
        return failed(
            resource,
            f"the prompt-injection and jailbreak filter_enforcement is {shown}",
            f"{PI_FILTER}.filter_enforcement",
        )
    strict = _strict(confidence)
    if strict is None:
        return unknown(
            resource,
            "the filter's confidence_level is only known after apply",
            f"{PI_FILTER}.confidence_level",
        )
    if not strict:
        return failed(
            resource,
            "confidence_level is HIGH: only high-confidence detections count, most injection "
            "attempts pass",
            f"{PI_FILTER}.confidence_level",
        )
    level = enum_value(confidence) or "LOW_AND_ABOVE (default)"
    return passed(resource, f"prompt-injection and jailbreak filter enabled at {level}", PI_FILTER)


def harmful_content_filters_weak(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-014: Model Armor without responsible-AI filters for every harm category."""
    for resource in context.inventory.of_type(*FILTERED_TYPES):
        yield _rai_verdict(resource)


def _rai_verdict(resource: Resource) -> Result:
    settings = resource.at("filter_config", "rai_settings")
    if settings.is_unknown or settings.get("rai_filters").is_unknown:
        return unknown(
            resource, "the responsible-AI filters are only known after apply", RAI_FILTERS
        )
    covered: set[str] = set()
    pending = False
    for item in settings.each("rai_filters"):
        strict = _strict(item.get("confidence_level"))
        if item.get("filter_type").is_unknown or strict is None:
            pending = True
        elif strict:
            covered.add(enum_value(item.get("filter_type")) or "")
    weak = [category for category in HARM_CATEGORIES if category not in covered]
    if not weak:
        return passed(
            resource,
            "all four harm categories are filtered at MEDIUM_AND_ABOVE or stricter",
            RAI_FILTERS,
        )
    if pending:
        return unknown(
            resource, "some responsible-AI filters are only known after apply", RAI_FILTERS
        )
    return failed(
        resource,
        f"no responsible-AI filter at LOW_AND_ABOVE or MEDIUM_AND_ABOVE for {join_names(weak)}",
        RAI_FILTERS,
    )


def sensitive_data_filter_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-015: Model Armor without Sensitive Data Protection screening."""
    for resource in context.inventory.of_type(*FILTERED_TYPES):
        yield _sdp_verdict(context, resource)


def _sdp_verdict(context: CheckContext, resource: Resource) -> Result:
    settings = resource.at("filter_config", "sdp_settings")
    basic = settings.get("basic_config", "filter_enforcement")
    inspect = settings.get("advanced_config", "inspect_template")
    if enum_value(basic) == "ENABLED":
        return passed(resource, "basic Sensitive Data Protection screening is enabled", SDP)
    if is_set(inspect) or context.inventory.referenced(
        resource, f"{SDP}.advanced_config.inspect_template"
    ):
        return passed(
            resource, "an advanced Sensitive Data Protection inspect template is set", SDP
        )
    if settings.is_unknown or basic.is_unknown or inspect.is_unknown:
        return unknown(
            resource, "the Sensitive Data Protection settings are only known after apply", SDP
        )
    return failed(
        resource,
        "no Sensitive Data Protection: sdp_settings has neither basic_config ENABLED nor an "
        "advanced_config inspect_template, so PII and credentials pass unmasked",
        SDP,
    )
