"""A pull request that adds a weak Bedrock guardrail, and the plan srm-iac checks for it.

The plan parser does not know source locations yet, so ``locate`` sets them the way the HCL
enrichment will: the guardrail is declared in ``infra/main.tf`` (a file the pull request adds,
so every line is in the diff) and the agent in ``infra/agent.tf`` (changed far below the
agent's block, so its findings are outside the diff).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from srm_iac.model.inventory import Inventory, SourceLocation
from tests.factories import change, plan_document

SECRET_INSTRUCTION = "password=canary-instruction-51e9"
SECRET_VARIABLE = "canary-variable-77aa"
LOCATIONS = {
    "aws_bedrock_guardrail.weak": SourceLocation("infra/main.tf", 12, 30),
    "aws_bedrockagent_agent.agent": SourceLocation("infra/agent.tf", 1, 15),
}
MAIN_TF_LINES = 40
AGENT_PATCH = (
    '@@ -40,6 +40,7 @@ resource "aws_iam_role" "agent" {\n'
    "   assume_role_policy = data.aws_iam_policy_document.trust.json\n"
    " \n"
    "   tags = {\n"
    '-    team = "ml"\n'
    '+    team = "ml-platform"\n'
    '+    cost = "ai"\n'
    "   }\n"
    " }"
)


def main_tf_patch() -> str:
    added = "\n".join(f"+line {n}" for n in range(1, MAIN_TF_LINES + 1))
    return f"@@ -0,0 +1,{MAIN_TF_LINES} @@\n{added}"


def github_files() -> list[dict[str, Any]]:
    """``GET /pulls/{n}/files`` items."""
    return [
        {
            "sha": "bbcd538c8e72b8c175046e27cc8f907076331401",
            "filename": "infra/main.tf",
            "status": "added",
            "additions": MAIN_TF_LINES,
            "deletions": 0,
            "changes": MAIN_TF_LINES,
            "patch": main_tf_patch(),
        },
        {
            "sha": "a1cd538c8e72b8c175046e27cc8f907076331402",
            "filename": "infra/agent.tf",
            "status": "modified",
            "additions": 2,
            "deletions": 1,
            "changes": 3,
            "patch": AGENT_PATCH,
        },
        {"sha": "c0", "filename": "docs/diagram.png", "status": "added", "changes": 0},
    ]


def gitlab_diffs() -> list[dict[str, Any]]:
    """``GET /merge_requests/{iid}/diffs`` items."""
    return [
        {
            "old_path": "infra/main.tf",
            "new_path": "infra/main.tf",
            "a_mode": "0",
            "b_mode": "100644",
            "new_file": True,
            "renamed_file": False,
            "deleted_file": False,
            "diff": main_tf_patch() + "\n",
        },
        {
            "old_path": "infra/agent.tf",
            "new_path": "infra/agent.tf",
            "a_mode": "100644",
            "b_mode": "100644",
            "new_file": False,
            "renamed_file": False,
            "deleted_file": False,
            "diff": AGENT_PATCH + "\n",
        },
    ]


def plan(*, pii_filter: bool = False) -> dict[str, Any]:
    """A weak guardrail (and, with ``pii_filter``, one finding fixed) and an agent."""
    policy: dict[str, Any] = {}
    if pii_filter:
        policy["sensitive_information_policy_config"] = [
            {"pii_entities_config": [{"type": "EMAIL", "action": "BLOCK"}], "regexes_config": []}
        ]
    document = plan_document(
        change(
            "aws_bedrock_guardrail",
            "weak",
            after={
                "name": "weak",
                "content_policy_config": [
                    {
                        "filters_config": [
                            {
                                "type": "PROMPT_ATTACK",
                                "input_strength": "LOW",
                                "output_strength": "NONE",
                            }
                        ]
                    }
                ],
                **policy,
            },
        ),
        change(
            "aws_bedrockagent_agent",
            "agent",
            after={
                "agent_name": "agent",
                "instruction": SECRET_INSTRUCTION,
                "foundation_model": "anthropic.claude-3-5-sonnet-20240620-v1:0",
                "guardrail_configuration": [
                    {"guardrail_identifier": "abc", "guardrail_version": "1"}
                ],
            },
            after_sensitive={"instruction": True},
        ),
        variables={"token": {"value": SECRET_VARIABLE}},
    )
    document["configuration"] = {"root_module": {"variables": {"token": {"sensitive": True}}}}
    return document


def write_plan(directory: Path, **options: bool) -> Path:
    path = directory / "plan.json"
    path.write_text(json.dumps(plan(**options)))
    return path


def locate(
    monkeypatch: pytest.MonkeyPatch, locations: dict[str, SourceLocation] | None = None
) -> None:
    """Give the plan's resources source locations (default ``LOCATIONS``)."""
    chosen = LOCATIONS if locations is None else locations
    import plan_parsers.loader

    original = plan_parsers.loader.load_inventory

    def load_with_locations(*args: Any, **kwargs: Any) -> Inventory:
        inventory = original(*args, **kwargs)
        for resource in inventory.resources:
            resource.location = chosen.get(resource.address)
        return inventory

    monkeypatch.setattr(plan_parsers.loader, "load_inventory", load_with_locations)
