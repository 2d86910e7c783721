"""One test per bug the robustness work found, with the smallest input that showed it.

Each docstring says what happened before the fix.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from plan_parsers.documents import load_json
from plan_parsers.hcl_blocks import scan_blocks
from plan_parsers.interface import InputSource
from plan_parsers.loader import SourceOptions, load_inventory, read_source
from plan_parsers.terraform_hcl import parse_source
from srm_iac.errors import ConfigError, InputError, SrmError
from srm_iac.model.enums import Severity, Status, Target
from srm_iac.model.findings import Finding
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.reporters.formats import OutputFormat
from srm_iac.reporters.interface import RenderOptions
from srm_iac.yamlio import parse_yaml
from tests.cli.helpers import run_cli
from tests.conftest import TODAY
from tests.factories import change, plan_document
from tests.robustness.fuzz import hang_guard
from tests.robustness.parsers import catalog

Capsys = pytest.CaptureFixture[str]


def scan(tmp_path: Path, main_tf: str) -> list[str]:
    """Scan ``main_tf`` under the hang guard; the resource addresses."""
    (tmp_path / "main.tf").write_text(main_tf, encoding="utf-8")
    with hang_guard(10):
        return [resource.address for resource in parse_source(tmp_path).resources]


# -- JSON ------------------------------------------------------------------------------------


def test_an_integer_of_5000_digits_is_an_input_error() -> None:
    """Was: ValueError from Python's int conversion limit, reported as an internal error."""
    with pytest.raises(InputError, match="too many digits"):
        load_json(b'{"format_version": "1.2", "x": ' + b"9" * 5000 + b"}", "plan.json")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(constant: str) -> None:
    """Was: accepted (Python's json reads them); no JSON writer emits them."""
    with pytest.raises(InputError, match=f"{constant} is not a JSON number"):
        load_json(f'{{"format_version": "1.2", "x": {constant}}}'.encode(), "plan.json")


