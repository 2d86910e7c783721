"""The pack's CrossGuard policies, built from the catalog: one per check, plus the audit.

Each check policy is named by its check id (``SRM-AWS-005``), carries the check's title as its
description, its severity, its remediation (``fix``) and first reference, and the control's
OWASP LLM Top 10 and NIST AI RMF mapping. Its default enforcement follows severity: CRITICAL
and HIGH are mandatory, MEDIUM and LOW advisory; ``--policy-pack-config`` changes it per
policy or for ``all``. ``scope.py`` decides whether a check is a resource or a stack policy.

The ``srm-iac-audit`` stack policy runs every check and the auditor (the report of ``srm-iac
check``), reports each target with gaps (advisory by default) and can write the report as
JSON and markdown for CI.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyComplianceFramework,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, UnknownValueError

from plan_parsers.pulumi_types import canonical_type
from srm_iac.catalog.loader import Catalog, load_catalog
from srm_iac.catalog.model import CheckSpec, Control
from srm_iac.cli.common import emit, today
from srm_iac.errors import SrmError
from srm_iac.model import enums
from srm_iac.pulumi_pack.analysis import shared_analysis
from srm_iac.pulumi_pack.evaluate import Verdicts, audit_stack, evaluate_resource, evaluate_stack
from srm_iac.pulumi_pack.resources import from_validation_args, install_secret_marks
from srm_iac.pulumi_pack.scope import PolicyKind, policy_kind
from srm_iac.pulumi_pack.servicer import install_shared_stack_servicer
from srm_iac.pulumi_pack.settings import (
    audit_policy_schema,
    check_policy_schema,
    settings_for,
)
from srm_iac.reporters.interface import RenderOptions
from srm_iac.rules.check import Check
from srm_iac.rules.common import join_names

PACK_NAME = "srm-iac"
"""The policy pack's name."""
AUDIT_POLICY = "srm-iac-audit"
"""Name of the stack policy that audits every target."""
OWASP_FRAMEWORK = "OWASP Top 10 for LLM Applications"
OWASP_VERSION = "2025"

SEVERITIES: dict[enums.Severity, Severity] = {
    enums.Severity.LOW: Severity.LOW,
    enums.Severity.MEDIUM: Severity.MEDIUM,
    enums.Severity.HIGH: Severity.HIGH,
    enums.Severity.CRITICAL: Severity.CRITICAL,
}


def default_enforcement(severity: enums.Severity) -> EnforcementLevel:
    """Mandatory for CRITICAL and HIGH, advisory below."""
    return (
        EnforcementLevel.MANDATORY
        if severity.rank >= enums.Severity.HIGH.rank
        else EnforcementLevel.ADVISORY
    )


class CannotVerify(UnknownValueError):
    """Raised after the violations are reported: the SDK turns it into one ADVISORY diagnostic
    ("can't run policy ... during preview: <message>"), whatever the policy's level."""

    def __init__(self, message: str) -> None:
        super().__init__(UNKNOWN_STRING_VALUE, [])
        self.message = message


def _report(
    verdicts: Verdicts, args: ResourceValidationArgs | StackValidationArgs, report: ReportViolation
) -> None:
    if verdicts.not_applicable:
        args.not_applicable(verdicts.not_applicable)
    for message, urn in verdicts.violations:
        report(message, urn)
    if verdicts.advisories:
        raise CannotVerify("; ".join(verdicts.advisories))


class _CheckValidator:
    """The validate function of one check policy (thread-safe: holds no mutable state)."""

    def __init__(self, catalog: Catalog, check: Check) -> None:
        self.catalog = catalog
        self.check = check

    def __call__(
        self, args: ResourceValidationArgs | StackValidationArgs, report: ReportViolation
    ) -> None:
        if isinstance(args, ResourceValidationArgs):
            types = self.catalog.check(self.check.id).resource_types
            if canonical_type(args.resource_type).type not in types:
                args.not_applicable(f"not a {join_names(types)} resource")
        try:
            settings = settings_for(args.get_config(), self.catalog, check_id=self.check.id)
            run_date = today()
        except SrmError as exc:
            report(f"configuration error: {exc.diagnostics()}", None)
            return
        if isinstance(args, StackValidationArgs):
            verdicts = evaluate_stack(
                self.catalog, self.check, shared_analysis(args.resources), settings, run_date
            )
        else:
            resource = from_validation_args(
                args.resource_type, args.props, args.urn, args.provider is not None
            )
            verdicts = evaluate_resource(self.catalog, self.check, resource, settings, run_date)
        _report(verdicts, args, report)


