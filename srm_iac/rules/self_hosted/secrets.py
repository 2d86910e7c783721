"""AI-SEC-004 for self-hosted models: credentials handed to serving containers in plain text.

Only variable *names* are printed; values never are (they are usually sensitive).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.model.values import SENSITIVE_PLACEHOLDER, Node
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import is_set, join_names
from srm_iac.rules.self_hosted.scope import (
    POD_CONTAINER_ATTRIBUTE,
    POD_CONTAINERS,
    SAGEMAKER_MODEL,
    model_containers,
    serving_workloads,
)

_CREDENTIAL_NAME = re.compile(
    r"(^|_)(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|SECRET_KEY|PRIVATE_KEY|CREDENTIALS?)$",
    re.IGNORECASE,
)
_ABSENT_KEY = "\x00"
"""A key no map has: a child there is sensitive only when the map is sensitive as a whole."""


def is_credential_name(name: str) -> bool:
    """An environment variable name that conventionally holds a credential (``HF_TOKEN``)."""
    return bool(_CREDENTIAL_NAME.search(name))


def _holds_value(node: Node) -> bool:
    return is_set(node) or node.is_unknown


def _printable(name: Node) -> str:
    return SENSITIVE_PLACEHOLDER if name.is_sensitive else name.string() or ""


def _keys_hidden(mapping: Node) -> bool:
    """The whole map is sensitive, so even its keys must not be printed."""
    return mapping.get(_ABSENT_KEY).is_sensitive


def credential_in_environment(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-008: a credential passed to a serving container as a plain environment variable."""
    for model in context.inventory.of_type(SAGEMAKER_MODEL):
        yield _model_environment(model)
    for workload in serving_workloads(context):
        yield _workload_environment(workload)


def _model_environment(model: Resource) -> Result:
    names: list[str] = []
    for prefix, container in model_containers(model):
        environment = container.get("environment")
        if environment.is_unknown:
            return unknown(
                model,
                "the container environment is only known after apply",
                f"{prefix}.environment",
            )
        found = [
            key
            for key, value in environment.children()
            if is_credential_name(key) and _holds_value(value)
        ]
        names += [SENSITIVE_PLACEHOLDER] * len(found) if _keys_hidden(environment) else found
    return _verdict(
        model, names, "primary_container.environment", "anyone allowed to describe the model"
    )


def _workload_environment(workload: Resource) -> Result:
    names = [
        _printable(variable.get("name"))
        for container in workload.each(*POD_CONTAINERS)
        for variable in container.each("env")
        if is_credential_name(variable.get("name").string() or "")
        and _holds_value(variable.get("value"))
    ]
    return _verdict(
        workload,
        names,
        f"{POD_CONTAINER_ATTRIBUTE}.env",
        "anyone allowed to read the workload's spec",
    )


def _verdict(resource: Resource, names: list[str], attribute: str, readers: str) -> Result:
    if not names:
        return passed(
            resource, "no credential is passed as a plain environment variable", attribute
        )
    return failed(
        resource,
        f"{join_names(names)} is passed as a plain environment variable: {readers}, and "
        "anyone with the Terraform state, can read it",
        attribute,
    )
