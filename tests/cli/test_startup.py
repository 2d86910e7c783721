"""Start-up stays light: a plain check does not load OpenSSL, tempfile or html, and what
replaces them gives the same results (fingerprints are stored in baselines and history)."""

from __future__ import annotations

import hashlib
import html
import subprocess
import sys

import pytest

from srm_iac.cli.common import xml_escaped
from srm_iac.digest import sha256
from srm_iac.model.enums import Severity, Status, Target
from srm_iac.model.findings import Finding

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