class _AuditValidator:
    """The validate function of the audit policy."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def __call__(self, args: StackValidationArgs, report: ReportViolation) -> None:
        try:
            settings = settings_for(args.get_config(), self.catalog, check_id=None)
            outcome = audit_stack(self.catalog, shared_analysis(args.resources), settings, today())
        except SrmError as exc:
            report(f"configuration error: {exc.diagnostics()}", None)
            return
        from srm_iac.reporters import json_report, markdown

        for path, renderer in (
            (settings.report_json, json_report.render),
            (settings.report_markdown, markdown.render),
        ):
            if path is None:
                continue
            text = renderer(outcome.report, self.catalog, RenderOptions())
            try:
                emit(text, path, settings.inputs, outcome.inventory.secrets)
            except SrmError as exc:
                outcome.verdicts.violations.append(
                    (f"could not write the audit report: {exc.diagnostics()}", None)
                )
        _report(outcome.verdicts, args, report)


def _framework(control: Control) -> PolicyComplianceFramework:
    return PolicyComplianceFramework(
        name=OWASP_FRAMEWORK,
        version=OWASP_VERSION,
        reference=", ".join(control.owasp_llm),
        specification=f"{control.id} {control.name}; NIST AI RMF {control.nist_ai_rmf}",
    )


def _tags(spec: CheckSpec, control: Control, kind: PolicyKind) -> list[str]:
    return [
        "srm-iac",
        spec.target.value,
        control.id,
        *(f"owasp-llm:{item}" for item in control.owasp_llm),
        f"nist-ai-rmf:{control.nist_ai_rmf}",
        f"{kind.value}-policy",
    ]


def check_policy(catalog: Catalog, check: Check) -> Policy:
    """The policy that enforces ``check``."""
    spec = catalog.check(check.id)
    control = catalog.control(spec.control)
    kind = policy_kind(check.id)
    common: dict[str, Any] = {
        "name": check.id,
        "description": spec.title,
        "enforcement_level": default_enforcement(spec.severity),
        "config_schema": PolicyConfigSchema(check_policy_schema()),
        "display_name": f"{check.id} {spec.title}",
        "severity": SEVERITIES[spec.severity],
        "framework": _framework(control),
        "tags": _tags(spec, control, kind),
        "remediation_steps": spec.fix,
        "url": spec.references[0],
    }
    validator = _CheckValidator(catalog, check)
    if kind is PolicyKind.RESOURCE:
        return ResourceValidationPolicy(validate=validator, **common)
    return StackValidationPolicy(validate=validator, **common)


def audit_policy(catalog: Catalog) -> StackValidationPolicy:
    """The stack policy that audits every detected target."""
    return StackValidationPolicy(
        name=AUDIT_POLICY,
        description="AI security controls the customer must implement are not all in place",
        validate=_AuditValidator(catalog),
        enforcement_level=EnforcementLevel.ADVISORY,
        config_schema=PolicyConfigSchema(audit_policy_schema()),
        display_name="srm-iac shared-responsibility audit",
        severity=Severity.HIGH,
        framework=PolicyComplianceFramework(
            name=OWASP_FRAMEWORK,
            version=OWASP_VERSION,
            reference="LLM01-LLM10",
            specification="AI-SEC-001..010 shared-responsibility audit; NIST AI RMF",
        ),
        tags=["srm-iac", "audit", "stack-policy"],
        remediation_steps="Work through the audit's top recommendations: implement each gap "
        "control, or attest it in the srm-iac attestation file when it lives outside this "
        "stack.",
        url="https://owasp.org/www-project-top-10-for-large-language-model-applications/",
    )


def build_policies(
    catalog: Catalog | None = None, checks: Sequence[Check] | None = None
) -> list[Policy]:
    """Every policy of the pack: one per (non-deprecated) check, then the audit."""
    install_secret_marks()
    catalog = catalog or load_catalog()
    if checks is None:
        from srm_iac.rules.registry import ALL_CHECKS

        checks = ALL_CHECKS
    policies: list[Policy] = [
        check_policy(catalog, check) for check in checks if not catalog.check(check.id).deprecated
    ]
    policies.append(audit_policy(catalog))
    return policies


def pack_arguments() -> dict[str, Any]:
    """Keyword arguments of the ``PolicyPack`` (the pack's ``__main__.py`` passes them on).

    Also makes the ``PolicyPack`` built from them deserialise each ``AnalyzeStack`` request once
    for all its stack policies (``servicer.install_shared_stack_servicer``).
    """
    install_shared_stack_servicer()
    return {
        "name": PACK_NAME,
        "policies": build_policies(),
        "enforcement_level": EnforcementLevel.ADVISORY,
        "description": "Shared-responsibility checks for AI infrastructure (AWS Bedrock, Azure "
        "OpenAI, GCP Vertex AI, self-hosted models): did we build our half of each AI "
        "security control?",
        "display_name": "srm-iac AI security controls",
        "tags": ["ai", "security", "owasp-llm", "nist-ai-rmf"],
    }
