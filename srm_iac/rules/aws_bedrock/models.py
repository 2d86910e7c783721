"""AI-SEC-001 on Bedrock: every model the plan uses is on the organisation's approved list."""

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
from srm_iac.rules.common import missing_approved_list

MODEL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "aws_bedrockagent_agent": ("foundation_model",),
    "aws_bedrock_custom_model": ("base_model_identifier",),
    "aws_bedrock_provisioned_model_throughput": ("model_arn",),
    "aws_bedrock_inference_profile": ("model_source", "copy_from"),
    "aws_bedrockagent_knowledge_base": (
        "knowledge_base_configuration",
        "vector_knowledge_base_configuration",
        "embedding_model_arn",
    ),
}


def model_id(value: str) -> str:
    """The model id of a model id or ARN (``arn:...:foundation-model/x`` -> ``x``)."""
    return value.rsplit("/", 1)[-1] if value.startswith("arn:") else value


def unapproved_model(context: CheckContext) -> Iterator[Result]:
    """SRM-AWS-019: a Bedrock model that is not on the approved-model list."""
    missing = missing_approved_list(context, Target.AWS_BEDROCK)
    if missing is not None:
        yield missing
        return
    for type_, path in MODEL_ATTRIBUTES.items():
        for resource in context.inventory.of_type(type_):
            node = resource.at(*path)
            if node.is_null:
                continue
            yield _verdict(context, resource, node, ".".join(path))


def _verdict(context: CheckContext, resource: Resource, node: Node, attribute: str) -> Result:
    value = node.string()
    if node.is_sensitive:
        return unknown(
            resource, "the model id is marked sensitive and cannot be checked", attribute
        )
    if value is None:
        linked = context.inventory.referenced(resource, attribute)
        if linked and all(other.type.startswith("aws_bedrock") for other in linked):
            return passed(
                resource,
                f"uses {linked[0].address}, a model resource of this plan checked on its own",
                attribute,
            )
        return unknown(resource, "the model is only known after apply", attribute)
    model = model_id(value)
    if context.config.model_approved(Target.AWS_BEDROCK, model):
        return passed(resource, f"model {model} is on the approved list", attribute)
    if ":custom-model/" in value or ":provisioned-model/" in value:
        return passed(resource, "uses an in-account custom or provisioned model", attribute)
    return failed(resource, f"model {model} is not on the approved list", attribute)
