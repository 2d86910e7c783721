#!/usr/bin/env python3
"""Write examples/pulumi/<example>/ from examples/terraform/<example>/: the same infrastructure
as a Python Pulumi program, and the ``pulumi preview --json`` digest that program produces.

No Pulumi CLI can run here, so the digest is derived from the Terraform plan of the same
infrastructure, following the formats in ``../shared/reference/crossguard.md`` (section 7):
one ``create`` step per resource (no ``--show-sames``), the default provider step and the
stack step; ``newState.inputs`` with camelCase names, MaxItems=1 blocks as objects, repeated
blocks pluralised, provider defaults listed in ``__defaults``; values known only after apply
as the engine's unknown sentinel; secrets as ``"[secret]"``; ``propertyDependencies`` and
``dependencies`` from the plan's references; ``sourcePosition`` pointing into the program.

Usage: scripts/pulumi_example.py bedrock-insecure [...]   (default: every Terraform example)
"""

from __future__ import annotations

import json
import keyword
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from plan_parsers.pulumi_tables import PLURAL_NAMES  # noqa: E402
from plan_parsers.pulumi_types import UNKNOWN_STRING  # noqa: E402

PROJECT = {
    "bedrock": "support-assistant",
    "azure-openai": "chat",
    "vertex-ai": "vertex-chat",
    "self-hosted": "model-serving",
}
STACK = "dev"
PROVIDER_VERSIONS = {"aws": "7.12.0", "azure": "6.40.1", "gcp": "9.6.0"}
PYTHON_PACKAGES = {"aws": "pulumi-aws", "azure": "pulumi-azure", "gcp": "pulumi-gcp"}

