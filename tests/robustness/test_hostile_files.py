"""Files built to hurt: alias bombs, symlinks out of the tree and in loops, thousands of
files, ``--output`` aimed at an input, and inputs of a gigabyte.

Each command here either does its job or refuses with one line and exit code 2, quickly,
and never overwrites what the user gave it.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from plan_parsers.limits import DEFAULT_MAX_INPUT_BYTES, parse_size
from plan_parsers.loader import read_source
from plan_parsers.terraform_hcl import parse_source
from srm_iac.catalog.loader import default_catalog_dir
from srm_iac.errors import InputError
from tests.cli.helpers import Run, run_cli
from tests.factories import change, plan_document
from tests.robustness.fuzz import hang_guard
from tests.robustness.yaml_inputs import alias_bomb

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
GUARDRAIL = 'resource "aws_bedrock_guardrail" "{name}" {{\n  name = "{name}"\n}}\n'


def cli(capsys: Capsys, monkeypatch: Patch, *argv: str, stdin: bytes | None = None) -> Run:
    with hang_guard(60):
        run = run_cli(capsys, monkeypatch, *argv, stdin=stdin)
    assert "internal error" not in run.err and "Traceback" not in run.err, run.err
    return run


def write_plan(path: Path) -> Path:
    path.write_text(json.dumps(plan_document(change("aws_bedrock_guardrail", "g"))), "utf-8")
    return path


# -- YAML alias bombs ----------------------------------------------------------------------


def bomb(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("schema_version: 1\n" + alias_bomb(40), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["config", "attestations", "registry", "catalog"])
def test_an_alias_bomb_is_refused_at_once(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, kind: str
) -> None:
    plan = write_plan(tmp_path / "plan.json")
    if kind == "catalog":
        catalog = tmp_path / "catalog"
        shutil.copytree(default_catalog_dir(), catalog)
        bomb(catalog / "raci.yaml")
        argv = ["check", str(plan), "--catalog", str(catalog)]
    elif kind == "registry":
        argv = ["inventory", str(plan), "--registry", str(bomb(tmp_path / "ai-assets.yaml"))]
    else:
        argv = ["check", str(plan), f"--{kind}", str(bomb(tmp_path / f"{kind}.yaml"))]
    started = time.monotonic()
    run = cli(capsys, monkeypatch, *argv)
    assert run.code == 2
    assert "YAML aliases are not allowed" in run.err and run.err.count("\n") == 1
    assert time.monotonic() - started < 5


# -- symlinks ----------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """``root/`` with one guardrail, beside ``outside/`` with another."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.tf").write_text(GUARDRAIL.format(name="outside"), encoding="utf-8")
    (outside / "main.tf").write_text(GUARDRAIL.format(name="module_outside"), encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "main.tf").write_text(GUARDRAIL.format(name="inside"), encoding="utf-8")
    return root


def addresses(root: Path) -> list[str]:
    with hang_guard(30):
        return sorted(resource.address for resource in parse_source(root).resources)


def test_a_tf_symlink_out_of_the_tree_is_not_followed(tree: Path) -> None:
    os.symlink(tree.parent / "outside" / "secret.tf", tree / "linked.tf")
    assert addresses(tree) == ["aws_bedrock_guardrail.inside"]


def test_a_module_directory_symlinked_out_of_the_tree_is_not_followed(tree: Path) -> None:
    os.symlink(tree.parent / "outside", tree / "vendored")
    (tree / "modules.tf").write_text('module "v" {\n  source = "./vendored"\n}\n', "utf-8")
    assert addresses(tree) == ["aws_bedrock_guardrail.inside"]


def test_symlinks_inside_the_tree_are_followed(tree: Path) -> None:
    (tree / "modules" / "m").mkdir(parents=True)
    (tree / "modules" / "m" / "main.tf").write_text(GUARDRAIL.format(name="mod"), "utf-8")
    os.symlink(tree / "modules" / "m", tree / "m_link")
    (tree / "modules.tf").write_text('module "v" {\n  source = "./m_link"\n}\n', "utf-8")
    assert addresses(tree) == ["aws_bedrock_guardrail.inside", "module.v.aws_bedrock_guardrail.mod"]


