"""Which checks run as CrossGuard resource policies and which as stack policies.

A resource policy sees one resource at a time (``Analyze``), before the resource is created,
and is enforced on that resource. So a check is a resource policy only when its verdict on a
resource depends on that resource's own attributes and nothing else. Everything else is a
stack policy (``AnalyzeStack``, which sees every resource and the references between them):

- checks that follow references (an agent's guardrail, a key created in the same stack, a
  private endpoint pointing at an account, a policy document built from other resources);
- checks that report a target-level NOT_EVIDENCED (an account or region singleton such as
  invocation logging, a budget, an approved-model list that is not configured).

A check left out of ``RESOURCE_CHECKS`` is a stack policy: a stack policy always sees
everything, so the default can never judge on too little. ``tests/pulumi_pack`` verifies that
each resource check gives the same verdict on a resource alone as on the whole stack.
"""

from __future__ import annotations

from enum import StrEnum


class PolicyKind(StrEnum):
    """How a check is enforced by the pack."""

    RESOURCE = "resource"
    STACK = "stack"


RESOURCE_CHECKS: frozenset[str] = frozenset(
    {
        # AWS Bedrock
        "SRM-AWS-002",  # invocation logging without text delivery
        "SRM-AWS-005",  # guardrail without an effective PROMPT_ATTACK filter
        "SRM-AWS-006",  # guardrail without harmful-content output filters
        "SRM-AWS-007",  # guardrail without a PII filter
        "SRM-AWS-010",  # Bedrock VPC endpoint without private DNS
        "SRM-AWS-011",  # Bedrock VPC endpoint without an endpoint policy
        "SRM-AWS-014",  # Bedrock API key that never expires
        "SRM-AWS-018",  # custom model trained outside the VPC
        "SRM-AWS-020",  # tool Lambda callable by any Bedrock agent
        "SRM-AWS-021",  # AgentCore gateway without an authorizer
        "SRM-AWS-022",  # AgentCore code interpreter / browser with public network
        "SRM-AWS-024",  # credentials in an agent's instruction or prompt templates
        "SRM-AWS-025",  # web crawler without inclusion filters
        # Azure OpenAI
        "SRM-AZ-001",  # account reachable from the internet
        "SRM-AZ-003",  # account accepts API keys
        "SRM-AZ-006",  # outbound access unrestricted
        "SRM-AZ-007",  # no custom subdomain
        "SRM-AZ-009",  # floating model version
        "SRM-AZ-011",  # RAI policy without a blocking jailbreak filter
        "SRM-AZ-012",  # RAI policy without an indirect-attack filter
        "SRM-AZ-013",  # RAI policy with weak harmful-output filters
        "SRM-AZ-014",  # RAI policy that streams before filtering
        # GCP Vertex AI
        "SRM-GCP-003",  # public Vector Search index endpoint
        "SRM-GCP-006",  # endpoint without request-response logging
        "SRM-GCP-011",  # weak prompt-injection filter
        "SRM-GCP-012",  # Model Armor template that only inspects
        "SRM-GCP-013",  # floor setting not enforced
        "SRM-GCP-014",  # weak harmful-content filters
        "SRM-GCP-017",  # unpinned Model Garden model
        "SRM-GCP-018",  # serving container not pinned by digest
        "SRM-GCP-019",  # Hugging Face token in state
        "SRM-GCP-020",  # vector database key in state
    }
)
"""Check ids whose verdict depends only on the resource judged."""


def policy_kind(check_id: str) -> PolicyKind:
    """The kind of policy that enforces ``check_id``."""
    return PolicyKind.RESOURCE if check_id in RESOURCE_CHECKS else PolicyKind.STACK