TOKENS: dict[str, str] = {
    "aws_bedrock_guardrail": "aws:bedrock/guardrail:Guardrail",
    "aws_bedrock_guardrail_version": "aws:bedrock/guardrailVersion:GuardrailVersion",
    "aws_bedrock_model_invocation_logging_configuration": (
        "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration"
    ),
    "aws_bedrockagent_agent": "aws:bedrock/agentAgent:AgentAgent",
    "aws_bedrockagent_agent_action_group": (
        "aws:bedrock/agentAgentActionGroup:AgentAgentActionGroup"
    ),
    "aws_bedrockagent_data_source": "aws:bedrock/agentDataSource:AgentDataSource",
    "aws_bedrockagent_knowledge_base": "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase",
    "aws_budgets_budget": "aws:budgets/budget:Budget",
    "aws_ecr_repository": "aws:ecr/repository:Repository",
    "aws_eks_cluster": "aws:eks/cluster:Cluster",
    "aws_eks_node_group": "aws:eks/nodeGroup:NodeGroup",
    "aws_instance": "aws:ec2/instance:Instance",
    "aws_sagemaker_endpoint": "aws:sagemaker/endpoint:Endpoint",
    "aws_sagemaker_endpoint_configuration": (
        "aws:sagemaker/endpointConfiguration:EndpointConfiguration"
    ),
    "aws_sagemaker_model": "aws:sagemaker/model:Model",
    "aws_sagemaker_notebook_instance": "aws:sagemaker/notebookInstance:NotebookInstance",
    "aws_secretsmanager_secret": "aws:secretsmanager/secret:Secret",
    "aws_secretsmanager_secret_version": "aws:secretsmanager/secretVersion:SecretVersion",
    "aws_iam_role": "aws:iam/role:Role",
    "aws_iam_role_policy": "aws:iam/rolePolicy:RolePolicy",
    "aws_iam_role_policy_attachment": "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws_kms_key": "aws:kms/key:Key",
    "aws_lambda_function": "aws:lambda/function:Function",
    "aws_lambda_permission": "aws:lambda/permission:Permission",
    "aws_s3_bucket": "aws:s3/bucket:Bucket",
    "aws_s3_bucket_policy": "aws:s3/bucketPolicy:BucketPolicy",
    "aws_s3_bucket_public_access_block": "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws_s3_bucket_server_side_encryption_configuration": (
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
    ),
    "aws_security_group": "aws:ec2/securityGroup:SecurityGroup",
    "aws_subnet": "aws:ec2/subnet:Subnet",
    "aws_vpc": "aws:ec2/vpc:Vpc",
    "aws_vpc_endpoint": "aws:ec2/vpcEndpoint:VpcEndpoint",
    "azurerm_cognitive_account": "azure:cognitive/account:Account",
    "azurerm_cognitive_account_rai_policy": "azure:cognitive/accountRaiPolicy:AccountRaiPolicy",
    "azurerm_cognitive_deployment": "azure:cognitive/deployment:Deployment",
    "azurerm_consumption_budget_resource_group": (
        "azure:consumption/budgetResourceGroup:BudgetResourceGroup"
    ),
    "azurerm_key_vault_key": "azure:keyvault/key:Key",
    "azurerm_monitor_diagnostic_setting": "azure:monitoring/diagnosticSetting:DiagnosticSetting",
    "azurerm_private_endpoint": "azure:privatelink/endpoint:Endpoint",
    "azurerm_resource_group": "azure:core/resourceGroup:ResourceGroup",
    "azurerm_security_center_subscription_pricing": (
        "azure:securitycenter/subscriptionPricing:SubscriptionPricing"
    ),
    "google_access_context_manager_service_perimeter": (
        "gcp:accesscontextmanager/servicePerimeter:ServicePerimeter"
    ),
    "google_bigquery_dataset": "gcp:bigquery/dataset:Dataset",
    "google_kms_crypto_key": "gcp:kms/cryptoKey:CryptoKey",
    "google_kms_crypto_key_iam_member": "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
    "google_kms_key_ring": "gcp:kms/keyRing:KeyRing",
    "google_model_armor_floorsetting": "gcp:modelarmor/floorsetting:Floorsetting",
    "google_model_armor_template": "gcp:modelarmor/template:Template",
    "google_project_iam_audit_config": "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    "google_project_iam_member": "gcp:projects/iAMMember:IAMMember",
    "google_project_service": "gcp:projects/service:Service",
    "google_secret_manager_secret": "gcp:secretmanager/secret:Secret",
    "google_secret_manager_secret_iam_member": "gcp:secretmanager/secretIamMember:SecretIamMember",
    "google_secret_manager_secret_version": "gcp:secretmanager/secretVersion:SecretVersion",
    "google_service_account": "gcp:serviceaccount/account:Account",
    "google_vertex_ai_dataset": "gcp:vertex/aiDataset:AiDataset",
    "google_vertex_ai_endpoint": "gcp:vertex/aiEndpoint:AiEndpoint",
    "google_vertex_ai_endpoint_iam_member": "gcp:vertex/aiEndpointIamMember:AiEndpointIamMember",
    "google_vertex_ai_endpoint_with_model_garden_deployment": (
        "gcp:vertex/aiEndpointWithModelGardenDeployment:AiEndpointWithModelGardenDeployment"
    ),
    "google_vertex_ai_index_endpoint": "gcp:vertex/aiIndexEndpoint:AiIndexEndpoint",
    "google_vertex_ai_rag_corpus": "gcp:vertex/aiRagCorpus:AiRagCorpus",
    "google_vertex_ai_reasoning_engine": "gcp:vertex/aiReasoningEngine:AiReasoningEngine",
    "google_vertex_ai_reasoning_engine_iam_member": (
        "gcp:vertex/aiReasoningEngineIamMember:AiReasoningEngineIamMember"
    ),
}
"""Terraform type -> Pulumi type token of the bridged provider."""

