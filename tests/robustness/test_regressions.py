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
from srm_iac.model.report import Report
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


# -- found after the Pulumi, HTML and assessment work landed ---------------------------------


def test_a_tampered_catalog_cache_cannot_run_code(tmp_path: Path) -> None:
    """Was: arbitrary code execution. The allow-list unpickler accepted dotted names on the
    modules it allowed wholesale, and ``re.enum.bltns.exec`` from the catalog model module is
    Python's ``exec``; a poisoned cache file (a CI cache restored from another run) ran code."""
    from srm_iac.catalog import cache

    marker = tmp_path / "code-ran"

    def text(value: str) -> bytes:
        return b"\x8c" + bytes([len(value.encode())]) + value.encode()

    payload = (
        b"\x80\x04"
        + text("srm_iac.catalog.model")
        + text("re.enum.bltns.exec")
        + b"\x93"
        + text(f"open({str(marker)!r}, 'w').write('x')")
        + b"\x85R."
    )
    key = "0" * 32
    (tmp_path / f"catalog-{key}.pickle").write_bytes(payload)
    os.environ[cache.CACHE_VARIABLE] = str(tmp_path)
    try:
        assert cache.load(key) is None
    finally:
        del os.environ[cache.CACHE_VARIABLE]
    assert not marker.exists()


def test_the_json_writer_writes_what_orjson_refuses() -> None:
    """Was: TypeError (internal error) for a lone surrogate, once JSON output moved to orjson."""
    from srm_iac.jsonout import dumps

    assert json.loads(dumps({"address": "x\ud800", "n": 2**70})) == {
        "address": "x\ud800",
        "n": 2**70,
    }


def test_a_code_span_survives_double_backticks_in_an_address() -> None:
    """Was: markdown injection. An address with ``` `` ``` closed the double-backtick code span
    early, so HTML or links after it rendered in the pull-request comment."""
    from srm_iac.reporters.markdown import code
    from tests.reporters.gfm import parser

    rendered = code("`` ` `` <script>alert(1)</script>", in_table=True)
    children = [c for t in parser().parse(rendered) for c in t.children or ()]
    assert [c.type for c in children] == ["code_inline"]


def test_a_preview_step_whose_op_is_a_list_is_skipped() -> None:
    """Was: TypeError (unhashable list) looking the op up."""
    document = {"steps": [{"op": [], "urn": "urn:pulumi:s::p::aws:x:Y::n"}], "changeSummary": {}}
    source = InputSource("preview.json", json.dumps(document).encode())
    assert load_inventory(source, options=SourceOptions(discover=False)).resources == []


def test_pulumi_properties_nested_beyond_the_limit_are_unknown() -> None:
    """Was: RecursionError in the Pulumi value mapping (a preview file can nest anything)."""
    deep: object = "x"
    for _ in range(300):  # over the property limit, within the JSON one
        deep = [deep]
    step = {
        "op": "create",
        "urn": "urn:pulumi:dev::p::aws:bedrock/guardrail:Guardrail::g",
        "newState": {
            "urn": "urn:pulumi:dev::p::aws:bedrock/guardrail:Guardrail::g",
            "type": "aws:bedrock/guardrail:Guardrail",
            "custom": True,
            "inputs": {"name": "g", "tags": deep},
        },
    }
    text = json.dumps({"steps": [step], "changeSummary": {}})
    source = InputSource("preview.json", text.encode())
    inventory = load_inventory(source, options=SourceOptions(discover=False))
    assert inventory.resources[0].at("tags").is_unknown
    assert any("nested more than 64 levels deep" in note for note in inventory.notes)


@pytest.mark.parametrize(
    ("statement", "value"),
    [
        ("UPDATE target_results SET total = ?", "abc"),
        ("UPDATE findings SET status = ?", "BOGUS"),
        ("UPDATE runs SET recorded_at = ?", "yesterday"),
        ("UPDATE control_results SET attested = ?", b"\x00"),
    ],
)
def test_a_damaged_history_row_is_one_line(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, statement: str, value: object
) -> None:
    """Was: TypeError / ValueError (internal errors) in ``diff`` and the HTML trend: SQLite
    stores any value in any column, so a damaged or foreign database reached the arithmetic."""
    from tests.robustness.history_inputs import HistoryCase, write_case

    path = tmp_path / "history.db"
    write_case(HistoryCase(((statement, (value,)),), None), path)
    for argv in (["diff", "--history", str(path)], ["history", "--history", str(path)]):
        run = run_cli(capsys, monkeypatch, *argv)
        assert "internal error" not in run.err
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_bedrock_guardrail", "g"))), "utf-8")
    run = run_cli(capsys, monkeypatch, "check", str(plan), "-f", "html", "--history", str(path))
    assert "internal error" not in run.err


