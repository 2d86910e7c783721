"""Every check srm-iac runs, listed explicitly (no registration at import time)."""

from srm_iac.rules import aws_bedrock, azure_openai, gcp_vertex, self_hosted
from srm_iac.rules.check import Check

ALL_CHECKS: tuple[Check, ...] = (
    *aws_bedrock.CHECKS,
    *azure_openai.CHECKS,
    *gcp_vertex.CHECKS,
    *self_hosted.CHECKS,
)
