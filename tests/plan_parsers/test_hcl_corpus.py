"""Every real .tf file in the corpus is scanned or reported, and checkov's labelled examples
give the expected verdicts for the matching srm-iac checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plan_parsers.terraform_hcl import parse_source
from srm_iac.catalog.loader import Catalog
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.rules.registry import ALL_CHECKS

KNOWN_UNPARSEABLE = {"provider-docs-google/vertex_ai_endpoint.tf"}


def test_every_corpus_tf_file_is_scanned_or_reported(corpus: Path) -> None:
    files = sorted(corpus.rglob("*.tf"))
    directories = sorted({path.parent for path in files})
    read, reported = 0, set()
    for directory in directories:
        inventory = parse_source(directory, base=corpus)
        read += len(list(directory.glob("*.tf")))
        for error in inventory.metadata["parse_errors"]:
            path, line = error.split(":")[:2]
            assert line.isdigit(), error
            assert "python-hcl2 cannot parse this file" in error
            reported.add(path)
            assert error in inventory.notes
        located = [r for r in inventory.resources if r.location is not None]
        assert len(located) == len(inventory.resources), directory
    assert read == len(files) >= 37
    assert reported == KNOWN_UNPARSEABLE


def test_corpus_module_calls_are_followed(corpus: Path) -> None:
    example = (
        corpus / "azure-terraform-azurerm-openai" / "examples" / "azureopenai-private-endpoints"
    )
    inventory = parse_source(example, base=corpus)
    account = inventory.get("module.openai.azurerm_cognitive_account.this")
    assert account is not None
    assert account.location is not None
    assert account.location.path == "azure-terraform-azurerm-openai/main.tf"
    assert account.at("kind").string() == "OpenAI"


# (file, check, change to the file, expected srm-iac status per resource). checkov's label
# is the expectation: its failing resources FAIL here; its passing resources PASS, except
# where the deciding value is an expression over resources outside the file (UNKNOWN: the
# source cannot know it, and UNKNOWN is never a pass).
LABELLED = [
    ("BedrockGuardrails.tf", "SRM-AWS-004", None, {"pass": "PASS", "fail": "FAIL"}),
    (
        "BedrockAgentEncrypted.tf",
        "SRM-AWS-015",
        None,
        {"bedrock_agent": "FAIL", "bedrock_agent_with_kms_key": "UNKNOWN"},
    ),
    (
        "CognitiveServicesEnableLocalAuth.tf",
        "SRM-AZ-003",
        ('"Face"', '"OpenAI"'),  # srm-iac only judges AI accounts
        {"pass": "PASS", "fail": "FAIL", "fail2": "FAIL"},
    ),
    (
        "GCPVertexAIPrivateEndpoint.tf",
        "SRM-GCP-002",
        None,
        {"endpoint_good": "UNKNOWN", "endpoint_bad": "FAIL"},
    ),
    (
        "GCPVertexAIEndpointEncryptedWithCMK.tf",
        "SRM-GCP-007",
        None,
        {"endpoint_good": "PASS", "endpoint_bad": "FAIL"},
    ),
    (
        "GCPVertexAIPrivateIndexEndpoint.tf",
        "SRM-GCP-003",
        None,
        {
            "index_endpoint_good": "PASS",
            "index_endpoint_good_explicit": "PASS",
            "index_endpoint_bad": "FAIL",
        },
    ),
]


@pytest.mark.parametrize(
    ("name", "check_id", "change", "expected"), LABELLED, ids=[case[0] for case in LABELLED]
)
def test_checkov_labelled_examples(
    corpus: Path,
    catalog: Catalog,
    tmp_path: Path,
    name: str,
    check_id: str,
    change: tuple[str, str] | None,
    expected: dict[str, str],
) -> None:
    text = (corpus / "checkov" / "hcl" / name).read_text(encoding="utf-8")
    if change is not None:
        text = text.replace(*change)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    checks = [check for check in ALL_CHECKS if check.id == check_id]
    assert checks, f"{check_id} is not implemented"
    report = check_inventory(
        catalog, parse_source(tmp_path), RunOptions(today=dt.date(2026, 11, 28)), checks
    )
    got = {f.address.rsplit(".", 1)[-1]: f.status.value for f in report.findings if f.address}
    assert got == expected
