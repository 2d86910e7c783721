"""AI-SEC-006 on Vertex AI: IAM grants to allUsers or allAuthenticatedUsers.

Three shapes carry members: ``*_iam_member`` (``member``), ``*_iam_binding`` (``members``) and
``*_iam_policy`` (``policy_data``, a JSON string, often from ``data.google_iam_policy``).
Project-level grants count only for Vertex AI roles (``roles/aiplatform.*``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown

PUBLIC_MEMBERS = {"allusers": "allUsers", "allauthenticatedusers": "allAuthenticatedUsers"}
VERTEX_IAM = re.compile(r"^google_vertex_ai_\w+_iam_(member|binding|policy)$")
PROJECT_IAM = (
    "google_project_iam_member",
    "google_project_iam_binding",
    "google_project_iam_policy",
)
VERTEX_ROLE_PREFIX = "roles/aiplatform."
POLICY_DATA_SOURCE = "google_iam_policy"


@dataclass(frozen=True, slots=True)
class Grant:
    """One role and the members it is granted to."""

    role: str
    """The role (empty when unknown)."""
    members: tuple[str, ...]
    """The members, as written."""


def public_members(members: tuple[str, ...]) -> list[str]:
    """The members that mean everyone (``allUsers``) or every Google account."""
    return sorted({PUBLIC_MEMBERS[m.lower()] for m in members if m.lower() in PUBLIC_MEMBERS})


def parse_policy_data(text: str | None) -> list[Grant] | None:
    """The bindings of a Google IAM policy document; None when it is not one."""
    if text is None:
        return None
    try:
        document: Any = json.loads(text)
    except (ValueError, RecursionError):
        return None
    bindings = document.get("bindings") if isinstance(document, dict) else None
    if not isinstance(bindings, list):
        return [] if isinstance(document, dict) else None
    grants = []
    for binding in bindings:
        if isinstance(binding, dict):
            members = binding.get("members")
            grants.append(
                Grant(
                    role=str(binding.get("role", "")),
                    members=tuple(m for m in members if isinstance(m, str))
                    if isinstance(members, list)
                    else (),
                )
            )
    return grants


def _data_source_grants(context: CheckContext, resource: Resource) -> list[Grant] | None:
    """Grants of a referenced data.google_iam_policy, when the plan has its bindings."""
    for document in context.inventory.referenced(resource, "policy_data", POLICY_DATA_SOURCE):
        if document.at("binding").is_unknown:
            continue
        return [
            Grant(role=b.get("role").string() or "", members=tuple(b.get("members").strings()))
            for b in document.each("binding")
        ]
    return None


def grants_of(context: CheckContext, resource: Resource) -> list[Grant] | None:
    """The grants an IAM resource makes; None when its members are only known after apply."""
    role = resource.at("role").string() or ""
    if resource.type.endswith("_iam_member"):
        member = resource.at("member")
        return None if member.is_unknown else [Grant(role, tuple(member.strings()))]
    if resource.type.endswith("_iam_binding"):
        members = resource.at("members")
        return None if members.is_unknown else [Grant(role, tuple(members.strings()))]
    policy = resource.at("policy_data")
    if policy.is_unknown:
        return _data_source_grants(context, resource)
    return parse_policy_data(policy.string()) or []


def _iam_resources(context: CheckContext) -> list[Resource]:
    vertex = [t for t in sorted(context.inventory.types) if VERTEX_IAM.match(t)]
    return context.inventory.of_type(*vertex, *PROJECT_IAM)


def _relevant(resource: Resource, grants: list[Grant]) -> list[Grant]:
    if not _is_project_grant(resource):
        return grants
    return [g for g in grants if g.role.startswith(VERTEX_ROLE_PREFIX)]


def _member_attribute(resource: Resource) -> str:
    for suffix, attribute in (("_member", "member"), ("_binding", "members")):
        if resource.type.endswith(f"_iam{suffix}"):
            return attribute
    return "policy_data"


def public_access(context: CheckContext) -> Iterator[Result]:
    """SRM-GCP-004: Vertex AI IAM grant to allUsers or allAuthenticatedUsers."""
    for resource in _iam_resources(context):
        attribute = _member_attribute(resource)
        grants = grants_of(context, resource)
        if grants is None:
            role = resource.at("role").string() or ""
            if _is_project_grant(resource) and not role.startswith(VERTEX_ROLE_PREFIX):
                continue
            yield _unknown_members(context, resource, attribute)
            continue
        relevant = _relevant(resource, grants)
        if relevant:
            yield _grant_verdict(resource, relevant, attribute)


def _is_project_grant(resource: Resource) -> bool:
    return resource.type.startswith("google_project_iam")


def _grant_verdict(resource: Resource, grants: list[Grant], attribute: str) -> Result:
    hidden = resource.at(attribute).is_sensitive
    exposed = [(g.role, public_members(g.members)) for g in grants if public_members(g.members)]
    if not exposed:
        roles = sorted({_role(g.role, hidden) for g in grants})
        return passed(resource, f"grants {', '.join(roles)} to named principals only", attribute)
    role, who = exposed[0]
    reach = "on the internet" if "allUsers" in who else "with a Google account"
    return failed(
        resource,
        f"grants {_role(role, hidden)} to {' and '.join(who)}: anyone {reach} can use it",
        attribute,
    )


def _role(role: str, hidden: bool) -> str:
    """A role name fit for a message (roles are identifiers, never secrets, but stay careful)."""
    if hidden or not role:
        return "a role"
    return role if len(role) <= 80 else "a custom role"


def _unknown_members(context: CheckContext, resource: Resource, attribute: str) -> Result:
    """A single member computed from another resource (a service account) is not public; a
    list or a policy document computed at apply time may still hold allUsers."""
    linked = context.inventory.referenced(resource, attribute) if attribute == "member" else []
    if linked:
        return passed(
            resource,
            f"the member is the identity of {linked[0].address}, known after apply (not public)",
            attribute,
        )
    return unknown(resource, "the members are only known after apply", attribute)
