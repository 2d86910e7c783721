"""What the CrossGuard tests share: the pack's directory and one launched pack per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import REPO, TODAY
from tests.pulumi_pack.engine import PolicyPackProcess

PACK = REPO / "policy_packs" / "srm-iac"


@pytest.fixture(scope="module")
def pack() -> Iterator[PolicyPackProcess]:
    """The policy pack, launched once for the test module and stopped after it."""
    process = PolicyPackProcess(PACK, environment={"SRM_IAC_TODAY": TODAY.isoformat()})
    process.start()
    try:
        yield process
    finally:
        process.stop()
    assert not process.running
