"""AI-SEC-010 on Vertex AI: the identity an Agent Engine (reasoning engine) runs as."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, is_set

AGENT_ENGINE = "google_vertex_ai_reasoning_engine"
SERVICE_ACCOUNTS = ("google_service_account",)
ACCOUNT = "spec.service_account"


def default_identity(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-021: Agent Engine running as the shared Reasoning Engine Service Agent."""
    for engine in context.inventory.of_type(AGENT_ENGINE):
        yield _identity_verdict(context, engine)


def _identity_verdict(context: CheckContext, engine: Resource) -> Result:
    spec = engine.at("spec")
    identity = spec.get("identity_type")
    account = spec.get("service_account")
    if enum_value(identity) == "AGENT_IDENTITY":
        return passed(engine, "runs with its own agent identity", "spec.identity_type")
    if is_set(account):
        return passed(engine, f"runs as service account {account.display()}", ACCOUNT)
    linked = context.inventory.referenced(engine, ACCOUNT, *SERVICE_ACCOUNTS)
    if account.is_unknown and linked:
        return passed(engine, f"runs as {linked[0].address}", ACCOUNT)
    declared = engine.sets("spec") is not False
    if declared and (identity.is_unknown or account.is_unknown):
        return unknown(engine, "the agent's identity is only known after apply", ACCOUNT)
    return failed(
        engine,
        "no spec.service_account and identity_type is not AGENT_IDENTITY: the agent runs as "
        "the Reasoning Engine Service Agent, shared by every agent in the project",
        ACCOUNT,
    )
