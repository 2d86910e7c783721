"""SageMaker endpoint configurations: data capture (AI-SEC-008) and storage keys (AI-SEC-005)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import join_names, key_reference
from srm_iac.rules.self_hosted.scope import KMS_KEYS

ENDPOINT_CONFIGURATION = "aws_sagemaker_endpoint_configuration"
CAPTURE = "data_capture_config"
_BOTH_DIRECTIONS = frozenset({"Input", "Output"})
_LOCAL_STORAGE = re.compile(
    r"^ml\.([a-z]+\d+[a-z]*d[a-z]*|g5|g6|g6e|gr6|p5|p5e|p5en|p6[a-z0-9-]*|trn1|trn1n|trn2)\."
)
"""Instance families with NVMe instance storage: SageMaker rejects a KMS key for them."""


def _serverless_only(configuration: Resource) -> bool:
    variants = configuration.each("production_variants")
    return bool(variants) and all(v.each("serverless_config") for v in variants)


def endpoint_without_data_capture(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-001: endpoint configuration that does not capture requests and responses."""
    for configuration in context.inventory.of_type(ENDPOINT_CONFIGURATION):
        yield _capture_enabled(configuration)


def _capture_enabled(configuration: Resource) -> Result:
    attribute = f"{CAPTURE}.enable_capture"
    block = configuration.at(CAPTURE)
    enabled = configuration.at(CAPTURE, "enable_capture")
    if block.is_unknown or enabled.is_unknown:
        return unknown(configuration, "data capture is only known after apply", attribute)
    if enabled.boolean() is True:
        return passed(configuration, "data capture records endpoint traffic to S3", attribute)
    problem = f"no {CAPTURE}" if not configuration.each(CAPTURE) else "enable_capture is not true"
    consequence = (
        "serverless endpoints cannot capture data, so log prompts and responses in the caller"
        if _serverless_only(configuration)
        else "prompts and model responses are not recorded anywhere"
    )
    return failed(configuration, f"{problem}: {consequence}", attribute)


def data_capture_incomplete(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-002: data capture that records only requests or only responses."""
    for configuration in context.inventory.of_type(ENDPOINT_CONFIGURATION):
        if configuration.each(CAPTURE) and (
            configuration.at(CAPTURE, "enable_capture").boolean() is not False
        ):
            yield _capture_directions(configuration)


def _capture_directions(configuration: Resource) -> Result:
    attribute = f"{CAPTURE}.capture_options"
    options = configuration.at(CAPTURE, "capture_options")
    modes = [
        option.get("capture_mode") for option in configuration.each(CAPTURE, "capture_options")
    ]
    if options.is_unknown or any(mode.is_unknown for mode in modes):
        return unknown(configuration, "the capture modes are only known after apply", attribute)
    captured = _directions(modes)
    if captured >= _BOTH_DIRECTIONS:
        return passed(configuration, "data capture records both requests and responses", attribute)
    missing = join_names(_BOTH_DIRECTIONS - captured)
    return failed(
        configuration,
        f"capture_options do not include {missing}: the audit trail misses half of each exchange",
        attribute,
    )


def _directions(modes: list[Node]) -> set[str]:
    captured: set[str] = set()
    for mode in modes:
        value = mode.string() or ""
        captured |= set(_BOTH_DIRECTIONS) if value == "InputAndOutput" else {value}
    return captured


def endpoint_storage_without_cmk(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-003: endpoint storage volumes (model weights) not under a customer-managed key."""
    for configuration in context.inventory.of_type(ENDPOINT_CONFIGURATION):
        variants = [
            variant
            for variant in configuration.each("production_variants")
            if not variant.each("serverless_config")
        ]
        if variants:
            yield _storage_key(context, configuration, [v.get("instance_type") for v in variants])


def _storage_key(context: CheckContext, configuration: Resource, types: list[Node]) -> Result:
    key = configuration.at("kms_key_arn")
    what = "the endpoint's ML storage volumes"
    if not key.is_null:
        return key_reference(context, configuration, ("kms_key_arn",), KMS_KEYS, what)
    if any(node.is_unknown for node in types):
        return unknown(
            configuration, "the instance types are only known after apply", "kms_key_arn"
        )
    if any(_LOCAL_STORAGE.match(node.string() or "") for node in types):
        return passed(
            configuration,
            "a variant's instance type has NVMe instance storage, encrypted in hardware; "
            "SageMaker then accepts no KMS key for the configuration",
            "production_variants.instance_type",
        )
    return key_reference(context, configuration, ("kms_key_arn",), KMS_KEYS, what)
