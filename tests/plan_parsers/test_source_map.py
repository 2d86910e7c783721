"""Plan enrichment: every planned instance lands on the block that declares it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plan_parsers.loader import SourceOptions, load_inventory, read_source
from plan_parsers.source_map import enrich_from_directory
from srm_iac.errors import UsageError
from srm_iac.model.inventory import SourceLocation
from tests.conftest import FIXTURES
from tests.factories import change, plan_document

SOURCE = {
    "main.tf": (
        'module "chat" {\n'  # 1
        '  for_each = toset(["a.b", "c"])\n'
        '  source   = "./modules/chat"\n'
        "}\n"  # 4
        "\n"
        '# srm-iac:ignore SRM-AWS-004 reason="legacy agent, SEC-9"\n'  # 6
        'resource "aws_bedrockagent_agent" "legacy" {\n'  # 7
        "  count      = 2\n"
        '  agent_name = "legacy-${count.index}"\n'
        "}\n"  # 10
    ),
    "modules/chat/main.tf": (
        'module "inner" {\n  source = "../inner"\n}\n'  # 1-3
        'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\n'  # 4-6
    ),
    "modules/inner/main.tf": 'data "aws_iam_policy_document" "d" {\n}\n',
}


def write_source(root: Path) -> Path:
    for name, text in SOURCE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def planned(tmp_path: Path) -> Path:
    document = plan_document(
        change("aws_bedrockagent_agent", "legacy", index=0, after={"agent_name": "legacy-0"}),
        change("aws_bedrockagent_agent", "legacy", index=1, after={"agent_name": "legacy-1"}),
        change("aws_bedrock_guardrail", "g", module='module.chat["a.b"]'),
        change("aws_bedrock_guardrail", "g", module='module.chat["c"]'),
        change(
            "aws_iam_policy_document",
            "d",
            mode="data",
            actions=("read",),
            module='module.chat["c"].module.inner',
        ),
        change("aws_s3_bucket", "elsewhere"),
    )
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_instances_map_to_their_blocks(tmp_path: Path) -> None:
    source = write_source(tmp_path / "infra")
    inventory = load_inventory(read_source(str(planned(tmp_path))), options=SourceOptions())
    enrich_from_directory(inventory, source, base=tmp_path)
    locations = {r.address: r.location for r in inventory.resources}
    assert locations == {
        "aws_bedrockagent_agent.legacy[0]": SourceLocation("infra/main.tf", 7, 10),
        "aws_bedrockagent_agent.legacy[1]": SourceLocation("infra/main.tf", 7, 10),
        'module.chat["a.b"].aws_bedrock_guardrail.g': SourceLocation(
            "infra/modules/chat/main.tf", 4, 6
        ),
        'module.chat["c"].aws_bedrock_guardrail.g': SourceLocation(
            "infra/modules/chat/main.tf", 4, 6
        ),
        'module.chat["c"].module.inner.data.aws_iam_policy_document.d': SourceLocation(
            "infra/modules/inner/main.tf", 1, 2
        ),
        "aws_s3_bucket.elsewhere": None,
    }
    legacy = inventory.resources[0]
    assert [s.check_id for s in legacy.suppressions] == ["SRM-AWS-004"]
    assert "1 of 5 planned resources are not declared in" in " ".join(inventory.notes)


def test_a_plan_next_to_its_source_is_enriched_automatically() -> None:
    inventory = load_inventory(read_source(str(FIXTURES / "hcl" / "bedrock" / "plan.json")))
    assert all(r.location is not None for r in inventory.resources)
    assert inventory.metadata["source_dir"].endswith("bedrock")
    plain = load_inventory(
        read_source(str(FIXTURES / "hcl" / "bedrock" / "plan.json")),
        options=SourceOptions(discover=False),
    )
    assert all(r.location is None for r in plain.resources)


def test_source_dir_must_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a directory"):
        load_inventory(
            read_source(str(planned(tmp_path))),
            options=SourceOptions(source_dir=tmp_path / "missing"),
        )


def test_unrelated_source_is_noted(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.tf").write_text('resource "aws_s3_bucket" "other" {}\n')
    inventory = load_inventory(
        read_source(str(planned(tmp_path))), options=SourceOptions(source_dir=tmp_path / "src")
    )
    assert any("declares none of the plan's resources" in note for note in inventory.notes)
