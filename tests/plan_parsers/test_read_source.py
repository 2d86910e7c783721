"""Reading an input file: everything it holds, at most the limit, even if it grows meanwhile."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from plan_parsers.loader import _read_bounded, read_source
from srm_iac.errors import InputError


@pytest.mark.parametrize("size", [None, 0, 10, 99, 100, 101, 5000])
def test_a_stream_is_read_whole_whatever_size_was_seen(size: int | None) -> None:
    data = bytes(range(100))
    assert _read_bounded(io.BytesIO(data), "f", 1000, size) == data


@pytest.mark.parametrize("size", [None, 0, 10, 50])
def test_a_stream_past_the_limit_is_refused(size: int | None) -> None:
    with pytest.raises(InputError, match="larger than"):
        _read_bounded(io.BytesIO(b"x" * 100), "f", 50, size)


def test_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b"{}" + b" " * 98)
    assert read_source(str(path), max_bytes=100).take_data() == b"{}" + b" " * 98
    with pytest.raises(InputError, match="larger than"):
        read_source(str(path), max_bytes=99)
