"""AI-SEC-002 on Vertex AI: whether Model Armor screens prompts, and whether it blocks.

Templates define filters that applications (or the Vertex AI integration) apply; a floor
setting is a project, folder or organisation singleton that enforces minimum filters and, with
``AI_PLATFORM`` in ``integrated_services``, screens Gemini traffic on Vertex AI.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, not_evidenced, passed, unknown
from srm_iac.rules.common import enum_value

TEMPLATE = "google_model_armor_template"
FLOOR_SETTING = "google_model_armor_floorsetting"
AI_PLATFORM = "AI_PLATFORM"


def screening_missing(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-010: no Model Armor template or floor setting screens Vertex AI traffic."""
    resources = context.inventory.of_type(TEMPLATE, FLOOR_SETTING)
    if not resources:
        yield not_evidenced(
            "no Model Armor template or floor setting in this plan: prompts reach Vertex AI "
            "models unscreened unless another workspace or the application applies Model Armor"
        )
    for resource in resources:
        kind = "template" if resource.type == TEMPLATE else "floor setting"
        yield passed(resource, f"a Model Armor {kind} is defined", "filter_config")


def template_inspect_only(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-012: Model Armor template that only inspects (INSPECT_ONLY), never blocks."""
    attribute = "template_metadata.enforcement_type"
    for template in context.inventory.of_type(TEMPLATE):
        node = template.at("template_metadata", "enforcement_type")
        mode = enum_value(node)
        if mode == "INSPECT_ONLY":
            yield failed(
                template,
                "enforcement_type is INSPECT_ONLY: prompts and responses that trip the filters "
                "are logged, not blocked",
                attribute,
            )
        elif mode == "INSPECT_AND_BLOCK":
            yield passed(template, "enforcement_type is INSPECT_AND_BLOCK", attribute)
        elif node.is_unknown and template.sets(attribute) is not False:
            yield unknown(template, "enforcement_type is only known after apply", attribute)
        elif mode is None:
            yield passed(
                template,
                "enforcement_type is not set: the API default is INSPECT_AND_BLOCK",
                attribute,
            )
        else:
            yield failed(template, f"enforcement_type is {node.display()}", attribute)


def floor_setting_not_enforced(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-013: Model Armor floor setting that does not block on Vertex AI."""
    for setting in context.inventory.of_type(FLOOR_SETTING):
        yield _floor_verdict(setting)


def _floor_verdict(setting: Resource) -> Result:
    services = setting.at("integrated_services")
    enforcement = setting.at("enable_floor_setting_enforcement")
    block = setting.at("ai_platform_floor_setting", "inspect_and_block")
    inspect_only = setting.at("ai_platform_floor_setting", "inspect_only")
    if not services.is_unknown and AI_PLATFORM not in services.strings():
        return failed(
            setting,
            "integrated_services does not include AI_PLATFORM: the floor setting does not "
            "screen Vertex AI traffic",
            "integrated_services",
        )
    if enforcement.boolean() is False or enforcement.is_null:
        return failed(
            setting,
            "enable_floor_setting_enforcement is not true: the floor setting is not enforced",
            "enable_floor_setting_enforcement",
        )
    if block.boolean() is True and not services.is_unknown and not enforcement.is_unknown:
        return passed(
            setting,
            "enforced on Vertex AI in inspect-and-block mode",
            "ai_platform_floor_setting.inspect_and_block",
        )
    if services.is_unknown or enforcement.is_unknown or block.is_unknown:
        return unknown(setting, "the floor setting's enforcement is only known after apply")
    detail = (
        "inspect_only is true: Vertex AI traffic that trips the filters is logged, not blocked"
        if inspect_only.boolean() is True
        else "ai_platform_floor_setting does not set inspect_and_block: nothing is blocked"
    )
    return failed(setting, detail, "ai_platform_floor_setting")
