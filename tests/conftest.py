"""Shared fixtures: the catalog, the third-party corpus, golden files."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest

from srm_iac.catalog.loader import Catalog, load_catalog

# The catalog cache of a test run lives in a private directory, never in the user's cache.
os.environ.setdefault("SRM_IAC_CACHE_DIR", tempfile.mkdtemp(prefix="srm-iac-test-cache-"))

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 28)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def corpus_dir() -> Path | None:
    """The third-party corpus: $SRM_CORPUS or ../shared/corpus beside the repository."""
    candidate = Path(os.environ.get("SRM_CORPUS", REPO.parent / "shared" / "corpus"))
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def corpus() -> Path:
    found = corpus_dir()
    if found is None:
        pytest.skip("third-party corpus not found: set SRM_CORPUS or place it at ../shared/corpus")
    return found
