"""The gap map: unassigned or unevidenced controls, with the team RACI says should own them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from srm_iac.attestations import Attestation, Attestations
from srm_iac.catalog.loader import Catalog
from srm_iac.config import RunConfig, load_config
from srm_iac.errors import ConfigError
from srm_iac.gapmap import GapReason, gap_map, raci_roles
from srm_iac.model.enums import Owner, Status, Target
from tests.assets.factories import report_for
from tests.factories import inventory, resource

BEDROCK = inventory(resource("aws_bedrock_guardrail", "g"))
SELF_HOSTED = inventory(resource("aws_sagemaker_model", "m"))


def _cells(catalog: Catalog, *reports, teams=None):  # type: ignore[no-untyped-def]
    return {(c.target, c.control_id): c for c in gap_map(catalog, reports, teams or {})}


def test_unassigned_controls_are_on_the_map_with_the_raci_owner(catalog: Catalog) -> None:
    cells = _cells(catalog, report_for(catalog, SELF_HOSTED, {}))
    cell = cells[(Target.SELF_HOSTED, "AI-SEC-001")]
    assert cell.reason is GapReason.UNASSIGNED and cell.owner is Owner.UNASSIGNED
    assert cell.responsible == ("AI/ML Engineering",)
    assert cell.accountable == ("CISO / AI Governance Board",)
    assert cell.activities == ("Model selection and approval for production use",)
    assert cell.action.startswith("Assign an owner:")


def test_customer_control_without_evidence_or_attestation(catalog: Catalog) -> None:
    report = report_for(
        catalog,
        BEDROCK,
        {
            "SRM-AWS-005": [(Status.FAIL, "aws_bedrock_guardrail.g")],  # AI-SEC-002: a failure
            "SRM-AWS-006": [(Status.PASS, "aws_bedrock_guardrail.g")],  # AI-SEC-003: evidence
            "SRM-AWS-001": [(Status.NOT_EVIDENCED, "")],  # AI-SEC-008: not in this input
        },
    )
    cells = _cells(catalog, report)
    assert (Target.AWS_BEDROCK, "AI-SEC-002") not in cells  # owned, and got wrong: a finding
    assert (Target.AWS_BEDROCK, "AI-SEC-003") not in cells
    cell = cells[(Target.AWS_BEDROCK, "AI-SEC-008")]
    assert cell.reason is GapReason.NO_EVIDENCE and cell.owner is Owner.SHARED
    # every activity covering the control, the first one listed first
    assert cell.responsible[0] == "Security Operations (SOC)"
    assert "Cloud Engineering / Platform" in cell.responsible
    assert cell.action == catalog.assignment(Target.AWS_BEDROCK, "AI-SEC-008").customer_must
    assert (Target.AWS_BEDROCK, "AI-SEC-009") in cells  # no check ran at all


def test_evidence_in_another_workspace_covers_the_target(catalog: Catalog) -> None:
    here = report_for(catalog, BEDROCK, {"SRM-AWS-001": [(Status.NOT_EVIDENCED, "")]})
    there = report_for(
        catalog,
        inventory(resource("aws_bedrock_model_invocation_logging_configuration", "log")),
        {"SRM-AWS-001": [(Status.PASS, "aws_bedrock_model_invocation_logging_configuration.log")]},
    )
    assert (Target.AWS_BEDROCK, "AI-SEC-008") in _cells(catalog, here)
    assert (Target.AWS_BEDROCK, "AI-SEC-008") not in _cells(catalog, here, there)


def test_attestation_takes_a_control_off_the_map(catalog: Catalog) -> None:
    attestation = Attestation(
        control="AI-SEC-009",
        target=Target.AWS_BEDROCK,
        statement="sources reviewed quarterly",
        evidence=("https://wiki.example.com/rag-review",),
        owner="data-gov",
        date=dt.date(2026, 1, 1),
        expires=dt.date(2027, 1, 1),
    )
    report = report_for(
        catalog, BEDROCK, {}, attestations=Attestations(source="a.yaml", entries=(attestation,))
    )
    assert (Target.AWS_BEDROCK, "AI-SEC-009") not in _cells(catalog, report)


def test_provider_owned_controls_are_never_on_the_map(catalog: Catalog) -> None:
    config = RunConfig(owner_overrides={Target.AWS_BEDROCK: {"AI-SEC-009": Owner.PROVIDER}})
    report = report_for(catalog, BEDROCK, {}, config=config)
    assert (Target.AWS_BEDROCK, "AI-SEC-009") not in _cells(catalog, report)


def test_only_targets_in_scope(catalog: Catalog) -> None:
    cells = _cells(catalog, report_for(catalog, BEDROCK, {}))
    assert {target for target, _ in cells} == {Target.AWS_BEDROCK}
    assert _cells(catalog) == {}


def test_organisation_team_names_replace_raci_roles(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "srm-iac.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "schema_version": 1,
                "teams": {
                    "AI/ML Engineering": "ml-platform",
                    "CISO / AI Governance Board": "ai-governance",
                },
            }
        )
    )
    config = load_config(path, {c.id for c in catalog.checks}, raci_roles(catalog))
    assert config.team("AI/ML Engineering") == "ml-platform"
    assert config.team("Compliance") == "Compliance"
    cells = _cells(catalog, report_for(catalog, SELF_HOSTED, {}), teams=config.teams)
    cell = cells[(Target.SELF_HOSTED, "AI-SEC-001")]
    assert (cell.responsible, cell.accountable) == (("ml-platform",), ("ai-governance",))


def test_teams_must_name_roles_of_the_matrix(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "srm-iac.yaml"
    path.write_text(yaml.safe_dump({"schema_version": 1, "teams": {"ML Engineering": "ml"}}))
    with pytest.raises(ConfigError, match="'ML Engineering' is not a role of the RACI matrix"):
        load_config(path, {c.id for c in catalog.checks}, raci_roles(catalog))
    path.write_text(yaml.safe_dump({"schema_version": 1, "teams": {"Compliance": 3}}))
    with pytest.raises(ConfigError, match="teams.Compliance"):
        load_config(path, set(), raci_roles(catalog))
