"""Shared check building blocks."""

from __future__ import annotations

from srm_iac.config import DEFAULT_CONFIG, RunConfig
from srm_iac.model.enums import Status, Target
from srm_iac.rules.check import CheckContext
from srm_iac.rules.common import missing_approved_list, vpc_attachment
from tests.factories import inventory, resource


def test_subnets_known_only_after_apply_are_attached() -> None:
    pending = resource(
        "aws_sagemaker_model",
        vpc_config=[{"subnets": [None, None]}],
        unknown={"vpc_config": [{"subnets": [True, True]}]},
    )
    verdict = vpc_attachment(pending, "subnets", inside="in", outside="out")
    assert verdict.status is Status.PASS


def test_vpc_attachment_outcomes() -> None:
    none = resource("aws_sagemaker_model", "none")
    later = resource("aws_sagemaker_model", "later", unknown={"vpc_config": True})
    given = resource("aws_sagemaker_model", "given", vpc_config=[{"subnets": ["subnet-1"]}])
    verdicts = {
        r.name: vpc_attachment(r, "subnets", inside="in", outside="out").status
        for r in (none, later, given)
    }
    assert verdicts == {"none": Status.FAIL, "later": Status.UNKNOWN, "given": Status.PASS}


def test_missing_approved_list() -> None:
    empty = CheckContext(inventory(), DEFAULT_CONFIG, {})
    missing = missing_approved_list(empty, Target.GCP_VERTEX)
    assert missing is not None and missing.status is Status.NOT_EVIDENCED
    assert "approved_models.gcp_vertex" in missing.message
    configured = CheckContext(
        inventory(), RunConfig(approved_models={Target.GCP_VERTEX: ("x",)}), {}
    )
    assert missing_approved_list(configured, Target.GCP_VERTEX) is None
