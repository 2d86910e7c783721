"""AI-SEC-001 on Vertex AI: which models Model Garden deploys, and how they are pinned.

``google_vertex_ai_endpoint_with_model_garden_deployment`` deploys either a publisher model
(``publishers/{publisher}/models/{model}@{version}``) or a Hugging Face repository
(``hugging_face_model_id``), optionally with a custom serving container.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.enums import Target
from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import (
    CheckContext,
    Result,
    failed,
    passed,
    unknown,
)
from srm_iac.rules.common import is_set, missing_approved_list

GARDEN_DEPLOYMENT = "google_vertex_ai_endpoint_with_model_garden_deployment"
ENABLE_MODEL = "google_vertex_ai_model_garden_enable_model"
MODEL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    GARDEN_DEPLOYMENT: ("publisher_model_name", "hugging_face_model_id"),
    ENABLE_MODEL: ("publisher_model_name",),
}
IMAGE = ("model_config", "container_spec", "image_uri")
HF_TOKEN = ("model_config", "hugging_face_access_token")


def model_names(value: str) -> tuple[str, ...]:
    """The names a model may be approved under: as written, and without ``publishers/``.

    ``publishers/google/models/gemma3@gemma-3-1b-it`` is also ``google/gemma3@gemma-3-1b-it``.
    """
    parts = value.split("/")
    if len(parts) == 4 and parts[0] == "publishers" and parts[2] == "models":
        return value, f"{parts[1]}/{parts[3]}"
    return (value,)


def unapproved_model(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-016: a Model Garden model that is not on the approved-model list."""
    missing = missing_approved_list(context, Target.GCP_VERTEX)
    if missing is not None:
        yield missing
        return
    for type_, attributes in MODEL_ATTRIBUTES.items():
        for resource in context.inventory.of_type(type_):
            for attribute in attributes:
                node = resource.at(attribute)
                if not node.is_null:
                    yield _approval(context, resource, node, attribute)


def _approval(context: CheckContext, resource: Resource, node: Node, attribute: str) -> Result:
    value = node.string()
    if node.is_sensitive:
        return unknown(resource, "the model is marked sensitive and cannot be checked", attribute)
    if value is None:
        return unknown(resource, "the model is only known after apply", attribute)
    approved = any(
        context.config.model_approved(Target.GCP_VERTEX, name) for name in model_names(value)
    )
    if approved:
        return passed(resource, f"model {node.display()} is on the approved list", attribute)
    return failed(resource, f"model {node.display()} is not on the approved list", attribute)


def unpinned_model(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-017: Model Garden deployment of Hugging Face weights or an unversioned model."""
    for resource in context.inventory.of_type(GARDEN_DEPLOYMENT):
        hugging_face = resource.at("hugging_face_model_id")
        publisher = resource.at("publisher_model_name")
        if is_set(hugging_face):
            yield failed(
                resource,
                f"deploys Hugging Face repository {hugging_face.display()}: third-party weights "
                "fetched at deploy time, with no revision pinned",
                "hugging_face_model_id",
            )
        elif hugging_face.is_unknown or publisher.is_unknown:
            yield unknown(resource, "the deployed model is only known after apply")
        elif publisher.is_null:
            continue
        elif "@" in (publisher.string() or ""):
            yield passed(resource, f"pinned to {publisher.display()}", "publisher_model_name")
        else:
            yield failed(
                resource,
                f"publisher_model_name {publisher.display()} has no @version: the deployment "
                "takes whatever version is current",
                "publisher_model_name",
            )


def container_not_pinned(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-018: Model Garden serving container not pinned by digest."""
    attribute = ".".join(IMAGE)
    for resource in context.inventory.of_type(GARDEN_DEPLOYMENT):
        image = resource.at(*IMAGE)
        if image.is_null:
            continue
        text = image.string()
        if text is not None and "@sha256:" in text:
            yield passed(resource, "the serving container is pinned by digest", attribute)
        elif text is None:
            yield unknown(
                resource, "the serving container image is only known after apply", attribute
            )
        else:
            yield failed(
                resource,
                "image_uri is not pinned by digest (@sha256:...): its tag can be moved to "
                "different code",
                attribute,
            )


def hugging_face_token_in_state(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-019: Hugging Face access token written into a Model Garden deployment."""
    attribute = ".".join(HF_TOKEN)
    for resource in context.inventory.of_type(GARDEN_DEPLOYMENT):
        token = resource.at(*HF_TOKEN)
        if is_set(token) or (token.is_unknown and resource.sets(attribute)):
            yield failed(
                resource,
                "hugging_face_access_token is set: the token is stored in plain text in the "
                "state and the saved plan",
                attribute,
            )
        elif not resource.at("hugging_face_model_id").is_null:
            yield passed(resource, "no Hugging Face access token in the configuration", attribute)
