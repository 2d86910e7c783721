"""The bodies srm-iac posts, and the hidden markers that let it find them again.

The summary comment starts with ``<!-- srm-iac:summary -->`` (``<!-- srm-iac:summary:KEY -->``
when several reports share one request). Each inline comment ends with
``<!-- srm-iac:finding FINGERPRINT -->``: the finding's fingerprint (check, target, address)
combined with the file path, so a re-run recognises the comments it already made.

Bodies are scrubbed of the input's sensitive values by the caller's ``scrub`` function; the
markers are kept out of the scrubbing so a secret that happens to look like part of a
fingerprint can never break them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from srm_iac.catalog.loader import Catalog
from srm_iac.model.findings import Finding
from srm_iac.model.report import Report
from srm_iac.reporters.markdown import (
    FINDING_ICON,
    MARKER,
    code,
    owner_of,
    render_markdown,
    text,
)

Scrub = Callable[[str], str]
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")
"""What ``--key`` accepts: safe inside an HTML comment."""
_FINDING_MARKER = re.compile(r"<!-- srm-iac:finding ([0-9a-f]{16}) -->")
_ANY_MARKER = re.compile(r"(<!-- srm-iac:[A-Za-z0-9 ._/:-]*? -->)")


def summary_marker(key: str = "") -> str:
    """The first line of the summary comment for ``key`` (empty: the default report)."""
    return MARKER if not key else MARKER.replace(" -->", f":{key} -->")


def is_summary(body: str, marker: str) -> bool:
    """True when ``body`` is the summary comment that ``marker`` heads."""
    return body.split("\n", 1)[0].strip() == marker


def inline_fingerprint(finding: Finding, path: str) -> str:
    """Identity of an inline comment: the finding's fingerprint in one file."""
    return hashlib.sha256(f"{finding.fingerprint}|{path}".encode()).hexdigest()[:16]


def finding_marker(fingerprint: str) -> str:
    """The hidden marker that ends an inline comment."""
    return f"<!-- srm-iac:finding {fingerprint} -->"


def fingerprints_in(body: str) -> set[str]:
    """The inline-comment fingerprints found in ``body``."""
    return set(_FINDING_MARKER.findall(body))


def scrub_outside_markers(body: str, scrub: Scrub) -> str:
    """``body`` passed through ``scrub``, except for srm-iac's own markers."""
    parts = _ANY_MARKER.split(body)
    return "".join(part if n % 2 else scrub(part) for n, part in enumerate(parts))


def summary_body(report: Report, catalog: Catalog, scrub: Scrub, key: str = "") -> str:
    """The summary comment: the markdown report headed by its marker."""
    document = render_markdown(report, catalog, marker=summary_marker(key))
    return scrub_outside_markers(document, scrub)


def inline_body(
    finding: Finding, report: Report, catalog: Catalog, fingerprint: str, scrub: Scrub
) -> str:
    """One inline comment: what is wrong on this resource, why it matters, how to fix it."""
    spec = catalog.check(finding.check_id)
    control = catalog.control(finding.control_id)
    owner = owner_of(report, finding.target, finding.control_id)
    lines = [
        f"**{FINDING_ICON[finding.status]} {finding.check_id}** ({finding.severity.value}, "
        f"{finding.status.value}): {text(spec.title)}",
        "",
        f"{code(finding.address)}: {text(finding.message)}",
        "",
        f"Control {control.id} {text(control.name)} "
        f"(owner on {finding.target.value}: {owner.value if owner else 'unknown'}).",
        "",
        "<details><summary>How to fix</summary>",
        "",
        text(spec.fix),
        "",
        *(f"- <{url}>" for url in spec.references),
        "",
        "</details>",
        "",
    ]
    return scrub("\n".join(lines)) + finding_marker(fingerprint) + "\n"


def review_summary(count: int) -> str:
    """The body of the review that carries ``count`` new inline comments."""
    noun = "finding" if count == 1 else "findings"
    return (
        f"srm-iac: {count} {noun} on lines this pull request changes. "
        "The srm-iac summary comment lists every finding and the audit."
    )
