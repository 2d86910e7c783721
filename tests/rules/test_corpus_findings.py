"""What a reviewer expects srm-iac to say about the real Bedrock plans in the corpus."""

from __future__ import annotations

from pathlib import Path

from plan_parsers.loader import load_inventory, read_source
from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Target
from srm_iac.pipeline import RunOptions, check_inventory
from tests.conftest import TODAY


def statuses(path: Path, catalog: Catalog) -> dict[tuple[str, str], str]:
    report = check_inventory(catalog, load_inventory(read_source(str(path))), RunOptions(TODAY))
    return {(f.check_id, f.address): f.status.value for f in report.findings}


def test_api_stack(corpus: Path, catalog: Catalog) -> None:
    found = statuses(
        corpus / "gamaware-terraform-aws-bedrock-rag-lab/plans/api-fresh.json", catalog
    )
    runtime = 'aws_vpc_endpoint.interface["bedrock-runtime"]'
    agent_runtime = 'aws_vpc_endpoint.interface["bedrock-agent-runtime"]'
    assert found[("SRM-AWS-011", runtime)] == "UNKNOWN"  # policy known only after apply
    assert found[("SRM-AWS-011", agent_runtime)] == "PASS"  # known, restrictive policy
    assert found[("SRM-AWS-010", runtime)] == "PASS"
    assert found[("SRM-AWS-009", runtime)] == "PASS"
    assert found[("SRM-AWS-012", "aws_iam_role_policy.ask")] == "UNKNOWN"
    assert found[("SRM-AWS-001", "")] == "NOT_EVIDENCED"


def test_data_stack_logging_declared_but_not_deployed(corpus: Path, catalog: Catalog) -> None:
    path = corpus / "gamaware-terraform-aws-bedrock-rag-lab/plans/data-fresh.json"
    report = check_inventory(catalog, load_inventory(read_source(str(path))), RunOptions(TODAY))
    if Target.AWS_BEDROCK in {audit.target for audit in report.targets}:
        found = {(f.check_id, f.address): f.status.value for f in report.findings}
        assert found[("SRM-AWS-001", "")] == "NOT_EVIDENCED"
