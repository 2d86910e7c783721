"""The validated-catalog cache: hits, misses on change, and no code from a tampered file."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from srm_iac.catalog import cache
from srm_iac.catalog.loader import Catalog, load_catalog


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(directory))
    return directory


@pytest.fixture
def copy(tmp_path: Path, catalog: Catalog) -> Path:
    destination = tmp_path / "catalogs"
    shutil.copytree(catalog.root, destination)
    return destination


def test_second_load_comes_from_the_cache(cache_dir: Path, copy: Path) -> None:
    first = load_catalog(copy)
    files = list(cache_dir.glob("catalog-*.pickle"))
    assert len(files) == 1
    second = load_catalog(copy)
    assert second == first and second is not first
    assert second.check("SRM-AWS-004").title == first.check("SRM-AWS-004").title


def test_an_edit_misses_the_cache(cache_dir: Path, copy: Path) -> None:
    load_catalog(copy)
    path = copy / "providers" / "aws_bedrock.yaml"
    path.write_text(path.read_text().replace("name: AWS Bedrock", "name: Amazon Bedrock"))
    edited = load_catalog(copy)
    assert "Amazon Bedrock" in [provider.name for provider in edited.providers.values()]
    assert len(list(cache_dir.glob("catalog-*.pickle"))) == 2


def test_a_tampered_cache_runs_no_code_and_is_a_miss(
    cache_dir: Path, copy: Path, tmp_path: Path
) -> None:
    load_catalog(copy)
    (entry,) = cache_dir.glob("catalog-*.pickle")
    marker = tmp_path / "code-ran"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[Path]]:
            return (Path.touch, (marker,))

    entry.write_bytes(pickle.dumps(Exploit()))
    catalog = load_catalog(copy)
    assert catalog.control("AI-SEC-001").name
    assert not marker.exists()


def test_unwritable_or_disabled_cache_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copy: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(blocker / "sub"))
    assert load_catalog(copy).controls
    monkeypatch.setenv(cache.CACHE_VARIABLE, "off")
    assert cache.cache_dir() is None
    assert load_catalog(copy).controls


def test_validation_bypasses_the_cache(cache_dir: Path, copy: Path) -> None:
    load_catalog(copy, use_cache=False)
    assert not cache_dir.exists()
