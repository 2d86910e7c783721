"""Start-up stays light: a plain check does not load OpenSSL, tempfile or html, and what
replaces them gives the same results (fingerprints are stored in baselines and history).
The exit skips the interpreter's teardown only when nothing is lost by it."""

from __future__ import annotations

import hashlib
import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

from srm_iac.cli.common import xml_escaped
from srm_iac.cli.main import YOUNG_OBJECTS_PER_COLLECTION
from srm_iac.digest import sha256
from srm_iac.model.enums import Severity, Status, Target
from srm_iac.model.findings import Finding
from tests.factories import change, plan_document

TEXTS = ["", "plain", "a&b<c>d\"e'f", "&amp;", "é\udc80 surrogate", "x" * 5000]


@pytest.mark.parametrize("text", TEXTS)
def test_the_escape_is_html_escape(text: str) -> None:
    assert xml_escaped(text) == html.escape(text)
    assert xml_escaped(text, quote=False) == html.escape(text, False)


@pytest.mark.parametrize("text", TEXTS)
def test_the_digest_is_sha256(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()


def test_a_fingerprint_is_unchanged() -> None:
    finding = Finding(
        check_id="SRM-AWS-001",
        control_id="AI-SEC-001",
        target=Target.AWS_BEDROCK,
        address="aws_bedrock_guardrail.g",
        status=Status.FAIL,
        severity=Severity.HIGH,
        message="m",
    )
    key = f"SRM-AWS-001|{finding.target}|aws_bedrock_guardrail.g"
    assert finding.fingerprint == hashlib.sha256(key.encode()).hexdigest()[:16]


def test_importing_the_check_path_loads_no_heavy_module() -> None:
    code = (
        "import sys, srm_iac.cli.main, srm_iac.cli.checkrun, srm_iac.pipeline, "
        "srm_iac.reporters.json_report, plan_parsers.loader;"
        "print(sorted({'_hashlib', 'tempfile', 'html'} & set(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"


DEFAULT_THRESHOLD = int(
    subprocess.run(
        [sys.executable, "-c", "import gc; print(gc.get_threshold()[0])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
)
"""A fresh interpreter's cycle-collection threshold."""


def _exit_with(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", f"import srm_iac.cli.main as m\n{code}"],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_fast_exit_delivers_all_output_and_the_code() -> None:
    ended = _exit_with(
        "import sys\nsys.stdout.write('x' * 200_000)\nsys.stderr.write('warned')\nm.exit_now(1)"
    )
    assert (ended.returncode, len(ended.stdout), ended.stderr) == (1, 200_000, "warned")


def test_exit_handlers_and_threads_get_the_normal_exit() -> None:
    handler = _exit_with("import atexit\natexit.register(print, 'handler ran')\nm.exit_now(3)")
    assert (handler.returncode, handler.stdout) == (3, "handler ran\n")
    thread = _exit_with(
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.2), print('thread done'))).start()\n"
        "m.exit_now(0)"
    )
    assert (thread.returncode, thread.stdout) == (0, "thread done\n")


def test_the_console_entry_point_writes_the_whole_report(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_bedrock_guardrail", "g"))))
    ended = subprocess.run(
        [sys.executable, "-m", "srm_iac", "check", str(plan), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ended.returncode in (0, 1), ended.stderr
    assert json.loads(ended.stdout)["stats"]["resources"] == 1


@pytest.mark.parametrize(
    ("path", "directory"), [("plan.json", False), ("-", False), (".", True), (None, False)]
)
def test_only_a_source_directory_keeps_the_default_pace(path: str | None, directory: bool) -> None:
    ended = _exit_with(
        "import argparse, gc\n"
        f"print(m.reads_a_directory(argparse.Namespace(path={path!r})))\n"
        "before = m.collect_cycles_rarely()\n"
        "print(gc.get_threshold()[0], before[0])"
    )
    expected = f"{directory}\n{YOUNG_OBJECTS_PER_COLLECTION} {DEFAULT_THRESHOLD}\n"
    assert (ended.returncode, ended.stdout) == (0, expected)


def test_only_the_console_entry_point_tunes_the_collector(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_document(change("aws_s3_bucket", "b"))))
    code = (
        "import gc, sys\n"
        "defaults = gc.get_threshold()\n"
        "m.exit_now = lambda code: print(gc.get_threshold()[0])\n"
        f"m.main(['check', {str(plan)!r}, '--format', 'json', '--output', '/dev/null'])\n"
        "print(gc.get_threshold()[0])\n"
        f"sys.argv = ['srm-iac', 'check', {str(plan)!r}, '--output', '/dev/null']\n"
        "m.run()\n"
        "gc.set_threshold(*defaults)\n"
        f"sys.argv = ['srm-iac', 'check', {str(tmp_path)!r}, '--output', '/dev/null']\n"
        "m.run()"
    )
    ended = _exit_with(code)
    expected = [DEFAULT_THRESHOLD, YOUNG_OBJECTS_PER_COLLECTION, DEFAULT_THRESHOLD]
    assert ended.stdout.split() == [str(n) for n in expected], ended.stderr
