"""JUnit XML: one test suite per target, one test case per check and resource.

FAIL is a failure; UNKNOWN, NOT_EVIDENCED and WAIVED are skipped with the reason (they are not
passes); PASS is a passing test case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Status, Target
from srm_iac.model.report import Report
from srm_iac.reporters.interface import RenderOptions

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry replaced."""
    return _NOT_XML.sub("\ufffd", text)


def _check_errors(suite: ET.Element, report: Report, catalog: Catalog, target: Target) -> int:
    """An erroring test case for each check of ``target`` that raised; how many there are."""
    failed = [f for f in report.failures if catalog.check(f.check_id).target is target]
    for failure in failed:
        case = ET.SubElement(
            suite,
            "testcase",
            name=failure.check_id,
            classname=f"srm_iac.{target.value}.{failure.check_id}",
        )
        message = f"check {failure.check_id} raised {failure.error}; its findings are missing"
        ET.SubElement(case, "error", message=_xml(message), type=_xml(failure.error))
    return len(failed)


def render(report: Report, catalog: Catalog, options: RenderOptions) -> str:
    """The report as a JUnit XML document."""
    del options
    suites = ET.Element("testsuites", name="srm-iac")
    total = failures = skipped = 0
    for audit in report.targets:
        findings = [f for f in report.findings if f.target is audit.target]
        suite = ET.SubElement(suites, "testsuite", name=f"srm-iac.{audit.target.value}")
        suite_failures = suite_skipped = 0
        for finding in findings:
            spec = catalog.check(finding.check_id)
            subject = finding.address or f"({finding.target.value})"
            case = ET.SubElement(
                suite,
                "testcase",
                name=_xml(f"{finding.check_id} {subject}"),
                classname=f"srm_iac.{finding.target.value}.{finding.check_id}",
            )
            if finding.location is not None:
                case.set("file", _xml(finding.location.path))
                case.set("line", str(finding.location.start_line))
            text = _xml(f"{spec.title}: {finding.message}")
            if finding.status is Status.FAIL:
                suite_failures += 1
                failure = ET.SubElement(case, "failure", message=text, type=finding.severity.value)
                failure.text = f"{text}\nFix: {spec.fix}"
            elif finding.status is not Status.PASS:
                suite_skipped += 1
                reason = _xml(f"waived: {finding.waiver}") if finding.waiver else text
                ET.SubElement(case, "skipped", message=f"{finding.status.value}: {reason}")
        errors = _check_errors(suite, report, catalog, audit.target)
        suite.set("tests", str(len(findings) + errors))
        suite.set("failures", str(suite_failures))
        suite.set("skipped", str(suite_skipped))
        suite.set("errors", str(errors))
        total += len(findings) + errors
        failures += suite_failures
        skipped += suite_skipped
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("skipped", str(skipped))
    suites.set("errors", str(len(report.failures)))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
