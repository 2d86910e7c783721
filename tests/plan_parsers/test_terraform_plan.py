"""The Terraform plan parser: actions, modules, unknowns, secrets, references, rejections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plan_parsers.loader import load_inventory, read_source
from plan_parsers.terraform_plan import parse_plan
from srm_iac.errors import InputError, SrmError, UnsupportedFormatError
from srm_iac.model.enums import Action
from srm_iac.model.inventory import Inventory
from tests.factories import change, plan_document


def parse(document: dict[str, Any]) -> Inventory:
    return parse_plan(document, "plan.json")


def load(tmp_path: Path, document: Any) -> Inventory:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(document))
    return load_inventory(read_source(str(path)))


def test_actions_decide_what_is_evidence() -> None:
    inventory = parse(
        plan_document(
            change("aws_s3_bucket", "created"),
            change("aws_s3_bucket", "deleted", actions=("delete",), before={"bucket": "x"}),
            change("aws_s3_bucket", "replaced", actions=("delete", "create")),
            change("aws_s3_bucket", "cbd", actions=("create", "delete")),
            change("aws_s3_bucket", "kept", actions=("no-op",)),
            change("aws_s3_bucket", "forgotten", actions=("forget",)),
            change("aws_s3_bucket", "changed", actions=("update",)),
        )
    )
    actions = {r.name: r.action for r in inventory.resources}
    assert actions == {
        "created": Action.CREATE,
        "replaced": Action.REPLACE,
        "cbd": Action.REPLACE,
        "kept": Action.NO_OP,
        "changed": Action.UPDATE,
    }
    assert inventory.metadata["deleted"] == 2


def test_deposed_objects_are_not_evidence() -> None:
    deposed = change("aws_s3_bucket", "b", actions=("delete",))
    deposed["deposed"] = "00000001"
    inventory = parse(plan_document(change("aws_s3_bucket", "b"), deposed))
    assert [r.address for r in inventory.resources] == ["aws_s3_bucket.b"]


def test_import_is_recognised() -> None:
    imported = change("aws_s3_bucket", "i", actions=("no-op",))
    imported["change"]["importing"] = {"id": "bucket"}
    assert parse(plan_document(imported)).resources[0].action is Action.IMPORT


def test_unknown_values_stay_unknown() -> None:
    inventory = parse(
        plan_document(
            change(
                "aws_vpc_endpoint",
                "e",
                after={"service_name": "com.amazonaws.us-east-1.bedrock-runtime"},
                after_unknown={"policy": True, "subnet_ids": True},
            )
        )
    )
    endpoint = inventory.resources[0]
    assert endpoint.at("policy").is_unknown
    assert endpoint.at("service_name").string() == "com.amazonaws.us-east-1.bedrock-runtime"


def test_modules_and_instance_keys() -> None:
    inventory = parse(
        plan_document(
            change("aws_s3_bucket", "b", module='module.a["x.y"].module.b', index=0),
            change("aws_vpc_endpoint", "e", index="bedrock-runtime"),
        )
    )
    by_address = {r.address: r for r in inventory.resources}
    bucket = by_address['module.a["x.y"].module.b.aws_s3_bucket.b[0]']
    assert bucket.module == 'module.a["x.y"].module.b' and bucket.index == 0
    assert bucket.base_address == 'module.a["x.y"].module.b.aws_s3_bucket.b'
    assert by_address['aws_vpc_endpoint.e["bedrock-runtime"]'].index == "bedrock-runtime"


def test_prior_state_adds_resources_not_in_changes() -> None:
    document = plan_document(change("aws_s3_bucket", "b"))
    document["prior_state"] = {
        "format_version": "1.0",
        "values": {
            "root_module": {
                "resources": [
                    {
                        "address": "aws_s3_bucket.b",
                        "mode": "managed",
                        "type": "aws_s3_bucket",
                        "name": "b",
                        "values": {},
                    },
                    {
                        "address": "data.aws_iam_policy_document.d",
                        "mode": "data",
                        "type": "aws_iam_policy_document",
                        "name": "d",
                        "values": {"json": "{}"},
                        "sensitive_values": {},
                    },
                ],
                "child_modules": [
                    {
                        "address": "module.m",
                        "resources": [
                            {
                                "address": "module.m.aws_kms_key.k",
                                "mode": "managed",
                                "type": "aws_kms_key",
                                "name": "k",
                                "values": {},
                            }
                        ],
                    }
                ],
            }
        },
    }
    inventory = parse(document)
    origins = {r.address: (r.origin, r.action) for r in inventory.resources}
    assert origins["aws_s3_bucket.b"] == ("resource_changes", Action.CREATE)
    assert origins["data.aws_iam_policy_document.d"] == ("prior_state", Action.EXISTING)
    assert origins["module.m.aws_kms_key.k"][0] == "prior_state"
    assert inventory.resources[-1].module in ("", "module.m")


def test_planned_values_when_nothing_changes() -> None:
    document = {
        "format_version": "1.2",
        "planned_values": {
            "root_module": {
                "resources": [
                    {
                        "address": "aws_s3_bucket.b",
                        "mode": "managed",
                        "type": "aws_s3_bucket",
                        "name": "b",
                        "values": {"bucket": "x"},
                    }
                ]
            }
        },
        "configuration": {},
    }
    inventory = parse(document)
    assert inventory.resources[0].action is Action.NO_OP


def test_secrets_are_collected_from_every_place() -> None:
    document = plan_document(
        change(
            "aws_db_instance",
            "d",
            actions=("update",),
            before={"password": "before-secret-1"},
            before_sensitive={"password": True},
            after={"password": "after-secret-2", "tags": {"k": "visible"}},
            after_sensitive={"password": True},
        ),
        variables={"token": {"value": "variable-secret-3"}},
        output_changes={
            "o": {
                "actions": ["create"],
                "before": None,
                "after": "output-secret-4",
                "after_unknown": False,
                "before_sensitive": False,
                "after_sensitive": True,
            }
        },
    )
    document["configuration"] = {
        "root_module": {"variables": {"token": {"sensitive": True, "default": "default-secret-5"}}}
    }
    secrets = parse(document).secrets
    for expected in (
        "before-secret-1",
        "after-secret-2",
        "variable-secret-3",
        "output-secret-4",
        "default-secret-5",
    ):
        assert expected in secrets
    assert "visible" not in secrets


def _config_resource(address: str, expressions: dict[str, Any]) -> dict[str, Any]:
    type_, name = address.split(".")
    return {
        "address": address,
        "mode": "managed",
        "type": type_,
        "name": name,
        "expressions": expressions,
    }


def test_configuration_references_link_resources() -> None:
    document = plan_document(
        change("aws_bedrock_guardrail", "g", after_unknown={"guardrail_id": True}),
        change("aws_bedrockagent_agent", "a", after_unknown={"guardrail_configuration": True}),
    )
    document["configuration"] = {
        "root_module": {
            "resources": [
                _config_resource("aws_bedrock_guardrail.g", {"name": {"constant_value": "g"}}),
                _config_resource(
                    "aws_bedrockagent_agent.a",
                    {
                        "guardrail_configuration": [
                            {
                                "guardrail_identifier": {
                                    "references": [
                                        "aws_bedrock_guardrail.g.guardrail_id",
                                        "aws_bedrock_guardrail.g",
                                    ]
                                }
                            }
                        ],
                        "agent_name": {"constant_value": "a"},
                    },
                ),
            ]
        }
    }
    inventory = parse(document)
    agent = inventory.get("aws_bedrockagent_agent.a")
    assert agent is not None
    linked = inventory.referenced(agent, "guardrail_configuration.guardrail_identifier")
    assert [r.address for r in linked] == ["aws_bedrock_guardrail.g"]
    assert agent.sets("agent_name") is True and agent.sets("instruction") is False


def test_references_through_module_outputs() -> None:
    document = plan_document(
        change("aws_bedrock_guardrail", "g", module="module.guard"),
        change("aws_bedrockagent_agent", "a"),
    )
    document["configuration"] = {
        "root_module": {
            "resources": [
                _config_resource(
                    "aws_bedrockagent_agent.a",
                    {
                        "guardrail_configuration": {
                            "references": ["module.guard.id", "module.guard"]
                        }
                    },
                )
            ],
            "module_calls": {
                "guard": {
                    "source": "./guard",
                    "module": {
                        "resources": [_config_resource("aws_bedrock_guardrail.g", {})],
                        "outputs": {
                            "id": {
                                "expression": {
                                    "references": [
                                        "aws_bedrock_guardrail.g.guardrail_id",
                                        "aws_bedrock_guardrail.g",
                                    ]
                                }
                            }
                        },
                    },
                }
            },
        }
    }
    inventory = parse(document)
    agent = inventory.get("aws_bedrockagent_agent.a")
    assert agent is not None
    linked = inventory.referenced(agent, "guardrail_configuration.guardrail_identifier")
    assert [r.address for r in linked] == ["module.guard.aws_bedrock_guardrail.g"]


def test_errored_plan_is_scanned_with_a_note() -> None:
    inventory = parse(plan_document(change("aws_s3_bucket", "b"), errored=True))
    assert inventory.resources and "errored" in inventory.notes[0]


@pytest.mark.parametrize("version", ["2.0", "10.1"])
def test_unsupported_major_version(version: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=f"format_version {version}"):
        parse(plan_document(format_version=version))


def test_non_string_version() -> None:
    with pytest.raises(InputError, match="format_version"):
        parse(plan_document(format_version=1.2))


@pytest.mark.parametrize(
    "document",
    [
        {"format_version": "1.0"},
        {"format_version": "1.0", "terraform_version": "1.11.4", "values": {}},
        {"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "x", "resources": []},
    ],
    ids=["empty-state", "show-json-state", "tfstate"],
)
def test_state_files_are_refused(tmp_path: Path, document: dict[str, Any]) -> None:
    with pytest.raises(UnsupportedFormatError, match="Terraform state, not a plan"):
        load(tmp_path, document)


@pytest.mark.parametrize("document", [[], "plan", {"steps2": []}, {"resource_changes": []}])
def test_other_documents_are_refused(tmp_path: Path, document: Any) -> None:
    with pytest.raises(UnsupportedFormatError, match="not a Terraform plan"):
        load(tmp_path, document)


def test_directory_with_plan_json(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text(json.dumps(plan_document(change("aws_s3_bucket"))))
    inventory = load_inventory(read_source(str(tmp_path)))
    assert inventory.resources[0].type == "aws_s3_bucket"


def test_directory_without_plan(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no plan file"):
        load_inventory(read_source(str(tmp_path)))


def test_missing_file() -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_source("/nonexistent/plan.json")


# --- the real corpus ----------------------------------------------------------------------------


def test_every_corpus_plan_parses_or_is_refused_in_one_line(corpus: Path) -> None:
    plans = sorted(corpus.rglob("*.json"))
    assert len(plans) >= 20
    parsed = 0
    for path in plans:
        try:
            inventory = load_inventory(read_source(str(path)))
        except SrmError as exc:
            assert "\n" not in exc.diagnostics(), path
            continue
        parsed += 1
        assert inventory.metadata["format_version"]
    assert parsed >= 20


def test_corpus_utf16_plan(corpus: Path) -> None:
    inventory = load_inventory(
        read_source(str(corpus / "checkov/plan_encodings/tfplan_win_utf16.json"))
    )
    assert inventory.resources


def test_corpus_bedrock_endpoint_policy_is_unknown(corpus: Path) -> None:
    path = corpus / "gamaware-terraform-aws-bedrock-rag-lab/plans/api-fresh.json"
    inventory = load_inventory(read_source(str(path)))
    endpoint = inventory.get('aws_vpc_endpoint.interface["bedrock-runtime"]')
    assert endpoint is not None and endpoint.at("policy").is_unknown
    policy = inventory.get("aws_iam_role_policy.ask")
    assert policy is not None
    assert "aws_bedrock_inference_profile.answers" in policy.references("policy")


def test_corpus_logging_declared_with_count_zero_is_not_a_resource(corpus: Path) -> None:
    path = corpus / "gamaware-terraform-aws-bedrock-rag-lab/plans/data-fresh.json"
    inventory = load_inventory(read_source(str(path)))
    assert not inventory.of_type("aws_bedrock_model_invocation_logging_configuration")


def test_corpus_sensitive_values_are_collected(corpus: Path) -> None:
    path = corpus / "opentofu-show-json-testdata/sensitive-values/output.json"
    assert "boop" in load_inventory(read_source(str(path))).secrets


def test_corpus_drift_entries_without_address(corpus: Path) -> None:
    path = corpus / "terraform-compliance/test_issue_522/plan.out.json"
    inventory = load_inventory(read_source(str(path)))
    assert all(r.address for r in inventory.resources)
    assert inventory.metadata["deleted"] >= 2


def test_attribute_values_are_read_when_first_used() -> None:
    inventory = parse(
        plan_document(change("aws_instance", "gpu", after={"instance_type": "p4d.24xlarge"}))
    )
    instance = inventory.resources[0]
    assert instance.loader is not None and instance.values is None
    assert instance.peek().get("instance_type").string() == "p4d.24xlarge"
    assert instance.loader is not None  # a peek keeps nothing
    assert instance.at("instance_type").string() == "p4d.24xlarge"
    assert instance.loader is None and instance.values == {"instance_type": "p4d.24xlarge"}


def test_module_addresses_of_state_resources_come_from_their_own_address() -> None:
    document = {
        "format_version": "1.2",
        "planned_values": {
            "root_module": {
                "child_modules": [
                    {
                        "resources": [
                            {
                                "address": 'module.a["k.x"].aws_s3_bucket.b[0]',
                                "mode": "managed",
                                "type": "aws_s3_bucket",
                                "name": "b",
                                "index": 0,
                                "values": {},
                            }
                        ],
                        "address": 'module.a["k.x"]',
                    }
                ]
            }
        },
        "configuration": {},
    }
    bucket = parse(document).resources[0]
    assert bucket.module == 'module.a["k.x"]' and bucket.base_address.endswith("aws_s3_bucket.b")


def test_odd_entry_fields_read_as_before() -> None:
    """Entry fields of the wrong type: the lean per-entry reading falls back field by field."""
    odd_actions = change("aws_s3_bucket", "odd")
    odd_actions["change"]["actions"] = [{"not": "hashable"}, "delete", 7]
    not_a_list = change("aws_s3_bucket", "scalar")
    not_a_list["change"]["actions"] = "create"
    bool_index = change("aws_s3_bucket", "flag")
    bool_index["index"] = True
    float_index = change("aws_s3_bucket", "real")
    float_index["index"] = 1.5
    number_name = change("aws_s3_bucket", "numbered")
    number_name["name"] = 12
    no_address = change("aws_s3_bucket", "derived", module="module.m", index="k")
    no_address["address"] = ""
    no_address["module_address"] = "module.m"
    other_types = change("aws_s3_bucket", "typeless")
    other_types["type"] = 5
    other_types["provider_name"] = None
    other_types["module_address"] = ["module.x"]
    inventory = parse(
        plan_document(
            odd_actions,
            not_a_list,
            bool_index,
            float_index,
            number_name,
            no_address,
            other_types,
            change("aws_s3_bucket", "two", index=2, module="module.a"),
        )
    )
    by_address = {r.address: r for r in inventory.resources}
    assert "aws_s3_bucket.odd" not in by_address  # only the strings count: a delete
    assert inventory.metadata["deleted"] == 1
    assert by_address["aws_s3_bucket.scalar"].action is Action.UPDATE
    assert by_address["aws_s3_bucket.flag"].index is None
    assert by_address["aws_s3_bucket.real"].index is None
    assert by_address["aws_s3_bucket.numbered"].name == "12"
    derived = by_address['module.m.aws_s3_bucket.derived["k"]']
    assert (derived.module, derived.index) == ("module.m", "k")
    typeless = by_address["aws_s3_bucket.typeless"]
    assert (typeless.type, typeless.provider, typeless.module) == ("", "", "")
    two = by_address["module.a.aws_s3_bucket.two[2]"]
    assert (two.type, two.provider, two.module, two.mode, two.index) == (
        "aws_s3_bucket",
        "aws",
        "module.a",
        "managed",
        2,
    )


def test_masks_that_mark_nothing_collect_no_secret() -> None:
    document = plan_document(
        change("aws_db_instance", "a", after={"password": "visible-1"}, after_sensitive=False),
        change("aws_db_instance", "b", after={"password": "visible-2"}, after_sensitive={}),
        change("aws_db_instance", "c", after={"password": "hidden-3"}, after_sensitive=True),
        change(
            "aws_db_instance",
            "d",
            actions=("update",),
            before={"password": "hidden-4"},
            before_sensitive={"password": True},
        ),
    )
    assert parse(document).secrets == {
        "hidden-3",
        "hidden-4",
        "password",
    }  # a whole map hides its keys