@pytest.mark.parametrize(
    "links",
    [
        [("a.tf", "b.tf"), ("b.tf", "a.tf")],
        [("self.tf", "self.tf")],
        [("loop", ".")],
        [("x", "y"), ("y", "x")],
        [("deep", "deep/deeper")],
    ],
    ids=["file-pair", "file-self", "dir-to-itself", "dir-pair", "dir-into-itself"],
)
def test_symlink_loops_end(tree: Path, links: list[tuple[str, str]]) -> None:
    for name, target in links:
        os.symlink(target, tree / name)
    sources = [name for name, _ in links if not name.endswith(".tf")]
    (tree / "modules.tf").write_text(
        "".join(f'module "m{n}" {{\n  source = "./{s}"\n}}\n' for n, s in enumerate(sources)),
        encoding="utf-8",
    )
    assert "aws_bedrock_guardrail.inside" in addresses(tree)


def test_inventory_does_not_walk_into_a_directory_symlink_loop(
    capsys: Capsys, monkeypatch: Patch, tree: Path
) -> None:
    os.symlink(".", tree / "loop")
    os.symlink(tree.parent, tree / "parent")
    run = cli(capsys, monkeypatch, "inventory", str(tree), "-f", "json")
    assert run.code in (0, 1)
    assert [ws["name"] for ws in json.loads(run.out)["workspaces"]] == [tree.as_posix()]


# -- a tree of thousands of files ----------------------------------------------------------------

MANY_FILES = 5000


def test_a_tree_of_5000_files_is_read(
    tmp_path: Path, capsys: Capsys, monkeypatch: Patch, record_property: pytest.RecordProperty
) -> None:
    root = tmp_path / "big"
    root.mkdir()
    for number in range(MANY_FILES):
        (root / f"g{number:04d}.tf").write_text(GUARDRAIL.format(name=f"g{number}"), "utf-8")
    started = time.monotonic()
    run = cli(capsys, monkeypatch, "check", str(root), "-f", "json", "--keep-going")
    seconds = time.monotonic() - started
    record_property("seconds_for_5000_files", round(seconds, 1))
    report = json.loads(run.out)
    assert report["stats"]["resources"] == MANY_FILES
    assert seconds < 120, f"{MANY_FILES} files took {seconds:.0f} s"


# -- --output aimed at an input -------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A source tree that calls a module outside it, with tfvars, config and attestations."""
    modules = tmp_path / "modules" / "ai"
    modules.mkdir(parents=True)
    (modules / "main.tf").write_text(GUARDRAIL.format(name="mod"), encoding="utf-8")
    root = tmp_path / "infra"
    root.mkdir()
    (root / "main.tf").write_text(
        GUARDRAIL.format(name="g") + 'module "ai" {\n  source = "../modules/ai"\n}\n', "utf-8"
    )
    (root / "terraform.tfvars").write_text('x = "1"\n', encoding="utf-8")
    (tmp_path / "attestations.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    (tmp_path / "srm-iac.yaml").write_text(
        "schema_version: 1\nattestations: attestations.yaml\n", encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    "victim",
    [
        "infra",
        "infra/main.tf",
        "infra/terraform.tfvars",
        "modules/ai/main.tf",
        "srm-iac.yaml",
        "attestations.yaml",
    ],
)
def test_output_never_overwrites_what_a_source_scan_read(
    capsys: Capsys, monkeypatch: Patch, project: Path, victim: str
) -> None:
    target = project / victim
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    config = str(project / "srm-iac.yaml")
    run = cli(
        capsys, monkeypatch, "check", str(project / "infra"), "--config", config, "-o", str(target)
    )
    assert run.code == 2
    assert "is an input of this run; refusing to overwrite it" in run.err
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "relative"])
def test_output_never_overwrites_the_plan(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, how: str
) -> None:
    plan = write_plan(tmp_path / "plan.json")
    original = plan.read_bytes()
    target = tmp_path / "report.json"
    if how == "same":
        target = plan
    elif how == "symlink":
        os.symlink(plan, target)
    elif how == "hardlink":
        os.link(plan, target)
    else:
        monkeypatch.chdir(tmp_path)
        target = Path("sub/../plan.json")
        (tmp_path / "sub").mkdir()
    run = cli(capsys, monkeypatch, "check", str(plan), "-o", str(target))
    assert run.code == 2 and "refusing to overwrite" in run.err
    assert plan.read_bytes() == original


