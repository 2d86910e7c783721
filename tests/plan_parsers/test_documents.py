"""Reading JSON documents: encodings, truncation, stray formats."""

from __future__ import annotations

import codecs
import json

import pytest

from plan_parsers.documents import load_json
from srm_iac.errors import InputError, TruncatedInputError, UnsupportedFormatError

DOC = {"format_version": "1.2", "name": "é"}
TEXT = json.dumps(DOC, ensure_ascii=False)


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode(),
        codecs.BOM_UTF8 + TEXT.encode(),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "utf32le-bom"],
)
def test_encodings(data: bytes) -> None:
    assert load_json(data, "p") == DOC


@pytest.mark.parametrize("data", [b"", b"   \n", codecs.BOM_UTF8])
def test_empty(data: bytes) -> None:
    with pytest.raises(TruncatedInputError, match="empty"):
        load_json(data, "p")


def test_truncated() -> None:
    with pytest.raises(TruncatedInputError, match="truncated"):
        load_json(TEXT.encode()[:-5], "p")


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(InputError, match="line 2 column 3"):
        load_json(b"{\n  x: 1}", "p")


def test_plan_log_stream_is_recognised() -> None:
    lines = [
        {"@level": "info", "@message": "Terraform 1.11.4", "type": "version"},
        {"@level": "info", "@message": "aws_x.y: Plan to create", "type": "planned_change"},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    with pytest.raises(UnsupportedFormatError) as caught:
        load_json(data, "p")
    assert "plan -json" in caught.value.diagnostics()
    assert "terraform show -json" in caught.value.diagnostics()


def test_invalid_utf8() -> None:
    with pytest.raises(InputError, match="not valid UTF-8"):
        load_json(b'{"a": "\xff\xfe\xfa"}', "p")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        load_json(b"[" * 200_000 + b"]" * 200_000, "p")
