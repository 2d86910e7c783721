"""Generate a realistic, deterministic `terraform show -json` plan of N resources.

Mixed ordinary and AI resources across the four targets, spread over modules (some with
count/for_each instances), with values unknown until apply, sensitive values, planned_values,
prior_state-free creates and a configuration section with expression references, so the
parser does the same work it does on a real plan of that size.

    python benchmarks/generate_plan.py 10000 benchmarks/.data/plan-10000.json
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

SEED = 20261128
MODULE_SIZE = 50

ORDINARY = (
    (
        "aws_s3_bucket",
        lambda r, i: {
            "bucket": f"bucket-{i}",
            "force_destroy": False,
            "tags": {"team": r.choice(["a", "b", "c"]), "n": str(i)},
        },
        {"arn": True, "id": True, "bucket_domain_name": True},
    ),
    (
        "aws_iam_role",
        lambda r, i: {
            "name": f"role-{i}",
            "assume_role_policy": json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "sts:AssumeRole",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                        }
                    ],
                }
            ),
            "max_session_duration": 3600,
            "path": "/",
        },
        {"arn": True, "id": True, "unique_id": True},
    ),
    (
        "aws_instance",
        lambda r, i: {
            "ami": f"ami-{i:08x}",
            "instance_type": r.choice(["t3.micro", "m5.large", "c6i.xlarge"]),
            "monitoring": True,
            "metadata_options": [{"http_tokens": "required", "http_endpoint": "enabled"}],
            "root_block_device": [{"encrypted": True, "volume_size": 20}],
        },
        {"id": True, "private_ip": True, "arn": True, "public_ip": True},
    ),
    (
        "azurerm_storage_account",
        lambda r, i: {
            "name": f"st{i}",
            "location": "westeurope",
            "account_tier": "Standard",
            "account_replication_type": "LRS",
            "public_network_access_enabled": False,
        },
        {"id": True, "primary_blob_endpoint": True, "primary_access_key": True},
    ),
    (
        "google_storage_bucket",
        lambda r, i: {
            "name": f"gcs-{i}",
            "location": "EU",
            "uniform_bucket_level_access": True,
            "public_access_prevention": "enforced",
        },
        {"id": True, "self_link": True, "url": True},
    ),
)

AI = (
    (
        "aws_bedrock_guardrail",
        lambda r, i: {
            "name": f"guard-{i}",
            "blocked_input_messaging": "no",
            "blocked_outputs_messaging": "no",
            "content_policy_config": [
                {
                    "filters_config": [
                        {
                            "type": t,
                            "input_strength": r.choice(["LOW", "HIGH"]),
                            "output_strength": "HIGH",
                        }
                        for t in ("HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT")
                    ]
                    + [
                        {
                            "type": "PROMPT_ATTACK",
                            "input_strength": r.choice(["LOW", "MEDIUM", "HIGH"]),
                            "output_strength": "NONE",
                        }
                    ]
                }
            ],
            "sensitive_information_policy_config": [],
            "kms_key_arn": None,
        },
        {"guardrail_id": True, "guardrail_arn": True, "version": True, "id": True},
    ),
    (
        "aws_bedrockagent_agent",
        lambda r, i: {
            "agent_name": f"agent-{i}",
            "foundation_model": "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "agent_resource_role_arn": f"arn:aws:iam::111122223333:role/agent-{i}",
            "instruction": "You are a helpful assistant for the support team." * 3,
            "customer_encryption_key_arn": None,
        },
        {"agent_id": True, "agent_arn": True, "guardrail_configuration": True, "id": True},
    ),
    (
        "aws_vpc_endpoint",
        lambda r, i: {
            "vpc_id": "vpc-123",
            "service_name": "com.amazonaws.us-east-1.bedrock-runtime",
            "vpc_endpoint_type": "Interface",
            "private_dns_enabled": r.choice([True, False]),
        },
        {"policy": True, "id": True, "arn": True, "dns_entry": True},
    ),
    (
        "azurerm_cognitive_account",
        lambda r, i: {
            "name": f"oai-{i}",
            "kind": "OpenAI",
            "sku_name": "S0",
            "location": "swedencentral",
            "public_network_access_enabled": r.choice([True, False]),
            "local_auth_enabled": True,
            "custom_subdomain_name": f"oai-{i}",
        },
        {"id": True, "endpoint": True, "primary_access_key": True},
    ),
    (
        "azurerm_cognitive_deployment",
        lambda r, i: {
            "name": f"gpt-{i}",
            "model": [{"format": "OpenAI", "name": "gpt-4o", "version": "2024-08-06"}],
            "sku": [{"name": "Standard", "capacity": 10}],
            "version_upgrade_option": "OnceNewDefaultVersionAvailable",
        },
        {"id": True, "cognitive_account_id": True, "rai_policy_name": True},
    ),
    (
        "google_vertex_ai_endpoint",
        lambda r, i: {
            "name": f"ep-{i}",
            "display_name": f"endpoint {i}",
            "location": "europe-west4",
            "network": None,
            "encryption_spec": [],
        },
        {"id": True, "create_time": True, "etag": True},
    ),
    (
        "aws_sagemaker_endpoint_configuration",
        lambda r, i: {
            "name": f"sm-{i}",
            "production_variants": [
                {
                    "variant_name": "main",
                    "instance_type": "ml.g5.xlarge",
                    "initial_instance_count": 1,
                }
            ],
            "data_capture_config": [],
            "kms_key_arn": None,
        },
        {"arn": True, "id": True},
    ),
)


def generate(count: int) -> dict[str, Any]:
    """A plan document with ``count`` resource instances (about 1 in 8 an AI resource)."""
    rng = random.Random(SEED)
    changes: list[dict[str, Any]] = []
    planned: dict[str, dict[str, Any]] = {}
    module_calls: dict[str, Any] = {}
    root_config: list[dict[str, Any]] = []
    for index in range(count):
        module = "" if index < MODULE_SIZE else f"module.svc_{index // MODULE_SIZE}"
        kinds = AI if index % 8 == 0 else ORDINARY
        type_, make, unknown = kinds[(index // 8) % len(kinds)]
        name = f"r{index % MODULE_SIZE}"
        address = f"{module + '.' if module else ''}{type_}.{name}"
        after = make(rng, index)
        after_sensitive: dict[str, Any] = {}
        if "primary_access_key" in unknown:
            after_sensitive["primary_access_key"] = True
        if type_ == "aws_bedrockagent_agent":
            after_sensitive["instruction"] = True
        changes.append(
            {
                "address": address,
                "mode": "managed",
                "type": type_,
                "name": name,
                "provider_name": f"registry.terraform.io/hashicorp/{type_.split('_', 1)[0]}",
                **({"module_address": module} if module else {}),
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": after,
                    "after_unknown": dict(unknown),
                    "before_sensitive": False,
                    "after_sensitive": after_sensitive,
                },
            }
        )
        planned.setdefault(module, {"address": module, "resources": []})["resources"].append(
            {
                "address": address,
                "mode": "managed",
                "type": type_,
                "name": name,
                "provider_name": f"registry.terraform.io/hashicorp/{type_.split('_', 1)[0]}",
                "schema_version": 0,
                "values": after,
                "sensitive_values": after_sensitive,
            }
        )
        config = {
            "address": f"{type_}.{name}",
            "mode": "managed",
            "type": type_,
            "name": name,
            "provider_config_key": type_.split("_", 1)[0],
            "schema_version": 0,
            "expressions": {
                key: {"constant_value": value}
                for key, value in after.items()
                if not isinstance(value, list)
            },
        }
        if type_ == "aws_bedrockagent_agent":
            guard = f"aws_bedrock_guardrail.r{(index - 8) % MODULE_SIZE}"
            config["expressions"]["guardrail_configuration"] = [
                {"guardrail_identifier": {"references": [f"{guard}.guardrail_id", guard]}}
            ]
        if module:
            call = module.split(".", 1)[1]
            module_calls.setdefault(call, {"source": "./modules/svc", "module": {"resources": []}})
            module_calls[call]["module"]["resources"].append(config)
        else:
            root_config.append(config)
    root = planned.pop("", {"resources": []})
    return {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "planned_values": {
            "root_module": {"resources": root["resources"], "child_modules": list(planned.values())}
        },
        "resource_changes": changes,
        "configuration": {
            "provider_config": {},
            "root_module": {
                "resources": root_config,
                "module_calls": module_calls,
                "variables": {"db_password": {"sensitive": True}},
            },
        },
        "variables": {"db_password": {"value": "benchmark-secret-value"}},
        "timestamp": "2026-11-28T00:00:00Z",
        "applyable": True,
        "complete": True,
        "errored": False,
    }


def main() -> None:
    """Write the plan for the size given on the command line."""
    count, path = int(sys.argv[1]), Path(sys.argv[2])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(generate(count)))


if __name__ == "__main__":
    main()