def test_output_never_overwrites_a_plan_found_in_a_directory(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = write_plan(tmp_path / "plan.json")
    original = plan.read_bytes()
    run = cli(capsys, monkeypatch, "check", str(tmp_path), "-o", str(plan))
    assert run.code == 2 and plan.read_bytes() == original


def test_output_never_overwrites_a_catalog_file(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), catalog)
    victim = catalog / "controls.yaml"
    original = victim.read_bytes()
    for argv in (
        ["check", str(write_plan(tmp_path / "plan.json")), "--catalog", str(catalog)],
        ["audit", "-t", "aws_bedrock", "--catalog", str(catalog)],
    ):
        run = cli(capsys, monkeypatch, *argv, "-o", str(victim))
        assert run.code == 2 and victim.read_bytes() == original


def test_inventory_output_never_overwrites_a_workspace_file(
    capsys: Capsys, monkeypatch: Patch, project: Path
) -> None:
    victim = project / "infra" / "main.tf"
    original = victim.read_bytes()
    run = cli(capsys, monkeypatch, "inventory", str(project / "infra"), "-o", str(victim))
    assert run.code == 2 and victim.read_bytes() == original


def test_a_report_beside_the_inputs_is_written(
    capsys: Capsys, monkeypatch: Patch, project: Path
) -> None:
    report = project / "infra" / "srm-iac-report.json"
    run = cli(capsys, monkeypatch, "check", str(project / "infra"), "-f", "json", "-o", str(report))
    assert run.code in (0, 1) and json.loads(report.read_text("utf-8"))["schema_version"] == 1


# -- inputs of a gigabyte -------------------------------------------------------------------------


