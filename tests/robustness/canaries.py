"""Inputs with a distinct canary string in every place a secret can hide.

``CANARIES`` maps a place to its canary; the builders below plant each one exactly where its
name says. A canary is ``canary-<place>-<hex>``, and the hex part alone is searched for too,
so an escaped or partly printed canary is caught as well.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from tests.factories import change, plan_document


def _canary(place: str) -> str:
    return f"canary-{place}-{secrets.token_hex(6)}"


PLACES = (
    # plan JSON
    "after-sensitive",
    "after-sensitive-enum",
    "after-sensitive-model",
    "after-sensitive-map-key",
    "before-sensitive",
    "prior-state",
    "planned-values",
    "resource-drift",
    "output-change",
    "planned-output",
    "variable-default",
    "variable-value",
    "module-variable-default",
    "provider-config",
    "plaintext-env-credential",
    # Terraform source
    "hcl-variable-default",
    "hcl-tfvars",
    "hcl-provider",
    "hcl-sensitive-output",
    # Pulumi: a secret in a preview (the engine's wrapper), and what CrossGuard is handed
    "pulumi-secret",
    "pulumi-secret-model",
    "crossguard-secret",
    "crossguard-env-credential",
    # attestation evidence links
    "link-userinfo",
    "link-query",
    "link-fragment",
    "link-invalid",
    # the environment and the checks
    "github-token",
    "gitlab-token",
    "check-exception",
)
CANARIES = {place: _canary(place) for place in PLACES}


def leaks(text: str) -> list[str]:
    """The places whose canary (or its random part) shows in ``text``."""
    return [
        place
        for place, canary in CANARIES.items()
        if canary in text or canary.rsplit("-", 1)[1] in text
    ]


def plan() -> dict[str, Any]:
    """A plan with a canary in each plan place; the checks find plenty to report on it."""
    c = CANARIES
    document = plan_document(
        change(
            "aws_bedrock_guardrail",
            "weak",
            after={
                "name": "weak",
                "blocked_input_messaging": c["after-sensitive"],
                "content_policy_config": [
                    {
                        "filters_config": [
                            {
                                "type": "PROMPT_ATTACK",
                                "input_strength": c["after-sensitive-enum"],
                                "output_strength": "NONE",
                            }
                        ]
                    }
                ],
                "tags": {c["after-sensitive-map-key"]: "value"},
            },
            after_sensitive={
                "blocked_input_messaging": True,
                "content_policy_config": [{"filters_config": [{"input_strength": True}]}],
                "tags": True,
            },
        ),
        change(
            "aws_bedrockagent_agent",
            "agent",
            actions=("update",),
            before={"agent_name": "agent", "instruction": c["before-sensitive"]},
            before_sensitive={"instruction": True},
            after={
                "agent_name": "agent",
                "instruction": c["after-sensitive"],
                "foundation_model": c["after-sensitive-model"],
                "guardrail_configuration": [
                    {"guardrail_identifier": "abc", "guardrail_version": "1"}
                ],
            },
            after_sensitive={"instruction": True, "foundation_model": True},
        ),
        change(
            "aws_sagemaker_model",
            "llm",
            after={
                "name": "llm",
                "execution_role_arn": "arn:aws:iam::123456789012:role/sm",
                "primary_container": [
                    {
                        "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:1",
                        "environment": {"HF_TOKEN": c["plaintext-env-credential"]},
                    }
                ],
            },
        ),
        variables={
            "token": {"value": c["variable-value"]},
        },
        output_changes={
            "token": {
                "actions": ["create"],
                "before": None,
                "after": c["output-change"],
                "after_unknown": False,
                "before_sensitive": False,
                "after_sensitive": True,
            }
        },
    )
    document["planned_values"] = {
        "outputs": {"token": {"sensitive": True, "value": c["planned-output"]}},
        "root_module": {
            "resources": [
                {
                    "address": "aws_bedrockagent_agent.agent",
                    "mode": "managed",
                    "type": "aws_bedrockagent_agent",
                    "name": "agent",
                    "values": {"instruction": c["planned-values"]},
                    "sensitive_values": {"instruction": True},
                }
            ]
        },
    }
    document["prior_state"] = {
        "format_version": "1.0",
        "values": {
            "root_module": {
                "resources": [
                    {
                        "address": "aws_bedrock_guardrail.old",
                        "mode": "managed",
                        "type": "aws_bedrock_guardrail",
                        "name": "old",
                        "values": {"name": "old", "blocked_outputs_messaging": c["prior-state"]},
                        "sensitive_values": {"blocked_outputs_messaging": True},
                    }
                ]
            }
        },
    }
    document["resource_drift"] = [
        change(
            "aws_bedrockagent_agent",
            "agent",
            actions=("update",),
            before={"instruction": c["resource-drift"]},
            before_sensitive={"instruction": True},
            after={"instruction": c["resource-drift"]},
            after_sensitive={"instruction": True},
        )
    ]
    document["configuration"] = {
        "provider_config": {
            "aws": {
                "name": "aws",
                "full_name": "registry.terraform.io/hashicorp/aws",
                "expressions": {
                    "region": {"constant_value": "us-east-1"},
                    "secret_key": {"constant_value": c["provider-config"]},
                },
            }
        },
        "root_module": {
            "variables": {"token": {"sensitive": True, "default": c["variable-default"]}},
            "module_calls": {
                "inner": {
                    "source": "./inner",
                    "module": {
                        "variables": {
                            "key": {"sensitive": True, "default": c["module-variable-default"]}
                        }
                    },
                }
            },
        },
    }
    return document


def write_plan(directory: Path) -> Path:
    """The canary plan as ``plan.json`` in ``directory``."""
    path = directory / "plan.json"
    path.write_text(json.dumps(plan()), encoding="utf-8")
    return path


def write_source(directory: Path) -> Path:
    """A Terraform module with a canary in each source place."""
    c = CANARIES
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "main.tf").write_text(
        f"""
