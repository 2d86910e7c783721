"""AI-SEC-001 for self-hosted models: where serving images and weights come from.

An image tag or a Hub model id names whatever was pushed last; only a digest, an immutable
repository or a pinned commit names the artefact that was reviewed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, is_set, worst_of
from srm_iac.rules.self_hosted.scope import (
    SAGEMAKER_MODEL,
    model_containers,
    unique,
)

ECR_REPOSITORY = "aws_ecr_repository"
IMMUTABLE_TAGS = frozenset({"IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"})
_DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")
_ECR_IMAGE = re.compile(
    r"^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/(?P<repository>[^:@]+)"
)
_COMMIT = re.compile(r"^[0-9a-f]{40}$")


def image_repositories(
    context: CheckContext, resource: Resource, attribute: str, image: Node
) -> list[Resource]:
    """ECR repositories of this plan that ``image`` comes from (by reference or by name)."""
    found = context.inventory.referenced(resource, attribute, ECR_REPOSITORY)
    match = _ECR_IMAGE.match(image.string() or "")
    if match:
        found = found + [
            repository
            for repository in context.inventory.of_type(ECR_REPOSITORY)
            if repository.at("name").string() == match["repository"]
        ]
    return unique(found)


def model_image_not_pinned(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-006: SageMaker model whose container image is named by a mutable tag."""
    for model in context.inventory.of_type(SAGEMAKER_MODEL):
        results = [
            _image_pinned(context, model, prefix, container)
            for prefix, container in model_containers(model)
        ]
        if results:
            yield worst_of(results)


def _image_pinned(context: CheckContext, model: Resource, prefix: str, container: Node) -> Result:
    attribute = f"{prefix}.image"
    image = container.get("image")
    package = container.get("model_package_name")
    if image.is_null and (is_set(package) or package.is_unknown):
        return passed(
            model,
            "the container comes from a versioned Model Registry package, not from an image tag",
            f"{prefix}.model_package_name",
        )
    if image.is_null:
        return unknown(model, "the container names neither an image nor a model package", attribute)
    if _DIGEST.search(image.string() or ""):
        return passed(model, "the image is pinned by digest", attribute)
    repositories = image_repositories(context, model, attribute, image)
    immutable = [
        r for r in repositories if enum_value(r.at("image_tag_mutability")) in IMMUTABLE_TAGS
    ]
    if immutable:
        return passed(
            model,
            f"the image comes from {immutable[0].address}, whose tags are immutable",
            attribute,
        )
    if image.is_unknown:
        return unknown(
            model, "the image is only known after apply: no digest can be seen", attribute
        )
    return failed(
        model,
        f"the image {image.display(limit=160)} is named by a tag that can be re-pointed to "
        "another image, not by digest",
        attribute,
    )


def hub_weights_unpinned(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-007: SageMaker model that downloads weights from the Hugging Face Hub unpinned."""
    for model in context.inventory.of_type(SAGEMAKER_MODEL):
        results = [
            _hub_revision(model, prefix, container) for prefix, container in model_containers(model)
        ]
        if results:
            yield worst_of(results)


def _hub_revision(model: Resource, prefix: str, container: Node) -> Result:
    attribute = f"{prefix}.environment"
    environment = container.get("environment")
    model_id = environment.get("HF_MODEL_ID")
    revision = environment.get("HF_MODEL_REVISION")
    if environment.is_unknown or model_id.is_unknown:
        return unknown(model, "the container environment is only known after apply", attribute)
    if model_id.is_null or (model_id.string() or "").startswith("/"):
        return passed(model, "the container loads no weights from the Hugging Face Hub", attribute)
    if _COMMIT.match(revision.string() or ""):
        return passed(model, "Hub weights are pinned to a commit by HF_MODEL_REVISION", attribute)
    if revision.is_unknown:
        return unknown(model, "HF_MODEL_REVISION is only known after apply", attribute)
    return failed(
        model,
        f"HF_MODEL_ID {model_id.display()} is downloaded from the Hugging Face Hub at every "
        "start, and HF_MODEL_REVISION does not pin a commit",
        f"{attribute}.HF_MODEL_ID",
    )