def test_a_lone_surrogate_in_an_address_reaches_every_format(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Was: UnicodeEncodeError in the finding fingerprint (every format but the table)."""
    document = plan_document(change("aws_bedrock_guardrail", "g", index="\ud800"))
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(document), encoding="utf-8")
    for output in OutputFormat:
        run = run_cli(capsys, monkeypatch, "check", str(plan), "-f", output.value)
        assert run.code in (0, 1), run.err
        assert "internal error" not in run.err


def test_a_lone_surrogate_fingerprints() -> None:
    """Was: ``str.encode()`` raised on the address."""
    finding = Finding(
        "SRM-AWS-005", "AI-SEC-002", Target.AWS_BEDROCK, Status.FAIL, Severity.HIGH, "m", "x\udc80"
    )
    assert len(finding.fingerprint) == 16


# -- YAML ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("expires: 2026-02-30\n", "1:10"),
        ("x: !!timestamp nope\n", "1:4"),
        ("x: !!int abc\n", "1:4"),
        ("x: " + "9" * 5000 + "\n", "1:4"),
    ],
)
def test_a_value_the_safe_loader_cannot_build_is_a_positioned_error(text: str, where: str) -> None:
    """Was: ValueError / AttributeError out of PyYAML, reported as an internal error."""
    with pytest.raises(ConfigError, match=f"^f.yaml:{where}: invalid YAML: not a valid"):
        parse_yaml(text, "f.yaml", ConfigError)


def test_an_impossible_date_in_a_config_file_is_one_line(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "srm-iac.yaml"
    config.write_text(
        "schema_version: 1\nwaivers:\n  - check: SRM-AWS-005\n    reason: r\n"
        "    expires: 2026-02-30\n",
        encoding="utf-8",
    )
    run = run_cli(capsys, monkeypatch, "audit", "--target", "aws_bedrock", "--config", str(config))
    assert run.code == 2
    assert run.err == f"srm-iac: error: {config}:5:14: invalid YAML: not a valid timestamp value\n"


def test_a_key_written_twice_is_refused() -> None:
    """Was: the last one silently won (a second ``waivers:`` dropped the first list)."""
    with pytest.raises(ConfigError, match="^f.yaml:3:1: invalid YAML: duplicate key 'waivers'"):
        parse_yaml("waivers: [a]\nfail_on: high\nwaivers: [b]\n", "f.yaml", ConfigError)


# -- HCL -------------------------------------------------------------------------------------


def test_a_chain_of_300_locals_is_unknown_not_a_crash(tmp_path: Path) -> None:
    """Was: RecursionError (each local evaluated its successor recursively)."""
    chain = "\n".join(f"  l{i} = local.l{i + 1}" for i in range(300))
    scanned = scan(
        tmp_path,
        f'locals {{\n{chain}\n  l300 = "x"\n}}\n'
        'resource "aws_bedrock_guardrail" "g" {\n  name = local.l0\n}\n',
    )
    assert scanned == ["aws_bedrock_guardrail.g"]


def test_locals_that_double_a_value_40_times_do_not_hang(tmp_path: Path) -> None:
    """Was: a hang (the value has 2**40 leaves) and unbounded memory."""
    doubling = "\n".join(f"  l{i} = [local.l{i + 1}, local.l{i + 1}]" for i in range(40))
    (tmp_path / "main.tf").write_text(
        f'locals {{\n{doubling}\n  l40 = "x"\n}}\n'
        'resource "aws_bedrock_guardrail" "g" {\n  name = jsonencode(local.l0)\n}\n',
        encoding="utf-8",
    )
    with hang_guard(15):
        inventory = parse_source(tmp_path)
    assert inventory.resources[0].at("name").is_unknown
    assert any("too large or nested too deeply" in note for note in inventory.notes)


@pytest.mark.parametrize("count", ["100000000", "1e300"])
def test_a_huge_count_is_checked_once(tmp_path: Path, count: str) -> None:
    """Was: a hang building 10**8 (or 10**300) instances."""
    scanned = scan(tmp_path, f'resource "aws_bedrock_guardrail" "g" {{\n  count = {count}\n}}\n')
    assert scanned == ["aws_bedrock_guardrail.g"]


def test_module_calls_that_fan_out_do_not_hang(tmp_path: Path) -> None:
    """Was: a hang and gigabytes of memory: 25 levels of two calls each name 2**25 modules."""
    for level in range(25):
        module = tmp_path / f"m{level}"
        module.mkdir()
        calls = (
            f'module "a" {{ source = "../m{level + 1}" }}\n'
            f'module "b" {{ source = "../m{level + 1}" }}\n'
            if level < 24
            else ""
        )
        (module / "main.tf").write_text(calls, encoding="utf-8")
    (tmp_path / "main.tf").write_text('module "top" { source = "./m0" }\n', encoding="utf-8")
    with hang_guard(30):
        inventory = parse_source(tmp_path)
    assert any("srm-iac follows at most 1000 module calls" in note for note in inventory.notes)


def test_templates_nested_2000_deep_in_a_string_scan(tmp_path: Path) -> None:
    """Was: RecursionError in the block scanner (strings and templates recursed)."""
    nested = '"' + '${"' * 2000 + "x" + '"}' * 2000 + '"'
    text = f'resource "a" "b" {{\n  name = {nested}\n}}\nresource "c" "d" {{}}\n'
    assert [block.labels for block in scan_blocks(text).blocks] == [("a", "b"), ("c", "d")]
    scan(tmp_path, text)


def test_a_tf_symlink_loop_is_skipped_with_a_note(tmp_path: Path) -> None:
    """Was: RuntimeError ("Symlink loop") out of ``Path.resolve``."""
    os.symlink("b.tf", tmp_path / "a.tf")
    os.symlink("a.tf", tmp_path / "b.tf")
    (tmp_path / "main.tf").write_text('resource "aws_bedrock_guardrail" "g" {}\n', "utf-8")
    inventory = parse_source(tmp_path)
    assert [r.address for r in inventory.resources] == ["aws_bedrock_guardrail.g"]
    assert "a.tf: symlink that loops or points nowhere; not read" in inventory.notes


def test_an_automatic_tfvars_symlink_leaving_the_tree_is_not_read(tmp_path: Path) -> None:
    """Was: read (the symlink policy covered .tf files and modules only)."""
    outside = tmp_path / "outside.tfvars"
    outside.write_text('name = "from-outside"\n', encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "main.tf").write_text(
        'variable "name" {}\nresource "aws_bedrock_guardrail" "g" {\n  name = var.name\n}\n',
        encoding="utf-8",
    )
    os.symlink(outside, root / "terraform.tfvars")
    inventory = parse_source(root)
    assert inventory.resources[0].at("name").is_unknown
    assert any("terraform.tfvars: symlink to a file outside" in note for note in inventory.notes)


def test_a_plan_file_symlink_leaving_a_directory_input_is_not_read(tmp_path: Path) -> None:
    """Was: read. A checked-out pull request must not make srm-iac read other files."""
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps(plan_document()), encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    os.symlink(outside, root / "plan.json")
    with pytest.raises(InputError, match="symlink to a file outside"):
        load_inventory(read_source(str(root)))


# -- terminal and document injection ----------------------------------------------------------


def test_escape_sequences_in_a_for_each_key_are_shown_not_executed(tmp_path: Path) -> None:
    """Was: passed to the terminal table and the markdown as they were."""
    key = "\x1b[2J\x1b[32mPASS\u202e"
    document = plan_document(change("aws_bedrock_guardrail", "g", index=key))
    source = InputSource("plan.json", json.dumps(document).encode())
    inventory = load_inventory(source, options=SourceOptions(discover=False))
    report = check_inventory(catalog(), inventory, RunOptions(today=TODAY))
    for output in (OutputFormat.TABLE, OutputFormat.MARKDOWN):
        rendered = output.renderer()(report, catalog(), RenderOptions())
        assert "\x1b" not in rendered and "\u202e" not in rendered
        assert "\ufffd[2J" in rendered or "\ufffd\\[2J" in rendered


def test_an_error_line_never_carries_control_characters() -> None:
    error = InputError("bad\x1b]0;title\x07 file\r\nname")
    assert error.diagnostics() == "bad\ufffd]0;title\ufffd file name"


def test_an_error_on_a_badly_named_file_is_one_printable_line(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    plan = tmp_path / "plan\x1b[2J.json"
    plan.write_text("{", encoding="utf-8")
    run = run_cli(capsys, monkeypatch, "check", str(plan))
    assert run.code == 2 and "\x1b" not in run.err and run.err.count("\n") == 1


def test_all_reader_errors_are_srm_errors() -> None:
    for problem in (b"", b"\xff\xfe\x00", b"[" * 100_000):
        with pytest.raises(SrmError):
            load_json(problem, "x")
