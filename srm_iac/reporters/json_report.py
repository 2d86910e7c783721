"""The JSON report: a versioned contract (``schema_version``) that later versions only extend."""

from __future__ import annotations

from typing import Any

from srm_iac.catalog.loader import Catalog
from srm_iac.jsonout import dumps
from srm_iac.model.enums import Status
from srm_iac.model.findings import Finding
from srm_iac.model.report import ControlResult, Report, TargetAudit
from srm_iac.reporters.interface import RenderOptions

SCHEMA_VERSION = 1


def render(report: Report, catalog: Catalog, options: RenderOptions) -> str:
    """The report as indented JSON with sorted, stable content."""
    del options
    return dumps(report_dict(report, catalog))


def report_dict(report: Report, catalog: Catalog) -> dict[str, Any]:
    """The JSON document as a dict (also used by the PR comment and the policy pack)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "srm-iac", "version": report.tool_version},
        "source": report.source,
        "input_kind": report.input_kind,
        "summary": {
            "targets": len(report.targets),
            "findings": {status.value: report.count_findings(status) for status in Status},
        },
        "targets": [_target(audit) for audit in report.targets],
        "findings": [finding_dict(finding, catalog) for finding in report.findings],
        "notes": list(report.notes),
        "failures": [{"check_id": f.check_id, "error": f.error} for f in report.failures],
        "stats": dict(sorted(report.stats.items())),
    }


def _target(audit: TargetAudit) -> dict[str, Any]:
    return {
        "target": audit.target.value,
        "name": audit.name,
        "detected_by": list(audit.detected_by),
        "provider_map_reviewed": audit.provider_map_reviewed.isoformat(),
        "total_controls": len(audit.controls),
        "compliant": audit.count_compliant,
        "partial": audit.count_partial,
        "gaps": audit.count_gaps,
        "inherited": audit.count_inherited,
        "compliance_rate": audit.compliance_rate,
        "risk_summary": audit.risk_summary,
        "top_recommendations": [
            {
                "control_id": item.control_id,
                "risk": item.risk.value,
                "status": item.status.value,
                "action": item.action,
            }
            for item in audit.top_recommendations
        ],
        "controls": [_control(control) for control in audit.controls],
    }


def _control(control: ControlResult) -> dict[str, Any]:
    return {
        "control_id": control.control_id,
        "name": control.name,
        "owner": control.owner.value,
        "status": control.status.value,
        "risk": control.risk.value,
        "evidence": list(control.evidence),
        "customer_action": control.customer_action,
        "known_gap": control.known_gap,
        "owasp_llm": list(control.owasp_llm),
        "nist_ai_rmf": control.nist_ai_rmf,
        "attested": control.attested,
    }


def finding_dict(finding: Finding, catalog: Catalog) -> dict[str, Any]:
    """One finding as the JSON contract shows it."""
    location = finding.location
    return {
        "check_id": finding.check_id,
        "title": catalog.check(finding.check_id).title,
        "control_id": finding.control_id,
        "target": finding.target.value,
        "address": finding.address,
        "resource_type": finding.resource_type,
        "status": finding.status.value,
        "severity": finding.severity.value,
        "message": finding.message,
        "attribute": finding.attribute,
        "location": (
            {
                "path": location.path,
                "start_line": location.start_line,
                "end_line": location.end_line,
            }
            if location
            else None
        ),
        "waiver": finding.waiver or None,
        "fingerprint": finding.fingerprint,
    }
