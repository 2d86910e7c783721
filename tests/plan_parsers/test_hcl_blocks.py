"""The block scanner: line ranges and comments of top-level blocks, without python-hcl2."""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import pytest

from plan_parsers.hcl_blocks import scan_blocks

TEXT = """\
# leading comment
resource "aws_x" "a" {
  text    = "a } in a string ${jsonencode({ k = "}" })}"
  escaped = "quote \\" and $${not_template} }"
  heredoc = <<-EOT
    } unbalanced in a heredoc {
    EOT
  // a } in a line comment
  /* a } in
     a block comment */
  nested {
    deep = { a = [1, 2] }
  }
}

locals { x = 1 }

attribute = {
  not_a_block = true
}

module "m" { # trailing
  source = "./m"
}
"""


def test_scanner_finds_blocks_and_their_line_ranges() -> None:
    scanned = scan_blocks(TEXT)
    spans = [(b.type, b.labels, b.start_line, b.end_line) for b in scanned.blocks]
    assert spans == [
        ("resource", ("aws_x", "a"), 2, 14),
        ("locals", (), 16, 16),
        ("module", ("m",), 22, 24),
    ]


def test_scanner_records_comments_with_lines() -> None:
    comments = [(c.line, c.text, c.own_line) for c in scan_blocks(TEXT).comments]
    assert (1, "leading comment", True) in comments
    assert (8, "a } in a line comment", True) in comments
    assert (22, "trailing", False) in comments
    assert any(line == 9 and text.startswith("a } in") for line, text, _ in comments)


@pytest.mark.parametrize(
    "text",
    ["", "resource", 'resource "a" "b" {', '"unterminated', "x = <<EOF\nno end", "}}}{"],
)
def test_scanner_never_fails_on_broken_text(text: str) -> None:
    scan_blocks(text)


def _hcl2_blocks(document: dict[str, Any]) -> collections.Counter[tuple[str, tuple[str, ...]]]:
    found: collections.Counter[tuple[str, tuple[str, ...]]] = collections.Counter()

    def walk(kind: str, item: Any, labels: tuple[str, ...]) -> None:
        if isinstance(item, dict) and item.get("__is_block__"):
            found[(kind, labels)] += 1
        elif isinstance(item, dict):
            for label, inner in item.items():
                walk(kind, inner, (*labels, label))

    for kind, items in document.items():
        for item in items if isinstance(items, list) else []:
            walk(kind, item, ())
    return found


def test_scanner_agrees_with_python_hcl2_on_every_corpus_file(corpus: Path) -> None:
    hcl2 = pytest.importorskip("hcl2")
    options = hcl2.SerializationOptions(
        strip_string_quotes=True, with_comments=False, explicit_blocks=True
    )
    compared = 0
    for path in sorted(corpus.rglob("*.tf")):
        text = path.read_text(encoding="utf-8")
        try:
            document = hcl2.loads(text, serialization_options=options)
        except Exception:  # noqa: BLE001 - the one known unparseable file
            continue
        scanned = scan_blocks(text)
        got = collections.Counter((b.type, b.labels) for b in scanned.blocks)
        assert got == _hcl2_blocks(document), path
        lines = text.splitlines()
        for block in scanned.blocks:
            assert lines[block.start_line - 1].lstrip().startswith(block.type), (path, block)
            assert lines[block.end_line - 1].rstrip().endswith("}"), (path, block)
        compared += 1
    assert compared >= 36
