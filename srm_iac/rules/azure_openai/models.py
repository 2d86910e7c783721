"""AI-SEC-001 on Azure OpenAI: which model each deployment runs, and whether it can change.

Approved-model patterns (``approved_models.azure_openai`` in the config, ``fnmatch`` syntax)
are matched against ``name``, ``name:version``, ``format/name`` and ``format/name:version``
of each deployment's model, e.g. ``gpt-4o`` (any version), ``gpt-4o:2024-08-06`` (that
version only) or ``OpenAI/*`` (every model Azure sells as format OpenAI). A deployment without
a pinned version matches only the patterns without a version.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.enums import Target
from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, missing_approved_list

DEPLOYMENT = "azurerm_cognitive_deployment"
VERSION = ("model", "version")
UPGRADE = "version_upgrade_option"
FOLLOWS_NEW_DEFAULTS = "ONCENEWDEFAULTVERSIONAVAILABLE"


def model_version_floating(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-009: deployment whose model version is unpinned or upgraded automatically."""
    for deployment in context.inventory.of_type(DEPLOYMENT):
        yield _version_verdict(deployment)


def _version_verdict(deployment: Resource) -> Result:
    version, option = deployment.at(*VERSION), deployment.at(UPGRADE)
    problems = []
    if version.is_null:
        problems.append("model.version is not set, so the service picks the default version")
    if enum_value(option) == FOLLOWS_NEW_DEFAULTS:
        problems.append(
            f"{UPGRADE} is OnceNewDefaultVersionAvailable"
            f"{' (the default)' if deployment.sets(UPGRADE) is False else ''}, so the deployment "
            "moves to each new default version without review"
        )
    if problems:
        return failed(
            deployment, "; ".join(problems), "model.version" if version.is_null else UPGRADE
        )
    if version.is_unknown or option.is_unknown:
        return unknown(
            deployment, "the model version or upgrade option is only known after apply", UPGRADE
        )
    return passed(
        deployment,
        f"model version {version.display()} is pinned; {UPGRADE} is {option.display()}",
        "model.version",
    )


def unapproved_model(context: CheckContext) -> Iterator[Result]:
    """SRM-AZ-010: deployment of a model that is not on the approved-model list."""
    missing = missing_approved_list(context, Target.AZURE_OPENAI)
    if missing is not None:
        yield missing
        return
    for deployment in context.inventory.of_type(DEPLOYMENT):
        yield _approval_verdict(context, deployment)


def model_candidates(model_format: str, name: str, version: str | None) -> list[str]:
    """The identifiers an approved-model pattern may match, most specific first."""
    bare = [name, f"{model_format}/{name}"]
    if version is None:
        return bare
    return [f"{name}:{version}", f"{model_format}/{name}:{version}", *bare]


def _approval_verdict(context: CheckContext, deployment: Resource) -> Result:
    attribute = "model"
    model_format, name, version = (
        deployment.at("model", "format"),
        deployment.at("model", "name"),
        deployment.at(*VERSION),
    )
    parts = (model_format, name, version)
    if any(part.is_sensitive for part in parts):
        return unknown(deployment, "the model is marked sensitive and cannot be checked", attribute)
    if model_format.string() is None or name.string() is None:
        return unknown(deployment, "the model is only known after apply", attribute)
    candidates = model_candidates(
        model_format.string() or "", name.string() or "", version.string()
    )
    label = candidates[0] if version.string() else f"{candidates[0]} (version not pinned)"
    if any(context.config.model_approved(Target.AZURE_OPENAI, c) for c in candidates):
        return passed(deployment, f"model {label} is on the approved list", attribute)
    if version.is_unknown:
        return unknown(deployment, "the model version is only known after apply", attribute)
    return failed(deployment, f"model {label} is not on the approved list", attribute)