REPEATED = {snake: camel for camel, snake in PLURAL_NAMES.items()} | {
    "rule": "rules",
    "statement": "statements",
    "parameters": "parameters",
    "functions": "functions",
    "rai_filters": "raiFilters",
    "audit_log_config": "auditLogConfigs",
    "enabled_log": "enabledLogs",
    "content_filter": "contentFilters",
    "notification": "notifications",
    "cost_filter": "costFilters",
    "secret_env": "secretEnvs",
    "env": "envs",
}
"""Repeated blocks (arrays in Pulumi) and their Pulumi names; other blocks are MaxItems=1."""

MAPS = {"tags", "labels", "variables", "environment_variables", "annotations", "user_labels"}
"""Map attributes: their keys are data, kept as they are."""

SKIPPED = {"id", "arn", "tags_all", "timeouts", "terraform_labels", "effective_labels"}

EXPRESSIONS: dict[tuple[str, str, str], str] = {
    (
        "bedrock-hardened",
        "aws_s3_bucket_policy.invocation_logs",
        "policy",
    ): """invocation_logs_s3_bucket.arn.apply(
        lambda arn: json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "BedrockInvocationLogs",
                        "Effect": "Allow",
                        "Principal": {"Service": "bedrock.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": f"{arn}/AWSLogs/123456789012/BedrockModelInvocationLogs/*",
                        "Condition": {
                            "StringEquals": {"aws:SourceAccount": "123456789012"},
                            "ArnLike": {
                                "aws:SourceArn": "arn:aws:bedrock:us-east-1:123456789012:*"
                            },
                        },
                    }
                ],
            }
        )
    )""",
}
"""Attributes built from references with templates, which a plan cannot show: written by hand."""


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def snake_of(camel_name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", camel_name).lower()


def plural(name: str) -> str:
    """The Pulumi name of a repeated block."""
    if name in REPEATED:
        return REPEATED[name]
    word = camel(name)
    if word.endswith("s"):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def is_block_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


class Example:
    """One Terraform example and the Pulumi example written from it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.source = REPO / "examples" / "terraform" / name
        self.target = REPO / "examples" / "pulumi" / name
        self.plan = json.loads((self.source / "plan.json").read_text())
        self.package = {"aws": "aws", "azurerm": "azure", "google": "gcp"}[
            next(iter(self.plan["configuration"]["provider_config"]))
        ]
        self.project = PROJECT[name.rsplit("-", 1)[0]]
        self.stack_urn = (
            f"urn:pulumi:{STACK}::{self.project}::pulumi:pulumi:Stack::{self.project}-{STACK}"
        )
        version = PROVIDER_VERSIONS[self.package]
        self.provider_urn = (
            f"urn:pulumi:{STACK}::{self.project}::pulumi:providers:{self.package}::"
            f"default_{version.replace('.', '_')}"
        )
        self.config = {
            r["address"]: r for r in self.plan["configuration"]["root_module"]["resources"]
        }
        self.changes = [
            rc
            for rc in self.plan["resource_changes"]
            if rc["mode"] == "managed" and "delete" not in rc["change"]["actions"]
        ]
        self.changes = self.ordered(self.changes)
        names: dict[str, int] = {}
        for rc in self.changes:
            names[self.logical(rc)] = names.get(self.logical(rc), 0) + 1
        self.variables = {
            rc["address"]: self.variable(rc, names[self.logical(rc)] > 1) for rc in self.changes
        }

    def ordered(self, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Plan order, moved so every resource comes after the resources it references."""
        done: list[dict[str, Any]] = []
        visiting: set[str] = set()

        def visit(rc: dict[str, Any]) -> None:
            if rc in done or rc["address"] in visiting:
                return
            visiting.add(rc["address"])
            config = self.config.get(rc["address"].split("[")[0], {})
            for target, _ in self.resource_refs(config.get("expressions")):
                visit(target)
            for ref in config.get("depends_on", []):
                target = self.by_base(ref)
                if target is not None:
                    visit(target)
            done.append(rc)

        for rc in changes:
            visit(rc)
        return done

    @staticmethod
    def logical(rc: dict[str, Any]) -> str:
        index = rc.get("index")
        return rc["name"] if index is None else f"{rc['name']}-{index}"

    def variable(self, rc: dict[str, Any], ambiguous: bool) -> str:
        base = re.sub(r"\W", "_", self.logical(rc))
        if ambiguous:
            base += "_" + rc["type"].split("_", 1)[1]
        return base + "_" if keyword.iskeyword(base) or base in {"json", "pulumi"} else base

    def urn(self, rc: dict[str, Any]) -> str:
        return f"urn:pulumi:{STACK}::{self.project}::{TOKENS[rc['type']]}::{self.logical(rc)}"

    def by_base(self, address: str) -> dict[str, Any] | None:
        return next((rc for rc in self.changes if rc["address"].split("[")[0] == address), None)

    # -- references ----------------------------------------------------------------------------

    def resource_refs(self, expression: Any) -> list[tuple[dict[str, Any], str]]:
        """(resource change, attribute) for each ``type.name.attr`` reference, in order."""
        found: list[tuple[dict[str, Any], str]] = []
        stack = [expression]
        while stack:
            node = stack.pop(0)
            if isinstance(node, dict):
                for ref in node.get("references", []):
                    parts = ref.split(".")
                    if len(parts) >= 3 and parts[0] not in ("local", "var", "data"):
                        rc = self.by_base(".".join(parts[:2]))
                        if rc is not None and (rc, parts[2]) not in found:
                            found.append((rc, parts[2]))
                stack.extend(v for k, v in node.items() if k != "references")
            elif isinstance(node, list):
                stack.extend(node)
        return found

    def single_reference(self, expression: Any) -> str:
        """``var.attr`` when the expression is exactly one resource attribute."""
        if not isinstance(expression, dict) or "references" not in expression:
            return ""
        refs = expression["references"]
        if len(refs) != 2 or not refs[0].startswith(refs[1] + "."):
            return ""
        found = self.resource_refs(expression)
        if len(found) != 1:
            return ""
        rc, attribute = found[0]
        return f"{self.variables[rc['address']]}.{attribute}"

    def dependencies(self, rc: dict[str, Any]) -> tuple[dict[str, list[str]], list[str]]:
        config = self.config.get(rc["address"].split("[")[0], {})
        after = rc["change"]["after"] or {}
        by_property: dict[str, list[str]] = {}
        for attribute, expression in (config.get("expressions") or {}).items():
            urns = list(dict.fromkeys(self.urn(t) for t, _ in self.resource_refs(expression)))
            if urns:
                by_property[self.input_name(attribute, after.get(attribute))] = urns
        explicit = [
            self.urn(t)
            for ref in config.get("depends_on", [])
            if (t := self.by_base(ref)) is not None
        ]
        every = list(dict.fromkeys([*(u for us in by_property.values() for u in us), *explicit]))
        return by_property, every

    # -- inputs --------------------------------------------------------------------------------

    def input_name(self, attribute: str, value: Any) -> str:
        if is_block_list(value) and (len(value) > 1 or attribute in REPEATED):
            return plural(attribute)
        return camel(attribute)

    def inputs(self, rc: dict[str, Any]) -> dict[str, Any]:
        change = rc["change"]
        after, unknown = change["after"] or {}, change["after_unknown"] or {}
        sensitive = change["after_sensitive"] or {}
        declared = set(self.config.get(rc["address"].split("[")[0], {}).get("expressions") or {})
        inputs: dict[str, Any] = {}
        defaults: list[str] = []
        for attribute in sorted(set(after) | set(unknown)):
            value = after.get(attribute)
            if attribute in SKIPPED and attribute not in declared:
                continue
            if attribute not in declared and (
                unknown.get(attribute) is True or value in (None, [], {}, "")
            ):
                continue
            name = self.input_name(attribute, value)
            expression = (
                self.config.get(rc["address"].split("[")[0], {}).get("expressions") or {}
            ).get(attribute)
            inputs[name] = self.wire(
                attribute, value, unknown.get(attribute), sensitive.get(attribute), expression
            )
            if attribute not in declared:
                defaults.append(name)
        return {"__defaults": sorted(defaults), **inputs} if defaults else inputs

    def wire(
        self, attribute: str, value: Any, unknown: Any, sensitive: Any, expression: Any = None
    ) -> Any:
        if sensitive is True:
            return "[secret]"
        if unknown is True:
            return UNKNOWN_STRING
        if is_block_list(value):
            items = [
                self.block(item, _at(unknown, i), _at(sensitive, i), _at(expression, i))
                for i, item in enumerate(value)
            ]
            if len(value) > 1 or attribute in REPEATED:
                return items
            return items[0]
        if isinstance(value, list):
            return [
                self.wire(attribute, item, _at(unknown, i), _at(sensitive, i))
                for i, item in enumerate(value)
            ]
        if isinstance(value, dict) and (attribute in MAPS or not all(map(_snake_name, value))):
            return {
                key: self.wire(key, item, _at(unknown, key), _at(sensitive, key))
                for key, item in value.items()
                if item is not None or _at(unknown, key) is True
            }
        if isinstance(value, dict):
            return self.block(value, unknown, sensitive, expression)
        return value

    def block(
        self, value: dict[str, Any], unknown: Any, sensitive: Any, expression: Any
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for attribute in sorted(set(value) | set(unknown if isinstance(unknown, dict) else {})):
            item = value.get(attribute)
            item_unknown = _at(unknown, attribute)
            if item in (None, [], {}) and item_unknown is not True:
                continue
            if item_unknown is True and not _declares(expression, attribute):
                continue
            out[self.input_name(attribute, item)] = self.wire(
                attribute, item, item_unknown, _at(sensitive, attribute), _at(expression, attribute)
            )
        return out

    # -- program -------------------------------------------------------------------------------

    def python(
        self,
        value: Any,
        expression: Any,
        unknown: Any,
        sensitive: Any,
        indent: int,
        *,
        repeated: bool = False,
        in_block: bool = True,
    ) -> str:
        """``value`` (with its masks and configuration expression) as Python source."""
        pad = " " * indent
        if sensitive is True:
            return f"pulumi.Output.secret({self.python(value, None, None, None, indent)})"
        if unknown is True:
            refs = self.resource_refs(expression)
            if refs:
                rc, attribute = refs[0]
                return f"{self.variables[rc['address']]}.{attribute}"
            raise SystemExit(f"{self.name}: cannot write an expression for {expression}")
        reference = self.single_reference(expression)
        if reference and not isinstance(value, list | dict):
            return reference
        if is_block_list(value):
            items = [
                self.python(
                    item,
                    _at(expression, i),
                    _at(unknown, i),
                    _at(sensitive, i),
                    indent,
                    in_block=in_block,
                )
                for i, item in enumerate(value)
            ]
            single = len(items) == 1 and not repeated and in_block
            return items[0] if single else "[" + ", ".join(items) + "]"
        if isinstance(value, list) and isinstance(unknown, list) and any(unknown):
            refs = self.resource_refs(expression)
            parts = []
            for i, item in enumerate(value):
                if _at(unknown, i) is True and i < len(refs):
                    parts.append(f"{self.variables[refs[i][0]['address']]}.{refs[i][1]}")
                else:
                    parts.append(self.python(item, None, None, None, indent))
            return "[" + ", ".join(parts) + "]"
        if isinstance(value, dict):
            lines = []
            for key in sorted(set(value) | set(unknown if isinstance(unknown, dict) else {})):
                item = value.get(key)
                if item in (None, [], {}) and _at(unknown, key) is not True:
                    continue
                if _at(unknown, key) is True and not _declares(expression, key):
                    continue
                name = snake_of(self.input_name(key, item)) if in_block else key
                rendered = self.python(
                    item,
                    _at(expression, key),
                    _at(unknown, key),
                    _at(sensitive, key),
                    indent + 4,
                    repeated=is_block_list(item) and (len(item) > 1 or key in REPEATED),
                    in_block=in_block
                    and key not in MAPS
                    and not (isinstance(item, dict) and not all(map(_snake_name, item))),
                )
                lines.append(f'{pad}    "{name}": {rendered},')
            return "{\n" + "\n".join(lines) + f"\n{pad}}}" if lines else "{}"
        if isinstance(value, str) and value[:1] in "{[":
            try:
                parsed = json.loads(value)
            except ValueError:
                parsed = None
            if isinstance(parsed, dict):
                return (
                    f"json.dumps({self.python(parsed, None, None, None, indent, in_block=False)})"
                )
        return json.dumps(value) if isinstance(value, str) else repr(value)

    def program(self) -> tuple[str, dict[str, int]]:
        module = f"pulumi_{self.package}"
        lines = [
            f'"""The Pulumi twin of examples/terraform/{self.name}/main.tf.',
            "",
            *self.intro(),
            "",
            "Same resources, logical names and settings; preview.json beside this file is what",
            "`pulumi preview --json` shows for it (srm-iac check preview.json).",
            '"""',
            "",
            "import json",
            "",
            "import pulumi",
            f"import {module} as {self.package}",
            "",
        ]
        positions: dict[str, int] = {}
        for rc in self.changes:
            token = TOKENS[rc["type"]]
            module_name = token.split(":")[1].split("/")[0]
            module_name += "_" if keyword.iskeyword(module_name) else ""
            class_name = token.rsplit(":", 1)[1]
            change = rc["change"]
            after, unknown = change["after"] or {}, change["after_unknown"] or {}
            sensitive = change["after_sensitive"] or {}
            config = self.config.get(rc["address"].split("[")[0], {})
            expressions = config.get("expressions") or {}
            variable = self.variables[rc["address"]]
            lines.append("")
            positions[rc["address"]] = len(lines) + 1
            lines.append(f"{variable} = {self.package}.{module_name}.{class_name}(")
            lines.append(f'    "{self.logical(rc)}",')
            for attribute in sorted(expressions):
                if attribute not in after and attribute not in unknown:
                    continue
                key = (self.name, rc["address"], attribute)
                if key in EXPRESSIONS:
                    rendered = EXPRESSIONS[key]
                else:
                    value = after.get(attribute)
                    rendered = self.python(
                        value,
                        expressions[attribute],
                        unknown.get(attribute),
                        sensitive.get(attribute),
                        4,
                        repeated=is_block_list(value) and (len(value) > 1 or attribute in REPEATED),
                        in_block=attribute not in MAPS,
                    )
                lines.append(
                    f"    {snake_of(self.input_name(attribute, after.get(attribute)))}={rendered},"
                )
            depends = [
                self.variables[t["address"]]
                for ref in config.get("depends_on", [])
                if (t := self.by_base(ref)) is not None
            ]
            if depends:
                lines.append(f"    opts=pulumi.ResourceOptions(depends_on=[{', '.join(depends)}]),")
            lines.append(")")
        return "\n".join(lines) + "\n", positions

    def intro(self) -> list[str]:
        lines = []
        for line in (self.source / "main.tf").read_text().splitlines():
            if not line.startswith("#"):
                break
            lines.append(line.lstrip("# ").rstrip())
        return lines

    def title(self) -> str:
        first = (self.source / "main.tf").read_text().splitlines()[0]
        return first.lstrip("# ").rstrip(".")

    def preview(self, positions: dict[str, int]) -> dict[str, Any]:
        steps: list[dict[str, Any]] = [
            {
                "op": "create",
                "urn": self.stack_urn,
                "newState": {
                    "urn": self.stack_urn,
                    "custom": False,
                    "type": "pulumi:pulumi:Stack",
                    "sourcePosition": "project:///__main__.py#1,1",
                },
                "detailedDiff": None,
            },
            {
                "op": "create",
                "urn": self.provider_urn,
                "newState": {
                    "urn": self.provider_urn,
                    "custom": True,
                    "type": f"pulumi:providers:{self.package}",
                    "inputs": self.provider_inputs(),
                    "outputs": self.provider_inputs(),
                },
                "detailedDiff": None,
            },
        ]
        provider_reference = f"{self.provider_urn}::{UNKNOWN_STRING}"
        for rc in self.changes:
            by_property, every = self.dependencies(rc)
            state: dict[str, Any] = {
                "urn": self.urn(rc),
                "custom": True,
                "type": TOKENS[rc["type"]],
                "inputs": self.inputs(rc),
                "parent": self.stack_urn,
                "provider": provider_reference,
                "sourcePosition": f"project:///__main__.py#{positions[rc['address']]},1",
            }
            if every:
                state["dependencies"] = every
            if by_property:
                state["propertyDependencies"] = by_property
            steps.append(
                {
                    "op": "create",
                    "urn": self.urn(rc),
                    "provider": provider_reference,
                    "newState": state,
                    "detailedDiff": None,
                }
            )
        return {
            "config": {f"{k}": v for k, v in self.stack_config().items()},
            "steps": steps,
            "duration": 3200000000 + 97000000 * len(steps),
            "changeSummary": {"create": len(steps)},
        }

    def provider_inputs(self) -> dict[str, Any]:
        config = {k.split(":", 1)[1]: v for k, v in self.stack_config().items()}
        return {**config, "version": PROVIDER_VERSIONS[self.package]}

    def stack_config(self) -> dict[str, str]:
        expressions = next(iter(self.plan["configuration"]["provider_config"].values())).get(
            "expressions", {}
        )
        found = {}
        for key in ("region", "project", "subscription_id"):
            if key in expressions and "constant_value" in expressions[key]:
                found[f"{self.package}:{camel(key)}"] = expressions[key]["constant_value"]
        return found

    def write(self) -> None:
        self.target.mkdir(parents=True, exist_ok=True)
        program, _ = self.program()
        main = self.target / "__main__.py"
        main.write_text(program)
        subprocess.run(["ruff", "format", "--quiet", str(main)], check=True)
        text = main.read_text().splitlines()
        positions = {
            address: next(i for i, line in enumerate(text, 1) if line.startswith(f"{variable} = "))
            for address, variable in self.variables.items()
        }
        (self.target / "preview.json").write_text(
            json.dumps(self.preview(positions), indent=4) + "\n"
        )
        config_lines = "".join(f"    {k}: {v}\n" for k, v in self.stack_config().items())
        (self.target / "Pulumi.yaml").write_text(
            f"name: {self.project}\n"
            "runtime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv\n"
            f"description: {self.title()}\n" + (f"config:\n{config_lines}" if config_lines else "")
        )
        (self.target / "requirements.txt").write_text(
            f"pulumi>=3.204,<4\n{PYTHON_PACKAGES[self.package]}"
            f">={PROVIDER_VERSIONS[self.package]},<{int(PROVIDER_VERSIONS[self.package][0]) + 1}\n"
        )


def _snake_name(key: str) -> bool:
    """A Terraform attribute name (a map's keys are data and may be anything)."""
    return re.fullmatch(r"[a-z][a-z0-9_]*", key) is not None


def _declares(expression: Any, key: str) -> bool:
    """The configuration writes ``key`` in this block (unknown otherwise means computed)."""
    return isinstance(expression, dict) and (key in expression or "references" in expression)


def _at(mask: Any, key: Any) -> Any:
    if isinstance(mask, dict) and isinstance(key, str):
        return mask.get(key)
    if isinstance(mask, list) and isinstance(key, int) and key < len(mask):
        return mask[key]
    return None


def main(argv: list[str]) -> int:
    names = argv or sorted(
        p.name for p in (REPO / "examples" / "terraform").iterdir() if p.is_dir()
    )
    for name in names:
        Example(name).write()
        print(f"examples/pulumi/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