provider "aws" {{
  region     = "us-east-1"
  access_key = "AKIAEXAMPLE"
  secret_key = "{c["hcl-provider"]}"
}}

variable "token" {{
  type      = string
  sensitive = true
  default   = "{c["hcl-variable-default"]}"
}}

variable "api_key" {{
  type      = string
  sensitive = true
}}

resource "aws_bedrock_guardrail" "weak" {{
  name                      = "weak"
  blocked_input_messaging   = var.token
  blocked_outputs_messaging = "key: ${{var.api_key}}"
  content_policy_config {{
    filters_config {{
      type            = "PROMPT_ATTACK"
      input_strength  = var.token
      output_strength = "NONE"
    }}
  }}
}}

resource "aws_bedrockagent_agent" "agent" {{
  agent_name       = "agent"
  instruction      = "You are helpful. ${{var.api_key}}"
  foundation_model = var.token
}}

output "leak" {{
  value     = "{c["hcl-sensitive-output"]}"
  sensitive = true
}}
""",
        encoding="utf-8",
    )
    (directory / "terraform.tfvars").write_text(
        f'api_key = "{c["hcl-tfvars"]}"\n', encoding="utf-8"
    )
    return directory


def write_attestations(directory: Path) -> Path:
    """An attestation file whose evidence links carry tokens."""
    c = CANARIES
    path = directory / "attestations.yaml"
    links = [
        f"https://ci-bot:{c['link-userinfo']}@wiki.example.com/red-team",
        f"https://wiki.example.com/report?token={c['link-query']}&x=1",
        f"https://wiki.example.com/report#access_token={c['link-fragment']}",
        f"https://[wiki.example.com/bad?token={c['link-invalid']}",
    ]
    path.write_text(
        "schema_version: 1\nattestations:\n"
        "  - control: AI-SEC-002\n    target: aws_bedrock\n"
        "    statement: red-teamed for prompt injection\n"
        "    evidence:\n" + "".join(f"      - {json.dumps(link)}\n" for link in links) + ""
        "    owner: product-security\n    date: 2026-11-01\n    expires: 2027-05-01\n",
        encoding="utf-8",
    )
    return path


def _secret(value: str) -> dict[str, str]:
    """A value as the Pulumi engine writes a secret whose plaintext it still has."""
    from plan_parsers.pulumi_types import SECRET_SIG, SIG_KEY

    return {SIG_KEY: SECRET_SIG, "value": value}


def preview() -> dict[str, Any]:
    """The insecure Bedrock example preview with secrets in the guardrail and the agents."""
    path = Path(__file__).resolve().parents[2] / "examples/pulumi/bedrock-insecure/preview.json"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for step in document["steps"]:
        inputs = step.get("newState", {}).get("inputs", {})
        if "blockedInputMessaging" in inputs:
            inputs["blockedInputMessaging"] = _secret(CANARIES["pulumi-secret"])
        if "instruction" in inputs:
            inputs["instruction"] = _secret(CANARIES["pulumi-secret"])
            inputs["foundationModel"] = _secret(CANARIES["pulumi-secret-model"])
    return document


def write_preview(directory: Path) -> Path:
    """The canary preview as ``preview.json`` in ``directory``."""
    path = directory / "preview.json"
    path.write_text(json.dumps(preview()), encoding="utf-8")
    return path


def stack() -> list[Any]:
    """The canary preview's resources as the CrossGuard SDK hands them to the pack: secrets
    unwrapped and marked (``SecretText``), and a credential in a plain environment variable."""
    from plan_parsers.pulumi_resources import PulumiResource
    from srm_iac.pulumi_pack.resources import mark_secret

    resources = []
    for step in preview()["steps"]:
        state = step.get("newState", {})
        inputs = dict(state.get("inputs", {}))
        for key, value in inputs.items():
            if isinstance(value, dict) and "value" in value and len(value) == 2:
                inputs[key] = mark_secret(CANARIES["crossguard-secret"])
        if state.get("type") == "aws:lambda/function:Function":
            inputs["environment"] = {
                "variables": {"OPENAI_API_KEY": CANARIES["crossguard-env-credential"]}
            }
        resources.append(
            PulumiResource(
                urn=state["urn"],
                type=state["type"],
                properties=inputs,
                custom=state.get("custom", True),
            )
        )
    return resources
