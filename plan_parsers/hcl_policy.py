"""``data "aws_iam_policy_document"`` with literal statements -> the JSON the provider renders.

The AWS provider computes the document at plan time when its arguments are known, so a plan
shows it; this module does the same for source (same key order, string sets reverse-sorted
and a single item printed alone, as the provider does), so an IAM policy granting
``bedrock:InvokeModel`` on ``*`` through a policy document is caught in HCL too. Documents
that merge other documents (``source_policy_documents``, ``override_policy_documents`` ...)
are left unknown.
"""

from __future__ import annotations

import json
from typing import Any

DEFAULT_VERSION = "2012-10-17"
MERGING_ARGUMENTS = (
    "source_policy_documents",
    "override_policy_documents",
    "source_json",
    "override_json",
)
_LISTS = (
    ("Action", "actions"),
    ("NotAction", "not_actions"),
    ("Resource", "resources"),
    ("NotResource", "not_resources"),
)


def render_policy_document(values: dict[str, Any]) -> dict[str, Any] | None:
    """The policy document of fully known arguments; None when it cannot be rendered."""
    if any(values.get(argument) for argument in MERGING_ARGUMENTS):
        return None
    document: dict[str, Any] = {"Version": values.get("version") or DEFAULT_VERSION}
    if values.get("policy_id"):
        document["Id"] = values["policy_id"]
    statements = []
    for statement in _list(values.get("statement")):
        if not isinstance(statement, dict):
            return None
        statements.append(_statement(statement))
    document["Statement"] = statements
    return document


def pretty(document: dict[str, Any]) -> str:
    """The provider's ``json`` attribute layout (indented)."""
    return json.dumps(document, indent=2, ensure_ascii=False)


def minified(document: dict[str, Any]) -> str:
    """The provider's ``minified_json`` attribute layout."""
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def _statement(statement: dict[str, Any]) -> dict[str, Any]:
    rendered: dict[str, Any] = {}
    if statement.get("sid"):
        rendered["Sid"] = statement["sid"]
    rendered["Effect"] = statement.get("effect") or "Allow"
    for key, argument in _LISTS:
        items = _strings(statement.get(argument))
        if items:
            rendered[key] = _set(items)
    for key, argument in (("Principal", "principals"), ("NotPrincipal", "not_principals")):
        principals = _principals(statement.get(argument))
        if principals is not None:
            rendered[key] = principals
    conditions = _conditions(statement.get("condition"))
    if conditions:
        rendered["Condition"] = conditions
    return rendered


def _principals(blocks: Any) -> Any:
    merged: dict[str, list[str]] = {}
    for block in _list(blocks):
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        identifiers = _strings(block.get("identifiers"))
        if kind == "*" and identifiers == ["*"]:
            return "*"
        if isinstance(kind, str):
            merged.setdefault(kind, []).extend(identifiers)
    if not merged:
        return None
    return {kind: _set(ids) for kind, ids in sorted(merged.items())}


def _conditions(blocks: Any) -> dict[str, dict[str, Any]]:
    conditions: dict[str, dict[str, Any]] = {}
    for block in _list(blocks):
        if not isinstance(block, dict):
            continue
        test, variable = block.get("test"), block.get("variable")
        if not isinstance(test, str) or not isinstance(variable, str):
            continue
        values = _strings(block.get("values"))
        conditions.setdefault(test, {})[variable] = _set(values)
    return conditions


def _set(items: list[str]) -> Any:
    """A string set as the provider prints it: one item alone, else reverse-sorted."""
    unique = sorted(set(items), reverse=True)
    return unique[0] if len(unique) == 1 else unique


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [item for item in _list(value) if isinstance(item, str)]