# -- found by the long run (SRM_FUZZ_EXAMPLES=4000) ----------------------------------------------


def test_a_template_that_never_closes_is_opaque(tmp_path: Path) -> None:
    """Was: HclSyntaxError ("unterminated string") out of the template reader, an internal
    error: python-hcl2 hands ``("\\"")`` back as the text ``${(")}``."""
    scanned = scan(
        tmp_path,
        'variable "a" {\n  sensitive = true\n  default = ("\\"")\n}\n'
        'resource "aws_bedrock_guardrail" "g" {\n  name = var.a\n}\n',
    )
    assert scanned == ["aws_bedrock_guardrail.g"]


def test_a_backslash_before_a_pipe_cannot_split_a_table_cell() -> None:
    """Was: a new table cell on GitHub. Its table scanner pairs a backslash with the next
    punctuation first, so an address ending in a backslash turned the escaped pipe the
    reporter wrote into a cell separator."""
    from srm_iac.reporters.markdown import code
    from tests.reporters.gfm import cells

    for address in ("a|b", "\\|", "\\\\|", "x\\\\\\|y"):
        assert len(cells(f"| {code(address, in_table=True)} | b |")) == 2, address


def test_a_history_page_holding_text_that_is_not_utf8_is_one_line(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Was: UnicodeDecodeError (an internal error) from sqlite3 decoding a damaged schema."""
    from tests.robustness.history_inputs import seed_database

    path = tmp_path / "history.db"
    damaged = seed_database().replace(
        b"version INTEGER PRIMARY KEY", b"version INTEGER PRIMARY \xffEY"
    )
    path.write_bytes(damaged)
    for argv in (["history", "--history", str(path)], ["diff", "--history", str(path)]):
        run = run_cli(capsys, monkeypatch, *argv)
        assert run.code == 2 and "internal error" not in run.err, run.err
        assert "not a readable srm-iac history database (malformed text" in run.err


def report_of_a_backslash_key() -> Report:
    """The report of a plan whose one guardrail's for_each key is 200,000 backslashes."""
    document = plan_document(change("aws_bedrock_guardrail", "g", index="\\" * 200_000))
    source = InputSource("plan.json", json.dumps(document).encode())
    inventory = load_inventory(source, options=SourceOptions(discover=False))
    return check_inventory(catalog(), inventory, RunOptions(today=TODAY))


def test_a_long_run_of_backslashes_does_not_stall_the_terminal_report(tmp_path: Path) -> None:
    """Was: a hang. rich's markup regexes take time quadratic in a run of backslashes, so a
    for_each key (or a registry pattern) of 200,000 backslashes stalled the table for minutes."""
    report = report_of_a_backslash_key()
    with hang_guard(10):
        table = OutputFormat.TABLE.renderer()(report, catalog(), RenderOptions())
    assert "(200000 backslashes)" in table


def test_a_long_run_of_backslashes_does_not_stall_the_markdown_report() -> None:
    """Was: a hang, found by a long fuzz run. The pipe-escaping regex tried a match at every
    backslash of a run and scanned the rest of it each time (quadratic in the run), so an
    address of 200,000 backslashes stalled the pull-request comment."""
    report = report_of_a_backslash_key()
    with hang_guard(10):
        rendered = OutputFormat.MARKDOWN.renderer()(report, catalog(), RenderOptions())
    assert rendered.startswith("<!-- srm-iac:summary -->")
    from srm_iac.reporters.markdown import code

    with hang_guard(10):
        cell = code("\\" * 200_000 + "x", in_table=True)
    assert cell == "`" + "\\" * 200_000 + "x`"


def test_pipes_after_long_backslash_runs_are_still_escaped() -> None:
    from srm_iac.reporters.markdown import code
    from tests.reporters.gfm import cells

    for address in ("\\" * 5000 + "|", "\\" * 5001 + "|x", "a" + "\\" * 3 + "|" + "\\" * 4 + "|"):
        assert len(cells(f"| {code(address, in_table=True)} | b |")) == 2, address[-20:]
