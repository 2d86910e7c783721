"""Every check srm-iac runs, listed explicitly (no registration at import time)."""

from srm_iac.rules import aws_bedrock
from srm_iac.rules.check import Check

ALL_CHECKS: tuple[Check, ...] = (*aws_bedrock.CHECKS,)
