"""Terraform source -> Inventory: the same shape as the plan parser, from .tf files alone."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from plan_parsers.hcl_support import HclUnavailableError
from plan_parsers.loader import SourceOptions, load_inventory, read_source
from plan_parsers.terraform_hcl import parse_source
from srm_iac.errors import InputError
from srm_iac.model.enums import Action, InputKind
from srm_iac.model.inventory import Inventory, Resource, SourceLocation
from tests.conftest import FIXTURES

BEDROCK = FIXTURES / "hcl" / "bedrock"
CANARY = "canary-hcl-secret-4b1e"


@pytest.fixture(scope="module")
def source() -> Inventory:
    return parse_source(BEDROCK, base=BEDROCK)


@pytest.fixture(scope="module")
def plan() -> Inventory:
    plan_file = BEDROCK / "plan.json"
    return load_inventory(read_source(str(plan_file)), options=SourceOptions(discover=False))


def by_address(inventory: Inventory) -> dict[str, Resource]:
    return {resource.address: resource for resource in inventory.resources}


def write(directory: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return directory


def test_same_addresses_as_the_plan(source: Inventory, plan: Inventory) -> None:
    assert source.kind is InputKind.TERRAFORM_HCL
    assert sorted(by_address(source)) == sorted(by_address(plan))
    assert {r.action for r in source.resources} == {Action.DECLARED}
    assert {r.origin for r in source.resources} == {"hcl"}


def test_instances_of_count_for_each_and_modules(source: Inventory) -> None:
    resources = by_address(source)
    support = resources['aws_bedrockagent_agent.support["billing"]']
    assert support.index == "billing" and support.name == "support"
    assert support.at("agent_name").string() == "prod-billing"
    assert support.at("instruction").string().startswith("Explain invoices")
    assert resources["aws_iam_policy.invoke_named[1]"].at("name").string() == "invoke-named-1"
    chat = resources["module.chat.aws_bedrock_guardrail.this"]
    assert chat.module == "module.chat" and chat.name == "this"
    assert chat.at("name").string() == "prod-chat"
    assert chat.at("kms_key_arn").is_unknown


def test_locations_are_block_line_ranges(source: Inventory) -> None:
    resources = by_address(source)
    assert resources["aws_bedrock_guardrail.main"].location == SourceLocation("main.tf", 28, 52)
    assert resources['aws_bedrockagent_agent.support["support"]'].location == SourceLocation(
        "main.tf", 55, 66
    )
    assert resources["module.chat.aws_bedrock_guardrail.this"].location == SourceLocation(
        "modules/chat/main.tf", 9, 22
    )
    for resource in source.resources:
        assert resource.location is not None
        lines = (BEDROCK / resource.location.path).read_text().splitlines()
        header = lines[resource.location.start_line - 1]
        assert header.startswith(("resource", "data")) and f'"{resource.name}"' in header


def test_known_and_unknown_values(source: Inventory) -> None:
    guardrail = by_address(source)["aws_bedrock_guardrail.main"]
    assert guardrail.at("name").string() == "prod-guardrail"  # terraform.tfvars over default
    assert guardrail.at("blocked_input_messaging").string() == (
        "Blocked by policy {braces} # not a comment"
    )
    assert guardrail.at("blocked_outputs_messaging").string() == (
        "Blocked by policy.\n} this brace is text\n"
    )
    types = [
        f.get("type").string() for f in guardrail.each("content_policy_config", "filters_config")
    ]
    assert types == ["PROMPT_ATTACK", "HATE"]
    agent = by_address(source)["aws_bedrockagent_agent.chat"]
    assert agent.at("agent_resource_role_arn").is_unknown
    assert agent.at("guardrail_configuration", "guardrail_identifier").is_unknown
    assert agent.at("guardrail_configuration", "guardrail_version").string() == "DRAFT"
    assert agent.at("customer_encryption_key_arn").is_null
    assert agent.sets("customer_encryption_key_arn") is False
    assert agent.sets("guardrail_configuration.guardrail_identifier") is True


def test_references_agree_with_the_plan(source: Inventory, plan: Inventory) -> None:
    planned = by_address(plan)
    for resource in source.resources:
        other = planned[resource.address]
        for attribute in resource.refs:
            assert resource.references(attribute) == other.references(attribute), (
                resource.address,
                attribute,
            )
    chat = by_address(source)["aws_bedrockagent_agent.chat"]
    linked = source.referenced(chat, "guardrail_configuration.guardrail_identifier")
    assert [r.address for r in linked] == ["module.chat.aws_bedrock_guardrail.this"]


def test_policy_documents_and_jsonencode_are_evaluated(source: Inventory, plan: Inventory) -> None:
    resources, planned = by_address(source), by_address(plan)
    document = resources["data.aws_iam_policy_document.invoke"]
    assert document.mode == "data"
    assert (
        document.at("json").string()
        == planned["data.aws_iam_policy_document.invoke"].at("json").string()
    )
    policy = json.loads(resources["aws_iam_role_policy.invoke_any"].at("policy").string() or "")
    assert policy["Statement"][0]["Resource"] == "*"
    named = resources["aws_iam_policy.invoke_named[0]"].at("policy").string()
    assert named == planned["aws_iam_policy.invoke_named[0]"].at("policy").string()


def test_sensitive_variables_are_secrets_and_marked(source: Inventory) -> None:
    assert CANARY in source.secrets
    guardrail = by_address(source)["aws_bedrock_guardrail.main"]
    assert guardrail.at("tags").is_sensitive
    assert guardrail.at("tags", "token").display() == "(sensitive)"
    assert not guardrail.at("name").is_sensitive


def test_suppressions_are_attached_and_bad_ones_reported(source: Inventory) -> None:
    resources = by_address(source)
    (suppression,) = resources['aws_bedrockagent_agent.support["billing"]'].suppressions
    assert suppression.check_id == "SRM-AWS-015"
    assert suppression.reason == "prompts hold no customer data (SEC-123)"
    assert str(suppression.location) == "main.tf:54"
    assert resources["aws_bedrockagent_agent.chat"].suppressions == ()
    assert 'main.tf:68: srm-iac:ignore SRM-AWS-015 has no reason="..."; it is not applied' in (
        source.notes
    )


def test_variable_precedence_and_var_files(tmp_path: Path) -> None:
    root = write(
        tmp_path / "infra",
        {
            "main.tf": 'variable "a" { default = "default" }\nvariable "b" {}\n'
            'variable "c" { default = "default" }\n'
            'resource "aws_s3_bucket" "x" {\n  bucket = "${var.a}-${var.b}-${var.c}"\n}\n',
            "terraform.tfvars": 'a = "tfvars"\nb = "tfvars"\n',
            "z.auto.tfvars": 'b = "auto"\n',
        },
    )
    bucket = parse_source(root).resources[0]
    assert bucket.at("bucket").string() == "tfvars-auto-default"
    extra = write(tmp_path, {"extra.tfvars.json": '{"c": "json"}', "more.tfvars": 'a = "file"'})
    bucket = parse_source(
        root, var_files=[extra / "extra.tfvars.json", extra / "more.tfvars"]
    ).resources[0]
    assert bucket.at("bucket").string() == "file-auto-json"
    with pytest.raises(InputError, match="--var-file .*missing.tfvars: cannot read"):
        parse_source(root, var_files=[tmp_path / "missing.tfvars"])


def test_unknown_count_gives_one_resource_and_a_note(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "main.tf": 'variable "on" {}\n'
            'resource "aws_s3_bucket" "maybe" {\n  count = var.on ? 1 : 0\n}\n'
            'resource "aws_s3_bucket" "none" {\n  count = 0\n}\n'
            'resource "aws_s3_bucket" "keys" {\n  for_each = toset(["b", "a"])\n'
            "  bucket = each.value\n}\n",
        },
    )
    inventory = parse_source(root)
    assert [r.address for r in inventory.resources] == [
        "aws_s3_bucket.maybe",
        'aws_s3_bucket.keys["a"]',
        'aws_s3_bucket.keys["b"]',
    ]
    assert inventory.resources[0].index is None
    assert any(
        "aws_s3_bucket.maybe" in note and "count or for_each" in note for note in inventory.notes
    )


def test_dynamic_blocks_are_unknown(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "main.tf": 'resource "aws_bedrock_guardrail" "g" {\n  content_policy_config {\n'
            '    dynamic "filters_config" {\n      for_each = var.filters\n'
            "      content {\n        type = filters_config.value\n      }\n    }\n  }\n}\n",
        },
    )
    guardrail = parse_source(root).resources[0]
    assert guardrail.at("content_policy_config", "filters_config").is_unknown
    assert guardrail.sets("content_policy_config.filters_config") is True


def test_a_file_that_does_not_parse_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "bad.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "x-%{random_suffix}"\n}\n',
            "good.tf": 'resource "aws_s3_bucket" "g" {\n  bucket = "fine"\n}\n',
        },
    )
    inventory = parse_source(root, base=tmp_path)
    assert [r.address for r in inventory.resources] == ["aws_s3_bucket.g"]
    (error,) = inventory.metadata["parse_errors"]
    assert error.startswith("bad.tf:2:") and "cannot parse this file" in error
    assert error in inventory.notes


def test_module_loops_and_missing_sources_are_notes(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "main.tf": 'module "self" {\n  source = "./"\n}\nmodule "remote" {\n'
            '  source = "terraform-aws-modules/vpc/aws"\n}\nmodule "gone" {\n'
            '  source = "./nowhere"\n}\n',
        },
    )
    notes = " | ".join(parse_source(root).notes)
    assert "a loop" in notes
    assert "remote source not installed" in notes
    assert "source directory not found" in notes


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlinks_out_of_the_tree_are_not_followed(tmp_path: Path) -> None:
    outside = write(
        tmp_path / "outside",
        {"secret.tf": 'resource "aws_s3_bucket" "outside" {}\n', "mod/main.tf": "locals {}\n"},
    )
    root = write(tmp_path / "infra", {"main.tf": 'module "m" {\n  source = "./linked"\n}\n'})
    os.symlink(outside / "secret.tf", root / "linked.tf")
    os.symlink(outside / "mod", root / "linked")
    inventory = parse_source(root)
    assert inventory.resources == []
    notes = " | ".join(inventory.notes)
    assert "linked.tf: symlink to a file outside the scanned directory" in notes
    assert "symlink that leaves the scanned directory" in notes


def test_missing_python_hcl2_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hcl2", None)
    with pytest.raises(HclUnavailableError) as raised:
        parse_source(BEDROCK)
    assert raised.value.diagnostics() == (
        "reading Terraform source needs python-hcl2, which is not installed "
        "(pip install 'srm-iac[hcl]')"
    )


def test_provider_defaults_match_the_plans() -> None:
    from plan_parsers.provider_defaults import PROVIDER_DEFAULTS

    plans = [*(FIXTURES / "checks").glob("*/*/plan.json"), BEDROCK / "plan.json"]
    observed: dict[tuple[str, str], int] = {}
    for plan_file in plans:
        inventory = load_inventory(
            read_source(str(plan_file)), options=SourceOptions(discover=False)
        )
        for resource in inventory.resources:
            for name, default in PROVIDER_DEFAULTS.get(resource.type, {}).items():
                node = resource.at(name)
                if resource.sets(name) is False and node.is_known:
                    assert node.value == default, (plan_file, resource.address, name)
                    observed[(resource.type, name)] = observed.get((resource.type, name), 0) + 1
    expected = {(t, name) for t, names in PROVIDER_DEFAULTS.items() for name in names}
    assert expected - observed.keys() == set()
