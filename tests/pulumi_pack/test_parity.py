"""The same infrastructure as a Terraform plan and as a Pulumi preview gets the same audit.

Each examples/pulumi/<x>/preview.json is the Pulumi twin of examples/terraform/<x>/plan.json.
Both go through ``srm-iac``'s pipeline (the CLI path) and through the policy pack over gRPC
(the CrossGuard path); every finding and every control status must match.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plan_parsers.loader import load_inventory, read_source
from srm_iac.attestations import NO_ATTESTATIONS, load_attestations
from srm_iac.catalog.loader import Catalog
from srm_iac.config import DEFAULT_CONFIG, RunConfig, load_config
from srm_iac.model.report import Report
from srm_iac.pipeline import RunOptions, check_inventory
from tests.conftest import REPO, TODAY
from tests.pulumi_pack.engine import PolicyPackProcess, resources_from_preview

EXAMPLES = sorted(
    path.name
    for path in (REPO / "examples" / "pulumi").iterdir()
    if (path / "preview.json").is_file()
    and (REPO / "examples" / "terraform" / path.name / "plan.json").is_file()
)


def _config(name: str, catalog: Catalog) -> tuple[RunConfig, Path | None]:
    path = REPO / "examples" / "terraform" / name / "srm-iac.yaml"
    if not path.is_file():
        return DEFAULT_CONFIG, None
    return load_config(path, {c.id for c in catalog.checks}), path


def _report(path: Path, config: RunConfig, catalog: Catalog) -> Report:
    inventory = load_inventory(read_source(str(path)))
    attestations = (
        load_attestations(config.attestations_path, catalog)
        if config.attestations_path
        else NO_ATTESTATIONS
    )
    options = RunOptions(today=TODAY, config=config, attestations=attestations)
    return check_inventory(catalog, inventory, options)


def _controls(report: Report) -> dict[tuple[str, str], str]:
    return {
        (audit.target.value, control.control_id): control.status.value
        for audit in report.targets
        for control in audit.controls
    }


def _findings(findings: list[dict[str, str]] | Report) -> dict[tuple[str, str], str]:
    if isinstance(findings, Report):
        return {(f.check_id, f.address): f.status.value for f in findings.findings}
    return {(f["check_id"], f["address"]): f["status"] for f in findings}


def test_every_terraform_example_has_a_pulumi_twin() -> None:
    terraform = {p.name for p in (REPO / "examples" / "terraform").iterdir() if p.is_dir()}
    assert terraform and terraform == set(EXAMPLES)


@pytest.mark.parametrize("name", EXAMPLES)
def test_preview_and_plan_give_the_same_audit(name: str, catalog: Catalog) -> None:
    config, _ = _config(name, catalog)
    terraform = _report(REPO / "examples" / "terraform" / name / "plan.json", config, catalog)
    pulumi = _report(REPO / "examples" / "pulumi" / name / "preview.json", config, catalog)
    assert pulumi.input_kind == "pulumi-preview"
    assert _controls(pulumi) == _controls(terraform)
    assert _findings(pulumi) == _findings(terraform)
    assert [a.target for a in pulumi.targets] == [a.target for a in terraform.targets]


@pytest.mark.parametrize("name", EXAMPLES)
def test_crossguard_audit_matches_the_plan(
    name: str, catalog: Catalog, pack: PolicyPackProcess, tmp_path: Path
) -> None:
    config, config_path = _config(name, catalog)
    report_json = tmp_path / "audit.json"
    audit: dict[str, object] = {"reportJson": str(report_json)}
    if config_path is not None:
        audit["configFile"] = str(config_path)
    pack.configure({"srm-iac-audit": audit})
    document = json.loads((REPO / "examples" / "pulumi" / name / "preview.json").read_text())
    pack.preview(resources_from_preview(document))
    crossguard = json.loads(report_json.read_text())
    terraform = _report(REPO / "examples" / "terraform" / name / "plan.json", config, catalog)
    assert crossguard["input_kind"] == "pulumi-crossguard"
    assert _findings(crossguard["findings"]) == _findings(terraform)
    assert {
        (t["target"], c["control_id"]): c["status"]
        for t in crossguard["targets"]
        for c in t["controls"]
    } == _controls(terraform)
