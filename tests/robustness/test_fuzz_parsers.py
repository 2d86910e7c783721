"""Every parser, fed generated and mutated inputs: a result or one line, never a crash or hang.

The inputs and the parsers are in ``tests/robustness/parsers.py`` (one line per parser);
the profile and the contract in ``tests/robustness/fuzz.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from tests.robustness.fuzz import fuzz_settings, result_or_one_line_error
from tests.robustness.parsers import TARGETS, FuzzTarget


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.name)
def test_every_input_gives_a_result_or_a_one_line_error(target: FuzzTarget, tmp_path: Path) -> None:
    @fuzz_settings(target.budget)
    @given(case=target.inputs())
    def parse(case: Any) -> None:
        result_or_one_line_error(lambda: target.parse(case, tmp_path))

    parse()
