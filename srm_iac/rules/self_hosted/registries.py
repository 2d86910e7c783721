"""AI-SEC-001 for self-hosted models: the ECR repositories that serving images come from."""

from __future__ import annotations

import re
from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value
from srm_iac.rules.self_hosted.scope import (
    POD_CONTAINER_ATTRIBUTE,
    POD_CONTAINERS,
    SAGEMAKER_MODEL,
    model_containers,
    serving_workloads,
    unique,
)
from srm_iac.rules.self_hosted.supply_chain import (
    ECR_REPOSITORY,
    IMMUTABLE_TAGS,
    image_repositories,
)

SCANNING_FREQUENCIES = ("SCAN_ON_PUSH", "CONTINUOUS_SCAN")


def serving_repositories(context: CheckContext) -> list[Resource]:
    """ECR repositories that serving images come from; all of them when none is linked."""
    linked: list[Resource] = []
    for model in context.inventory.of_type(SAGEMAKER_MODEL):
        for prefix, container in model_containers(model):
            linked += image_repositories(context, model, f"{prefix}.image", container.get("image"))
    for workload in serving_workloads(context):
        for container in workload.each(*POD_CONTAINERS):
            attribute = f"{POD_CONTAINER_ATTRIBUTE}.image"
            linked += image_repositories(context, workload, attribute, container.get("image"))
    return unique(linked) or context.inventory.of_type(ECR_REPOSITORY)


def repository_tags_mutable(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-012: ECR repository for serving images whose tags can be overwritten."""
    attribute = "image_tag_mutability"
    for repository in serving_repositories(context):
        node = repository.at(attribute)
        if enum_value(node) in IMMUTABLE_TAGS:
            yield passed(repository, f"image tags are {enum_value(node)}", attribute)
        elif node.is_unknown:
            yield unknown(repository, "image_tag_mutability is only known after apply", attribute)
        else:
            yield failed(
                repository,
                "image_tag_mutability is MUTABLE (the default): a push can silently replace the "
                "image behind a serving tag",
                attribute,
            )


def repository_without_scan(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-013: ECR repository for serving images that is not scanned on push."""
    attribute = "image_scanning_configuration.scan_on_push"
    for repository in serving_repositories(context):
        scan = repository.at("image_scanning_configuration", "scan_on_push")
        registry = _registry_rule(context, repository)
        if scan.boolean() is True:
            yield passed(repository, "images are scanned for vulnerabilities on push", attribute)
        elif registry is not None:
            yield passed(repository, f"a scanning rule of {registry.address} covers it", attribute)
        elif scan.is_unknown:
            yield unknown(repository, "scan_on_push is only known after apply", attribute)
        else:
            yield failed(
                repository,
                "scan_on_push is not true and no registry scanning rule in this plan covers the "
                "repository: vulnerable serving images are not flagged",
                attribute,
            )


def _registry_rule(context: CheckContext, repository: Resource) -> Resource | None:
    name = repository.at("name").string()
    if name is None:
        return None
    for registry in context.inventory.of_type("aws_ecr_registry_scanning_configuration"):
        for rule in registry.each("rule"):
            if rule.get("scan_frequency").string() not in SCANNING_FREQUENCIES:
                continue
            for repository_filter in rule.each("repository_filter"):
                if _wildcard_match(name, repository_filter.get("filter").string() or ""):
                    return registry
    return None


def _wildcard_match(name: str, pattern: str) -> bool:
    """ECR filters use ``*`` as the only wildcard."""
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return bool(pattern) and re.fullmatch(regex, name) is not None
