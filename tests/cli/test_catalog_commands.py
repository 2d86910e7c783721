"""catalog, raci, explain, audit: output, exit codes and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from srm_iac.catalog.loader import Catalog
from tests.cli.helpers import run_cli

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch


def test_version(capsys: Capsys, monkeypatch: Patch) -> None:
    run = run_cli(capsys, monkeypatch, "--version")
    assert run.code == 0 and run.out.startswith("srm-iac ")


def test_catalog_validate(capsys: Capsys, monkeypatch: Patch) -> None:
    run = run_cli(capsys, monkeypatch, "catalog", "validate")
    assert run.code == 0
    assert "10 controls x 4 targets (40 assignments)" in run.out


def test_catalog_validate_broken_copy(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, catalog: Catalog
) -> None:
    broken = tmp_path / "catalogs"
    shutil.copytree(catalog.root, broken)
    path = broken / "providers" / "azure_openai.yaml"
    data = yaml.safe_load(path.read_text())
    data["assignments"]["AI-SEC-006"]["owner"] = "cloud"
    path.write_text(yaml.safe_dump(data))
    run = run_cli(capsys, monkeypatch, "catalog", "validate", "--catalog", str(broken))
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "azure_openai.yaml: assignments.AI-SEC-006.owner" in run.err
    assert "Traceback" not in run.err


def test_catalog_list_and_show(capsys: Capsys, monkeypatch: Patch) -> None:
    listing = run_cli(capsys, monkeypatch, "catalog", "list")
    assert listing.code == 0 and listing.out.count("AI-SEC-") == 10
    shown = run_cli(capsys, monkeypatch, "catalog", "show", "ai-sec-002")
    assert shown.code == 0
    assert "Prompt Injection Defense" in shown.out and "LLM01" in shown.out
    assert shown.out.count("): owner ") == 4
    unknown = run_cli(capsys, monkeypatch, "catalog", "show", "AI-SEC-999")
    assert unknown.code == 2 and "unknown control" in unknown.err


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_raci_formats(capsys: Capsys, monkeypatch: Patch, fmt: str) -> None:
    run = run_cli(capsys, monkeypatch, "raci", "--format", fmt)
    assert run.code == 0
    assert "Prompt injection" in run.out and "AI/ML Engineering" in run.out
    if fmt == "json":
        rows = json.loads(run.out)
        assert {"responsible", "accountable", "consulted", "informed"} <= rows[0].keys()


def test_explain(capsys: Capsys, monkeypatch: Patch) -> None:
    run = run_cli(capsys, monkeypatch, "explain", "srm-aws-004")
    assert run.code == 0
    for section in ("What it checks", "Why it matters", "How to fix", "References"):
        assert section in run.out
    assert run_cli(capsys, monkeypatch, "explain", "SRM-NOPE-1").code == 2


def test_usage_error_is_one_line_exit_2(capsys: Capsys, monkeypatch: Patch) -> None:
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, monkeypatch, "audit", "--target", "mars")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice" in err


def test_audit_without_evidence_has_gaps(capsys: Capsys, monkeypatch: Patch) -> None:
    run = run_cli(capsys, monkeypatch, "audit", "--target", "aws_bedrock", "--format", "json")
    assert run.code == 1
    report = json.loads(run.out)
    assert report["schema_version"] == 1
    target = report["targets"][0]
    assert target["target"] == "aws_bedrock" and target["total_controls"] == 10
    assert target["gaps"] == 10 and target["compliance_rate"] == 0.0
    assert {c["status"] for c in target["controls"]} == {"gap"}
    for key in ("control_id", "name", "owner", "status", "risk", "evidence"):
        assert key in target["controls"][0]


def test_audit_fail_on_critical_only_fails_for_unassigned(
    capsys: Capsys, monkeypatch: Patch
) -> None:
    bedrock = run_cli(capsys, monkeypatch, "audit", "-t", "aws_bedrock", "--fail-on", "critical")
    assert bedrock.code == 0
    self_hosted = run_cli(
        capsys, monkeypatch, "audit", "-t", "self_hosted", "--fail-on", "critical"
    )
    assert self_hosted.code == 1


def _attestations(tmp_path: Path, entries: list[dict[str, object]]) -> Path:
    path = tmp_path / "attestations.yaml"
    path.write_text(yaml.safe_dump({"schema_version": 1, "attestations": entries}))
    return path


def _entry(control: str, **changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "control": control,
        "target": "aws_bedrock",
        "statement": "done",
        "evidence": ["https://wiki.example.com/x"],
        "owner": "appsec",
        "date": "2026-10-01",
        "expires": "2027-04-01",
    }
    entry.update(changes)
    return entry


def test_audit_with_attestations(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    path = _attestations(
        tmp_path, [_entry("AI-SEC-004"), _entry("AI-SEC-005", expires="2026-11-01")]
    )
    run = run_cli(
        capsys, monkeypatch, "audit", "-t", "aws_bedrock", "--attestations", str(path), "-f", "json"
    )
    report = json.loads(run.out)
    statuses = {c["control_id"]: c for c in report["targets"][0]["controls"]}
    assert statuses["AI-SEC-004"]["attested"] is True
    # no infrastructure input: the attestation covers the whole control
    assert statuses["AI-SEC-004"]["status"] == "compliant"
    assert statuses["AI-SEC-005"]["status"] == "gap"
    assert any("expired on 2026-11-01" in note for note in report["notes"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("schema_version: 1\nattestations:\n  - control: AI-SEC-004\n", "attestations[0]"),
        ("schema_version: 1\nextra: 1\n", "extra"),
        ("{{{", "invalid YAML"),
        ("", "empty"),
    ],
)
def test_malformed_attestations_exit_2(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(content)
    run = run_cli(capsys, monkeypatch, "audit", "-t", "aws_bedrock", "--attestations", str(path))
    assert run.code == 2 and expected in run.err and run.err.count("\n") == 1


def test_attestation_for_unknown_control(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    path = _attestations(tmp_path, [_entry("AI-SEC-011")])
    run = run_cli(capsys, monkeypatch, "audit", "-t", "aws_bedrock", "--attestations", str(path))
    assert run.code == 2 and "AI-SEC-011" in run.err


def test_audit_output_is_byte_identical(capsys: Capsys, monkeypatch: Patch) -> None:
    outputs = {
        fmt: [
            run_cli(capsys, monkeypatch, "audit", "-t", "gcp_vertex", "-f", fmt).out
            for _ in range(2)
        ]
        for fmt in ("table", "json", "markdown")
    }
    for first, second in outputs.values():
        assert first == second and first
