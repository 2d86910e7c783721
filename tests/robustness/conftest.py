"""Robustness tests: select the hypothesis profile (CI budget, or ``SRM_FUZZ_EXAMPLES``)."""

from __future__ import annotations

from tests.robustness.fuzz import load_profile

load_profile()
