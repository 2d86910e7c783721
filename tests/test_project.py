"""Project-level promises: the README's two commands, CI, lean start-up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def _setup_commands() -> list[str]:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_starts_with_exactly_two_commands() -> None:
    install_and_run, run_tests = _setup_commands()
    assert "pip install '.[hcl]'" in install_and_run
    assert "srm-iac check examples/" in install_and_run
    assert run_tests.endswith("python -m pytest")
    example = install_and_run.rsplit("srm-iac check ", 1)[1].split()[0]
    assert (REPO / example).is_file(), f"README's example {example} is missing"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    test_command = _setup_commands()[1].rsplit("&& ", 1)[1]
    assert test_command in ci
    assert "pip install" in ci and "-e '.[dev]'" in ci
    assert "ruff check" in ci and "mypy" in ci


def test_cli_start_up_imports_no_heavy_modules() -> None:
    code = (
        "import sys, srm_iac.cli.main as m; m.build_parser(); "
        "print(sorted(n for n in ('rich', 'pydantic', 'yaml') if n in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_checking_a_plan_does_not_import_the_hcl_parser() -> None:
    plan = REPO / "examples" / "terraform" / "bedrock-insecure" / "plan.json"
    code = (
        "import sys; from plan_parsers.loader import load_inventory, read_source; "
        "from plan_parsers.loader import SourceOptions; "
        f"load_inventory(read_source({str(plan)!r}), options=SourceOptions(discover=False)); "
        "print(sorted(n for n in ('hcl2', 'plan_parsers.hcl_expressions') if n in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_checking_a_plan_imports_neither_pydantic_nor_yaml(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes((REPO / "examples/terraform/bedrock-insecure/plan.json").read_bytes())
    code = (
        "import sys, io, contextlib; from srm_iac.cli.main import main; "
        f"out = io.StringIO()\nwith contextlib.redirect_stdout(out): main(['check', {str(plan)!r}, "
        "'-f', 'json'])\n"
        "print(sorted(n for n in ('pydantic', 'yaml', 'rich', 'hcl2') if n in sys.modules))"
    )
    environment = {**os.environ, "SRM_IAC_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        )
        .stdout.strip()
        .splitlines()[-1]
        for _ in range(2)
    ]
    assert runs[0] == "['pydantic', 'yaml']"  # the first run validates the catalog
    assert runs[1] == "[]"  # later runs read the validated catalog from the cache
