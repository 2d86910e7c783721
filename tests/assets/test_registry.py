"""The registry file: validated like the config, one line per problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from srm_iac.assets.kinds import AssetKind
from srm_iac.assets.registry import load_registry
from srm_iac.errors import ConfigError
from srm_iac.model.enums import Target

ENTRY = {"address": "aws_bedrockagent_agent.*", "owner": "team-a", "reviewed": "2026-10-01"}


def _write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "registry.yaml"
    path.write_text(document if isinstance(document, str) else yaml.safe_dump(document))
    return path


def test_valid_registry(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {
            "schema_version": 1,
            "assets": [
                {**ENTRY, "approved_models": ["anthropic.*"], "target": "aws_bedrock"},
                {"name": "faq-*", "owner": "team-b", "reviewed": "2026-01-01", "kind": "agent"},
            ],
        },
    )
    registry = load_registry(path)
    first, second = registry.assets
    assert first.reviewed == dt.date(2026, 10, 1) and first.target is Target.AWS_BEDROCK
    assert first.pattern == "address=aws_bedrockagent_agent.*"
    assert second.kind is AssetKind.AGENT and second.pattern == "name=faq-*"
    assert first.matches("ws", Target.AWS_BEDROCK, AssetKind.AGENT, "aws_bedrockagent_agent.x", "")
    assert not first.matches(
        "ws", Target.GCP_VERTEX, AssetKind.AGENT, "aws_bedrockagent_agent.x", ""
    )
    assert second.matches("ws", Target.GCP_VERTEX, AssetKind.AGENT, "anything", "faq-bot")
    assert not second.matches("ws", Target.GCP_VERTEX, AssetKind.AGENT, "anything", "")
    assert first.approves(("anthropic.claude",)) and not second.approves(("anthropic.claude",))


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"schema_version": 1, "assets": [{**ENTRY, "owners": "x"}]}, "assets[0].owners: Extra"),
        (
            {"schema_version": 1, "assets": [{**ENTRY, "name": "x"}]},
            "exactly one of address or name",
        ),
        (
            {"schema_version": 1, "assets": [{"owner": "a", "reviewed": "2026-01-01"}]},
            "exactly one of address or name",
        ),
        ({"schema_version": 1, "assets": [{**ENTRY, "reviewed": "soon"}]}, "assets[0].reviewed"),
        ({"schema_version": 1, "assets": [{**ENTRY, "owner": ""}]}, "assets[0].owner"),
        ({"schema_version": 1, "assets": [{**ENTRY, "target": "aws"}]}, "assets[0].target"),
        ({"schema_version": 1, "assets": [{**ENTRY, "kind": "supporting"}]}, "not an asset"),
        ({"schema_version": 2, "assets": []}, "schema_version"),
        ({"assets": []}, "schema_version: Field required"),
        ("schema_version: 1\nassets: [\n", "invalid YAML"),
        ("", "the file is empty"),
    ],
)
def test_malformed_registry_is_one_line(tmp_path: Path, document: object, expected: str) -> None:
    path = _write(tmp_path, document)
    with pytest.raises(ConfigError) as raised:
        load_registry(path)
    message = raised.value.diagnostics()
    assert expected in message and "\n" not in message and str(path) in message


def test_missing_registry_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_registry(tmp_path / "absent.yaml")
