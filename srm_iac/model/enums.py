"""Closed vocabularies shared by the catalog, the engine, the auditor and the reporters."""

from __future__ import annotations

from enum import StrEnum


class Target(StrEnum):
    """A deployment target: where the model runs and who operates it."""

    AWS_BEDROCK = "aws_bedrock"
    AZURE_OPENAI = "azure_openai"
    GCP_VERTEX = "gcp_vertex"
    SELF_HOSTED = "self_hosted"

    @property
    def display_name(self) -> str:
        """Human name of the target."""
        return _TARGET_TITLES[self]


_TARGET_TITLES = {
    Target.AWS_BEDROCK: "AWS Bedrock",
    Target.AZURE_OPENAI: "Azure OpenAI",
    Target.GCP_VERTEX: "GCP Vertex AI",
    Target.SELF_HOSTED: "Self-hosted models",
}


class Owner(StrEnum):
    """Who owns a control for a target."""

    PROVIDER = "provider"
    CUSTOMER = "customer"
    SHARED = "shared"
    UNASSIGNED = "unassigned"


class EvidenceKind(StrEnum):
    """What can close the customer's half of a control."""

    INFRASTRUCTURE = "infrastructure"
    ATTESTATION = "attestation"


class Status(StrEnum):
    """The status of one finding (one check on one resource, or on the whole target)."""

    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"
    NOT_EVIDENCED = "NOT_EVIDENCED"
    WAIVED = "WAIVED"


class Severity(StrEnum):
    """How bad a failing check is."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"

    @property
    def rank(self) -> int:
        """Order for comparisons: LOW=1 ... CRITICAL=4 (never compare the strings)."""
        return _RANKS[self.value]

    @classmethod
    def _missing_(cls, value: object) -> Severity | None:
        """Accept any case (``high``, ``High``)."""
        if isinstance(value, str) and value.strip().upper() in _RANKS:
            return cls(value.strip().upper())
        return None


class Risk(StrEnum):
    """The risk of a control's status for a target, as the auditor rates it."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"

    @property
    def rank(self) -> int:
        """Order for comparisons: LOW=1 ... CRITICAL=4 (never compare the strings)."""
        return _RANKS[self.value]


_RANKS = {"LOW": 1, "MEDIUM": 2, "HIGH": 3, "CRITICAL": 4}


class ControlStatus(StrEnum):
    """The status of one control for one target after the audit."""

    COMPLIANT = "compliant"
    PARTIAL = "partial"
    GAP = "gap"
    INHERITED = "inherited"


class Action(StrEnum):
    """What the plan does to a resource; the canonical vocabulary of every parser."""

    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"
    NO_OP = "no-op"
    READ = "read"
    IMPORT = "import"
    DELETE = "delete"
    FORGET = "forget"
    EXISTING = "existing"
    DECLARED = "declared"

    @property
    def is_evidence(self) -> bool:
        """A resource that will not exist after apply is not evidence of anything."""
        return self not in (Action.DELETE, Action.FORGET)


class InputKind(StrEnum):
    """Where an inventory came from."""

    TERRAFORM_PLAN = "terraform-plan"
    TERRAFORM_HCL = "terraform-hcl"
    PULUMI_PREVIEW = "pulumi-preview"
    PULUMI_CROSSGUARD = "pulumi-crossguard"
