"""Vertex AI check logic that the plan fixtures do not reach on their own.

Google IAM policy documents and data.google_iam_policy, perimeter coverage in its corner cases
(bridges, unknown services, several perimeters), values only known after apply on Model Armor
and Agent Engine resources, model-name matching against the approved list, and that secret
values never reach a message.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from plan_parsers.loader import load_inventory, read_source
from srm_iac.config import DEFAULT_CONFIG, RunConfig
from srm_iac.model.enums import Status, Target
from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result
from srm_iac.rules.gcp_vertex import (
    CHECKS,
    agents,
    armor_filters,
    encryption,
    iam,
    logging,
    model_armor,
    models,
    network,
    perimeter,
    rag,
)
from tests.conftest import FIXTURES
from tests.factories import inventory, resource

CheckFunction = Callable[[CheckContext], Iterable[Result]]


def run(
    check: CheckFunction, *resources: Resource, config: RunConfig = DEFAULT_CONFIG
) -> dict[str, Result]:
    """Results of ``check`` over ``resources``, by address ("" for target-level results)."""
    context = CheckContext(inventory=inventory(*resources), config=config, targets={})
    return {(r.resource.address if r.resource else ""): r for r in check(context)}


def statuses(check: CheckFunction, *resources: Resource, **kwargs: Any) -> dict[str, Status]:
    """Statuses of ``check`` over ``resources``, by address."""
    return {address: r.status for address, r in run(check, *resources, **kwargs).items()}


def data_source(type_: str, name: str, **values: Any) -> Resource:
    """A data source read at plan time."""
    found = resource(type_, name, **values)
    found.mode = "data"
    return found


class TestPolicyData:
    """Google IAM policy documents (policy_data) as jsonencode() writes them."""

    def test_bindings_are_read(self) -> None:
        text = json.dumps(
            {"bindings": [{"role": "roles/aiplatform.user", "members": ["allUsers"]}]}
        )
        grants = iam.parse_policy_data(text)
        assert grants == [iam.Grant("roles/aiplatform.user", ("allUsers",))]

    @pytest.mark.parametrize("text", ["not json", "[1, 2]", "null"])
    def test_non_policies_are_none(self, text: str) -> None:
        assert iam.parse_policy_data(text) is None

    def test_policy_without_bindings_grants_nothing(self) -> None:
        assert iam.parse_policy_data(json.dumps({"etag": "BwX"})) == []

    def test_public_members_ignore_case(self) -> None:
        assert iam.public_members(("ALLUSERS", "group:a@b.c", "allAuthenticatedUsers")) == [
            "allAuthenticatedUsers",
            "allUsers",
        ]

    def test_unknown_policy_is_read_from_the_data_source(self) -> None:
        document = data_source(
            "google_iam_policy",
            "public",
            binding=[{"role": "roles/aiplatform.user", "members": ["allUsers"]}],
        )
        policy = resource(
            "google_vertex_ai_reasoning_engine_iam_policy",
            "agent",
            unknown={"policy_data": True},
            refs={"policy_data": ("data.google_iam_policy.public",)},
        )
        verdicts = statuses(iam.public_access, document, policy)
        assert verdicts == {"google_vertex_ai_reasoning_engine_iam_policy.agent": Status.FAIL}

    def test_unknown_policy_without_data_source_is_unknown(self) -> None:
        policy = resource(
            "google_vertex_ai_featurestore_iam_policy",
            "store",
            unknown={"policy_data": True},
            refs={"policy_data": ("google_service_account.app",)},
        )
        assert statuses(iam.public_access, policy) == {
            "google_vertex_ai_featurestore_iam_policy.store": Status.UNKNOWN
        }

    def test_project_grants_of_other_roles_are_ignored(self) -> None:
        binding = resource(
            "google_project_iam_binding", "viewers", role="roles/viewer", members=["allUsers"]
        )
        assert statuses(iam.public_access, binding) == {}

    def test_project_policy_counts_only_vertex_roles(self) -> None:
        text = json.dumps(
            {
                "bindings": [
                    {"role": "roles/storage.objectViewer", "members": ["allUsers"]},
                    {"role": "roles/aiplatform.viewer", "members": ["group:ml@acme.example"]},
                ]
            }
        )
        policy = resource("google_project_iam_policy", "project", policy_data=text)
        assert statuses(iam.public_access, policy) == {
            "google_project_iam_policy.project": Status.PASS
        }


def perimeter_node(**values: Any) -> Node:
    """A perimeter object as it appears in a plan."""
    return resource(perimeter.PERIMETER, "p", **values).root


class TestPerimeterCoverage:
    """How one perimeter covers aiplatform.googleapis.com."""

    def test_enforced(self) -> None:
        node = perimeter_node(status=[{"restricted_services": [perimeter.AIPLATFORM]}])
        assert perimeter.perimeter_coverage(node) is perimeter.Coverage.ENFORCED

    def test_bridge_never_covers(self) -> None:
        node = perimeter_node(
            perimeter_type="PERIMETER_TYPE_BRIDGE",
            status=[{"restricted_services": [perimeter.AIPLATFORM]}],
        )
        assert perimeter.perimeter_coverage(node) is perimeter.Coverage.MISSING

    def test_dry_run_needs_the_explicit_flag(self) -> None:
        spec = [{"restricted_services": [perimeter.AIPLATFORM]}]
        flagged = perimeter_node(status=[], spec=spec, use_explicit_dry_run_spec=True)
        unflagged = perimeter_node(status=[], spec=spec, use_explicit_dry_run_spec=False)
        assert perimeter.perimeter_coverage(flagged) is perimeter.Coverage.DRY_RUN_ONLY
        assert perimeter.perimeter_coverage(unflagged) is perimeter.Coverage.MISSING

    def test_unknown_services(self) -> None:
        node = resource(
            perimeter.PERIMETER,
            "p",
            status=[{}],
            unknown={"status": [{"restricted_services": True}]},
        ).root
        assert perimeter.perimeter_coverage(node) is perimeter.Coverage.UNKNOWN

    def test_unknown_perimeter_decides_over_missing_ones(self) -> None:
        pending = resource(
            perimeter.PERIMETER,
            "pending",
            status=[{}],
            unknown={"status": [{"restricted_services": True}]},
        )
        other = resource(
            perimeter.PERIMETER,
            "other",
            status=[{"restricted_services": ["storage.googleapis.com"]}],
        )
        verdicts = statuses(perimeter.perimeter_missing, pending, other)
        assert verdicts == {f"{perimeter.PERIMETER}.pending": Status.UNKNOWN}


class TestKnownAfterApply:
    """Values computed at apply time: UNKNOWN unless a reference proves the point."""

    def test_declared_enforcement_type_is_unknown(self) -> None:
        template = resource(
            model_armor.TEMPLATE,
            "t",
            filter_config=[{}],
            unknown={"template_metadata": True},
            declared=frozenset({"template_metadata", "template_metadata.enforcement_type"}),
        )
        assert statuses(model_armor.template_inspect_only, template) == {
            f"{model_armor.TEMPLATE}.t": Status.UNKNOWN
        }

    def test_unknown_integrated_services_are_unknown(self) -> None:
        setting = resource(
            model_armor.FLOOR_SETTING,
            "f",
            enable_floor_setting_enforcement=True,
            ai_platform_floor_setting=[{"inspect_and_block": True}],
            unknown={"integrated_services": True},
        )
        assert statuses(model_armor.floor_setting_not_enforced, setting) == {
            f"{model_armor.FLOOR_SETTING}.f": Status.UNKNOWN
        }

    def test_service_account_from_another_workspace_is_unknown(self) -> None:
        engine = resource(
            agents.AGENT_ENGINE,
            "e",
            spec=[{"identity_type": None}],
            unknown={"spec": [{"service_account": True}]},
            refs={"spec.service_account": ("module.identity.google_service_account.agent",)},
            declared=frozenset({"spec", "spec.service_account"}),
        )
        assert statuses(agents.default_identity, engine) == {
            f"{agents.AGENT_ENGINE}.e": Status.UNKNOWN
        }

    def test_psc_unknown_with_no_network(self) -> None:
        endpoint = resource(
            network.ENDPOINT,
            "e",
            network=None,
            private_service_connect_config=[{}],
            unknown={"private_service_connect_config": [{"enable_private_service_connect": True}]},
        )
        assert statuses(network.endpoint_public, endpoint) == {
            f"{network.ENDPOINT}.e": Status.UNKNOWN
        }

    def test_unknown_audited_service_is_unknown(self) -> None:
        config = resource(
            "google_project_iam_audit_config",
            "a",
            audit_log_config=[{"log_type": "DATA_READ"}],
            unknown={"service": True},
        )
        assert statuses(logging.data_access_logs_missing, config) == {
            "google_project_iam_audit_config.a": Status.UNKNOWN
        }

    def test_rai_filters_unknown(self) -> None:
        template = resource(
            model_armor.TEMPLATE,
            "t",
            filter_config=[{"rai_settings": [{}]}],
            unknown={"filter_config": [{"rai_settings": [{"rai_filters": True}]}]},
        )
        assert statuses(armor_filters.harmful_content_filters_weak, template) == {
            f"{model_armor.TEMPLATE}.t": Status.UNKNOWN
        }


class TestModels:
    """Model names against the approved list; corpora where CMEK applies."""

    def test_publisher_names_have_a_short_form(self) -> None:
        assert models.model_names("publishers/google/models/gemma3@gemma-3-1b-it") == (
            "publishers/google/models/gemma3@gemma-3-1b-it",
            "google/gemma3@gemma-3-1b-it",
        )
        assert models.model_names("meta-llama/Llama-3.1-8B") == ("meta-llama/Llama-3.1-8B",)

    def test_sensitive_model_name_is_unknown(self) -> None:
        deployment = resource(
            models.GARDEN_DEPLOYMENT,
            "d",
            hugging_face_model_id="acme/private-model",
            sensitive={"hugging_face_model_id": True},
        )
        config = RunConfig(approved_models={Target.GCP_VERTEX: ("acme/*",)})
        results = run(models.unapproved_model, deployment, config=config)
        assert results[f"{models.GARDEN_DEPLOYMENT}.d"].status is Status.UNKNOWN

    @pytest.mark.parametrize(
        ("values", "managed"),
        [
            ({"vector_db_config": [{"rag_managed_db": [{"knn": [{}]}]}]}, True),
            ({}, True),
            ({"vector_db_config": [{"pinecone": [{"index_name": "x"}]}]}, False),
            ({"vertex_ai_search_config": [{"serving_config": "x"}]}, False),
        ],
    )
    def test_managed_vector_db(self, values: dict[str, Any], managed: bool) -> None:
        corpus = resource("google_vertex_ai_rag_corpus", "c", **values)
        assert encryption.uses_managed_vector_db(corpus) is managed


class TestSecrets:
    """Sensitive values in the fixtures never reach a message."""

    @pytest.mark.parametrize(
        ("case", "check"),
        [
            ("SRM-GCP-019/fail", models.hugging_face_token_in_state),
            ("SRM-GCP-020/fail", rag.vector_db_key_in_state),
        ],
    )
    def test_secret_not_in_messages(self, case: str, check: CheckFunction) -> None:
        source = read_source(str(FIXTURES / "checks" / case / "plan.json"))
        found = load_inventory(source)
        assert found.secrets, "the fixture should carry a sensitive value"
        context = CheckContext(inventory=found, config=DEFAULT_CONFIG, targets={})
        messages = " ".join(result.message for result in check(context))
        assert messages
        assert not any(secret in messages for secret in found.secrets)


def test_every_module_check_is_registered() -> None:
    ids = [check.id for check in CHECKS]
    assert ids == [f"SRM-GCP-{n:03d}" for n in range(1, len(ids) + 1)]


def test_fixture_plans_are_terraform_shaped() -> None:
    for plan in sorted((FIXTURES / "checks").glob("SRM-GCP-*/*/plan.json")):
        document = json.loads(Path(plan).read_text())
        assert document["format_version"] == "1.2", plan
        for change in document["resource_changes"]:
            assert change["change"]["actions"] == ["create"], plan
            assert change["provider_name"].startswith("registry.terraform.io/hashicorp/google")
