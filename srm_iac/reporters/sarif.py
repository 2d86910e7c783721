"""SARIF 2.1.0 as GitHub code scanning accepts it.

Stable rule ids (the check ids) with metadata from the catalog, the resource address as a
logical location, the declaring file and lines as the physical location when known, and a
partial fingerprint that survives line moves. Passing findings are not results.
"""

from __future__ import annotations

from typing import Any

from srm_iac.catalog.loader import Catalog
from srm_iac.catalog.model import CheckSpec
from srm_iac.jsonout import dumps
from srm_iac.model.enums import Severity, Status
from srm_iac.model.findings import Finding
from srm_iac.model.report import Report
from srm_iac.reporters.interface import RenderOptions

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/srm-iac/srm-iac"
FINGERPRINT_KEY = "srmIacFinding/v1"
_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
}
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
}


def render(report: Report, catalog: Catalog, options: RenderOptions) -> str:
    """The report as a SARIF log."""
    del options
    return dumps(sarif_log(report, catalog))


def sarif_log(report: Report, catalog: Catalog) -> dict[str, Any]:
    """The SARIF document as a dict."""
    results = [f for f in report.findings if f.status is not Status.PASS]
    rule_ids = sorted({f.check_id for f in results})
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "srm-iac",
                "version": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(catalog.check(rule_id), catalog) for rule_id in rule_ids],
            }
        },
        "results": [_result(f, index[f.check_id], report, catalog) for f in results],
        "columnKind": "unicodeCodePoints",
    }
    if report.failures:
        run["invocations"] = [_failed_invocation(report)]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _failed_invocation(report: Report) -> dict[str, Any]:
    """A check that raised: the run did not succeed, and each such check is an error
    notification (code scanning would otherwise show a clean run)."""
    return {
        "executionSuccessful": False,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "descriptor": {"id": failure.check_id},
                "message": {
                    "text": f"check {failure.check_id} raised {failure.error}; its findings are "
                    "missing from this report"
                },
            }
            for failure in report.failures
        ],
    }


def _rule(spec: CheckSpec, catalog: Catalog) -> dict[str, Any]:
    control = catalog.control(spec.control)
    references = "\n".join(f"- {url}" for url in spec.references)
    markdown = (
        f"**What it checks**: {spec.what}\n\n**Why it matters**: {spec.why}\n\n"
        f"**How to fix**: {spec.fix}\n\n**Control**: {control.id} {control.name} "
        f"(OWASP {', '.join(control.owasp_llm)}; NIST AI RMF {control.nist_ai_rmf})\n\n"
        f"**References**:\n{references}"
    )
    return {
        "id": spec.id,
        "name": "".join(word.capitalize() for word in spec.title.replace("-", " ").split()),
        "shortDescription": {"text": spec.title},
        "fullDescription": {"text": spec.what},
        "help": {"text": f"{spec.why} Fix: {spec.fix}", "markdown": markdown},
        "helpUri": spec.references[0],
        "defaultConfiguration": {"level": _LEVEL[spec.severity]},
        "properties": {
            "tags": ["security", spec.target.value, control.id, *control.owasp_llm],
            "security-severity": _SECURITY_SEVERITY[spec.severity],
            "precision": "high",
            "control": control.id,
            "nist-ai-rmf": control.nist_ai_rmf,
        },
    }


def _result(finding: Finding, rule_index: int, report: Report, catalog: Catalog) -> dict[str, Any]:
    title = catalog.check(finding.check_id).title
    subject = finding.address or finding.target.value
    level = _LEVEL[finding.severity] if finding.status is Status.FAIL else "note"
    result: dict[str, Any] = {
        "ruleId": finding.check_id,
        "ruleIndex": rule_index,
        "level": level,
        "kind": "fail" if finding.status in (Status.FAIL, Status.WAIVED) else "review",
        "message": {"text": f"{title}: {subject}: {finding.message} [{finding.status.value}]"},
        "locations": [_location(finding, report)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "status": finding.status.value,
            "severity": finding.severity.value,
            "control": finding.control_id,
            "target": finding.target.value,
            "address": finding.address,
        },
    }
    if finding.status is Status.WAIVED:
        kind = "inSource" if finding.waived_in_source else "external"
        result["suppressions"] = [{"kind": kind, "justification": finding.waiver}]
    return result


def _location(finding: Finding, report: Report) -> dict[str, Any]:
    location: dict[str, Any] = {
        "logicalLocations": [
            {
                "fullyQualifiedName": finding.address or finding.target.value,
                "kind": "resource" if finding.address else "module",
            }
        ]
    }
    if finding.location is not None:
        location["physicalLocation"] = {
            "artifactLocation": {"uri": finding.location.path},
            "region": {
                "startLine": finding.location.start_line,
                "endLine": finding.location.end_line,
            },
        }
    elif report.source and report.source != "-" and report.input_kind != "terraform-hcl":
        location["physicalLocation"] = {
            "artifactLocation": {"uri": report.source},
            "region": {"startLine": 1},
        }
    return location