def test_a_1_gib_plan_is_refused_before_it_is_read(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = tmp_path / "huge.json"
    with plan.open("wb") as handle:
        handle.truncate(1024**3)  # sparse: no gigabyte is written to disk
    started = time.monotonic()
    run = cli(capsys, monkeypatch, "check", str(plan))
    assert run.code == 2
    assert run.err == (
        f"srm-iac: error: {plan}: input is larger than 256 MiB (raise the limit with "
        "--max-input-size or SRM_IAC_MAX_INPUT_SIZE, or split the workspace)\n"
    )
    assert time.monotonic() - started < 5


class EndlessStream(io.RawIOBase):
    """Standard input that never ends (``yes | srm-iac check -``); counts what is read."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        buffer[: len(buffer)] = b" " * len(buffer)
        self.served += len(buffer)
        return len(buffer)


def test_endless_standard_input_is_read_no_further_than_the_limit() -> None:
    stream = EndlessStream()
    with hang_guard(30), pytest.raises(InputError, match="larger than 1 MiB"):
        read_source("-", io.BufferedReader(stream), max_bytes=1024**2)
    assert stream.served <= 1024**2 + io.DEFAULT_BUFFER_SIZE * 2


def test_endless_standard_input_on_the_command_line(capsys: Capsys, monkeypatch: Patch) -> None:
    stream = io.BufferedReader(EndlessStream())
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(stream))
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    monkeypatch.setenv("SRM_IAC_MAX_INPUT_SIZE", "2M")
    run = cli(capsys, monkeypatch, "check", "-")
    assert run.code == 2 and "input is larger than 2 MiB" in run.err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_that_never_ends_is_read_no_further_than_the_limit(
    capsys: Capsys, monkeypatch: Patch
) -> None:
    run = cli(capsys, monkeypatch, "check", "/dev/zero", "--max-input-size", "1M")
    assert run.code == 2 and "input is larger than 1 MiB" in run.err


def test_source_trees_share_the_limit(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    for number in range(3):
        padding = "#" * (600 * 1024)
        (tmp_path / f"f{number}.tf").write_text(
            padding + "\n" + GUARDRAIL.format(name=f"g{number}")
        )
    run = cli(capsys, monkeypatch, "check", str(tmp_path), "--max-input-size", "1M")
    assert run.code == 2 and "the .tf files are larger than 1 MiB together" in run.err


def test_the_limit_can_be_raised(capsys: Capsys, monkeypatch: Patch, tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.json")
    assert cli(capsys, monkeypatch, "check", str(plan), "--max-input-size", "10").code == 2
    assert cli(capsys, monkeypatch, "check", str(plan), "--max-input-size", "1K").code in (0, 1)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("256M", 256 * 1024**2),
        ("1G", 1024**3),
        ("512KiB", 512 * 1024),
        ("1000", 1000),
        ("2 mb", 2 * 1024**2),
    ],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "0", "-1", "1T", "lots", "1.5G", "9" * 20])
def test_bad_sizes(capsys: Capsys, monkeypatch: Patch, tmp_path: Path, text: str) -> None:
    plan = write_plan(tmp_path / "plan.json")
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, monkeypatch, "check", str(plan), "--max-input-size", text)
    assert exited.value.code == 2
    monkeypatch.setenv("SRM_IAC_MAX_INPUT_SIZE", text or "x")
    run = cli(capsys, monkeypatch, "check", str(plan))
    assert run.code == 2 and "SRM_IAC_MAX_INPUT_SIZE" in run.err


def test_the_default_limit() -> None:
    assert DEFAULT_MAX_INPUT_BYTES == 256 * 1024**2


def test_a_crossguard_audit_report_never_overwrites_the_config(tmp_path: Path) -> None:
    from srm_iac.cli.common import emit
    from srm_iac.errors import UsageError
    from srm_iac.pulumi_pack.settings import settings_for
    from tests.robustness.parsers import catalog

    config = tmp_path / "srm-iac.yaml"
    config.write_text("schema_version: 1\nattestations: attestations.yaml\n", encoding="utf-8")
    (tmp_path / "attestations.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    for report in ("srm-iac.yaml", "attestations.yaml"):
        properties = {"configFile": str(config), "reportJson": str(tmp_path / report)}
        settings = settings_for(properties, catalog(), check_id=None)
        assert settings.report_json is not None
        with pytest.raises(UsageError, match="refusing to overwrite"):
            emit("{}", settings.report_json, settings.inputs, ())
    assert config.read_text(encoding="utf-8").startswith("schema_version: 1")


@pytest.mark.parametrize("command", ["check", "inventory"])
def test_output_never_overwrites_the_history_it_records_into(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path, command: str
) -> None:
    plan = write_plan(tmp_path / "plan.json")
    history = tmp_path / "history.db"
    assert cli(capsys, monkeypatch, command, str(plan), "--record", "--history", str(history))
    original = history.read_bytes()
    argv = (command, str(plan), "--record", "--history", str(history), "-o", str(history))
    run = cli(capsys, monkeypatch, *argv)
    assert run.code == 2 and history.read_bytes() == original
    audit = (
        "audit",
        "-t",
        "aws_bedrock",
        "--record",
        "--history",
        str(history),
        "-o",
        str(history),
    )
    assert cli(capsys, monkeypatch, *audit).code == 2 and history.read_bytes() == original


def test_inventory_honours_the_input_limit(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SRM_IAC_MAX_INPUT_SIZE", "10")
    run = cli(capsys, monkeypatch, "inventory", str(write_plan(tmp_path / "plan.json")))
    assert run.code == 2 and "input is larger than 10 bytes" in run.err
