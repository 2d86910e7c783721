"""Text from inputs made safe to show: in a terminal, a CI log or a rendered document.

Resource keys, file names and module paths come from whoever wrote the pull request. An
escape sequence in one can rewrite a terminal or CI log (hide a line, fake a PASS), a
bidirectional override can make text read differently than it is (Trojan Source), and a
lone surrogate (from a ``\\ud800`` escape in JSON, or a file name that is not UTF-8) cannot
be written at all. Each is replaced by U+FFFD, visibly.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` without control characters (tab and newline kept), bidi overrides, surrogates."""
    return _UNPRINTABLE.sub(REPLACEMENT, text)


def encodable(text: str) -> str:
    """``text`` without lone surrogates, so it can be written as UTF-8 (formatting kept)."""
    if text.isascii():  # known without a scan: reports usually are
        return text
    try:
        text.encode("utf-8")  # fails exactly when there is a surrogate: faster than the regex
    except UnicodeEncodeError:
        return _SURROGATE.sub(REPLACEMENT, text)
    return text
