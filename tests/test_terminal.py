"""Text made safe to write: lone surrogates become U+FFFD, everything else is kept."""

from __future__ import annotations

import re

import pytest

from srm_iac.terminal import REPLACEMENT, encodable


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ascii\n",
        "é and 名前",
        "\ud800",
        "a\udfffb",
        "é\ud83d\ude00",
        "\U0001f600",
        "x" * 5000,
    ],
)
def test_encodable_replaces_exactly_the_surrogates(text: str) -> None:
    expected = re.sub("[\ud800-\udfff]", REPLACEMENT, text)
    assert encodable(text) == expected
    encodable(text).encode("utf-8")  # always writable
