"""What an asset is called on the provider's side, and which models it uses.

Both read the same attributes the model-approval checks read (one definition per target), and
never return a value marked sensitive or unknown until apply: a name or model id that cannot
be read is simply absent.
"""

from __future__ import annotations

from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.aws_bedrock.models import MODEL_ATTRIBUTES as BEDROCK_MODELS
from srm_iac.rules.aws_bedrock.models import model_id
from srm_iac.rules.azure_openai.models import DEPLOYMENT, model_candidates
from srm_iac.rules.gcp_vertex.models import MODEL_ATTRIBUTES as VERTEX_MODELS
from srm_iac.rules.gcp_vertex.models import model_names

NAME_ATTRIBUTES = (("name",), ("agent_name",), ("display_name",), ("tags", "Name"))
"""Where a resource keeps its provider-side name, most common first."""


def readable(node: Node) -> str | None:
    """The string at ``node`` when it is known and not sensitive."""
    if node.is_sensitive or not node.is_known:
        return None
    return node.string()


def asset_name(resource: Resource) -> str:
    """The provider-side name of ``resource``; empty when it has none that can be read."""
    for path in NAME_ATTRIBUTES:
        name = readable(resource.at(*path))
        if name:
            return name
    return ""


def models_used(resource: Resource) -> tuple[tuple[str, ...], ...]:
    """The models ``resource`` uses, each as the identifiers an approval pattern may match.

    Every inner tuple is one model, most specific identifier first (``gpt-4o:2024-08-06``,
    ``OpenAI/gpt-4o:2024-08-06``, ``gpt-4o``, ``OpenAI/gpt-4o``); the first is its label.
    """
    if resource.type in BEDROCK_MODELS:
        value = readable(resource.at(*BEDROCK_MODELS[resource.type]))
        return ((model_id(value),),) if value else ()
    if resource.type in VERTEX_MODELS:
        values = (readable(resource.at(a)) for a in VERTEX_MODELS[resource.type])
        return tuple(model_names(v) for v in values if v)
    if resource.type == DEPLOYMENT:
        model_format = readable(resource.at("model", "format"))
        name = readable(resource.at("model", "name"))
        if model_format is None or name is None:
            return ()
        version = readable(resource.at("model", "version"))
        return (tuple(model_candidates(model_format, name, version)),)
    return ()
