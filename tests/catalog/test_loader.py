"""The shipped catalog is complete and valid; a broken copy fails with file, item and field."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from srm_iac.catalog.loader import Catalog, load_catalog
from srm_iac.errors import CatalogError
from srm_iac.model.enums import Owner, Target

CONTROL_IDS = [f"AI-SEC-{n:03d}" for n in range(1, 11)]
REQUIRED_ACTIVITIES = {
    "model-selection",
    "prompt-injection-defence",
    "cloud-ai-iam",
    "output-content-safety",
    "fine-tuning-data-review",
    "ai-incident-response",
    "ai-red-teaming",
    "regulatory-compliance",
}


def test_ten_controls_with_mappings(catalog: Catalog) -> None:
    assert [c.id for c in catalog.controls] == CONTROL_IDS
    owasp = {c.id: c.owasp_llm for c in catalog.controls}
    assert owasp["AI-SEC-001"] == ("LLM03",)
    assert owasp["AI-SEC-003"] == ("LLM02", "LLM05")
    assert owasp["AI-SEC-008"] == ("LLM01", "LLM02")
    nist = {c.id: c.nist_ai_rmf for c in catalog.controls}
    assert nist["AI-SEC-005"] == "GOVERN" and nist["AI-SEC-002"] == "MANAGE"


@pytest.mark.parametrize("target", list(Target))
@pytest.mark.parametrize("control_id", CONTROL_IDS)
def test_every_control_by_target_cell_is_present(
    catalog: Catalog, target: Target, control_id: str
) -> None:
    assignment = catalog.assignment(target, control_id)
    assert assignment.provider_offers.strip()
    if assignment.owner in (Owner.CUSTOMER, Owner.SHARED):
        assert assignment.customer_must.strip() and assignment.evidence


def test_bedrock_owners_match_the_user_facts(catalog: Catalog) -> None:
    owners = {
        cid: catalog.assignment(Target.AWS_BEDROCK, cid).owner.value
        for cid in (
            "AI-SEC-001",
            "AI-SEC-002",
            "AI-SEC-003",
            "AI-SEC-006",
            "AI-SEC-007",
            "AI-SEC-008",
        )
    }
    assert owners == {
        "AI-SEC-001": "shared",
        "AI-SEC-002": "customer",
        "AI-SEC-003": "shared",
        "AI-SEC-006": "shared",
        "AI-SEC-007": "shared",
        "AI-SEC-008": "shared",
    }


def test_self_hosted_has_an_unassigned_control(catalog: Catalog) -> None:
    owners = {a.owner for a in catalog.providers[Target.SELF_HOSTED].assignments.values()}
    assert Owner.UNASSIGNED in owners


def test_raci_has_the_eight_activities_and_covers_every_control(catalog: Catalog) -> None:
    assert REQUIRED_ACTIVITIES <= {a.id for a in catalog.raci}
    assert {cid for a in catalog.raci for cid in a.controls} == set(CONTROL_IDS)


def test_every_provider_map_records_its_review_date(catalog: Catalog) -> None:
    for provider in catalog.providers.values():
        assert provider.last_reviewed.year >= 2026
        assert provider.changelog


def test_check_metadata_sections_are_complete(catalog: Catalog) -> None:
    for spec in catalog.checks:
        assert spec.what and spec.why and spec.fix and spec.references, spec.id
        assert not spec.title.startswith(("Ensure", "Enable")), spec.id


# --- broken copies -------------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path, catalog: Catalog) -> Path:
    destination = tmp_path / "catalogs"
    shutil.copytree(catalog.root, destination)
    return destination


def _edit(path: Path, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _error(root: Path) -> str:
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    message = caught.value.diagnostics()
    assert "\n" not in message
    return message


def test_missing_assignment_names_file_and_control(copy: Path) -> None:
    path = copy / "providers" / "gcp_vertex.yaml"
    _edit(path, lambda d: d["assignments"].pop("AI-SEC-007"))
    message = _error(copy)
    assert "gcp_vertex.yaml" in message and "AI-SEC-007" in message


def test_bad_owner_names_file_control_and_field(copy: Path) -> None:
    path = copy / "providers" / "aws_bedrock.yaml"
    _edit(path, lambda d: d["assignments"]["AI-SEC-003"].update(owner="nobody"))
    message = _error(copy)
    assert "aws_bedrock.yaml" in message
    assert "assignments.AI-SEC-003.owner" in message


def test_unknown_key_is_refused(copy: Path) -> None:
    path = copy / "controls.yaml"
    _edit(path, lambda d: d["controls"][1].update(severity="high"))
    message = _error(copy)
    assert "controls.yaml" in message and "controls[1] (AI-SEC-002).severity" in message


def test_bad_owasp_id_names_control(copy: Path) -> None:
    path = copy / "controls.yaml"
    _edit(path, lambda d: d["controls"][0].update(owasp_llm=["LLM11"]))
    assert "controls[0] (AI-SEC-001).owasp_llm[0]" in _error(copy)


def test_customer_control_without_action_is_refused(copy: Path) -> None:
    path = copy / "providers" / "azure_openai.yaml"
    _edit(path, lambda d: d["assignments"]["AI-SEC-004"].update(customer_must=""))
    message = _error(copy)
    assert "azure_openai.yaml" in message and "AI-SEC-004" in message


def test_raci_naming_unknown_control_is_refused(copy: Path) -> None:
    path = copy / "raci.yaml"
    _edit(path, lambda d: d["activities"][0].update(controls=["AI-SEC-042"]))
    assert "raci.yaml" in _error(copy)


def test_invalid_yaml_reports_position(copy: Path) -> None:
    (copy / "raci.yaml").write_text("activities: [unclosed\n")
    message = _error(copy)
    assert "raci.yaml:" in message and "invalid YAML" in message


def test_yaml_aliases_are_refused(copy: Path) -> None:
    (copy / "raci.yaml").write_text("a: &x [1, 2]\nb: *x\n")
    assert "aliases are not allowed" in _error(copy)


def test_missing_provider_file(copy: Path) -> None:
    (copy / "providers" / "self_hosted.yaml").unlink()
    assert "self_hosted.yaml" in _error(copy)


def test_check_with_unknown_control(copy: Path) -> None:
    path = copy / "checks" / "aws_bedrock.yaml"
    _edit(path, lambda d: d["checks"][0].update(control="AI-SEC-099"))
    assert "SRM-AWS-001" in _error(copy)


def test_title_that_names_the_fix_is_refused(copy: Path) -> None:
    path = copy / "checks" / "aws_bedrock.yaml"
    _edit(path, lambda d: d["checks"][0].update(title="Ensure logging is on"))
    assert "bad pattern" in _error(copy)
