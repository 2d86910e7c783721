"""From a report to a review: what to post, and posting it without repeating anything.

``plan_review`` is pure: the summary body and one inline candidate per failing or unknown
finding that has a source location. ``publish`` then talks to a platform: it updates the
summary comment it finds by its marker (or creates it), and posts, as one review, inline
comments for the candidates whose lines are in the diff and that have no comment yet.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Status
from srm_iac.model.report import Report
from srm_iac.reporters.markdown import review_findings
from srm_iac.review.comments import (
    Scrub,
    fingerprints_in,
    inline_body,
    inline_fingerprint,
    is_summary,
    review_summary,
    summary_body,
    summary_marker,
)
from srm_iac.review.diff import FileDiff
from srm_iac.review.interface import InlineComment, Posted, ReviewPlatform

INLINE_STATUSES = (Status.FAIL, Status.UNKNOWN)
"""Findings that get an inline comment (when their lines are in the diff)."""
MAX_INLINE = 50
"""New inline comments per run; the rest stay in the summary."""


@dataclass(frozen=True)
class Candidate:
    """A finding that gets an inline comment if the diff shows one of its lines."""

    fingerprint: str
    """Identity of the comment (see ``inline_fingerprint``)."""
    path: str
    """File path relative to the repository root."""
    start_line: int
    """First line of the declaring block."""
    end_line: int
    """Last line of the declaring block."""
    label: str
    """Check id and address, for messages."""
    body: str
    """The comment, scrubbed, ending with its marker."""


@dataclass(frozen=True)
class ReviewPlan:
    """Everything to post for one report."""

    marker: str
    """The summary comment's marker."""
    summary: str
    """The summary comment."""
    candidates: tuple[Candidate, ...]
    """Inline comments, most important first."""


@dataclass(frozen=True)
class Outcome:
    """What ``publish`` did."""

    summary: str
    """``created``, ``updated`` or ``unchanged``."""
    summary_url: str
    """Link to the summary comment, when the platform gives one."""
    posted: int
    """New inline comments."""
    already_present: int
    """Inline comments skipped because the same finding already has one."""
    outside_diff: int
    """Located findings whose lines the diff does not show (they stay in the summary)."""
    over_limit: int
    """Inline comments left out because of ``MAX_INLINE``."""
    warning: str = ""
    """Why inline comments could not be posted, when the platform refused them."""

    def describe(self, platform: str) -> str:
        """One line for the log."""
        where = f" ({self.summary_url})" if self.summary_url else ""
        line = (
            f"srm-iac: {platform} summary comment {self.summary}{where}; "
            f"{self.posted} inline comment(s) posted, {self.already_present} already there, "
            f"{self.outside_diff} finding(s) outside the diff"
        )
        if self.over_limit:
            line += f", {self.over_limit} over the limit of {MAX_INLINE} per run"
        return line


def plan_review(report: Report, catalog: Catalog, scrub: Scrub, *, key: str = "") -> ReviewPlan:
    """The summary and the inline candidates for ``report``.

    Finding locations are repository paths: srm-iac reports source files relative to the
    enclosing git work tree, which is what both platforms use in their diffs.
    """
    candidates = []
    for finding in review_findings(report):
        location = finding.location
        if finding.status not in INLINE_STATUSES or location is None:
            continue
        path = repository_path(location.path)
        if not path:
            continue
        fingerprint = inline_fingerprint(finding, path)
        candidates.append(
            Candidate(
                fingerprint=fingerprint,
                path=path,
                start_line=location.start_line,
                end_line=max(location.end_line, location.start_line),
                label=f"{finding.check_id} {finding.address}",
                body=inline_body(finding, report, catalog, fingerprint, scrub),
            )
        )
    return ReviewPlan(
        marker=summary_marker(key),
        summary=summary_body(report, catalog, scrub, key),
        candidates=tuple(candidates),
    )


def repository_path(path: str) -> str:
    """``path`` normalised as a repository path, or "" when it lies outside the repository."""
    normal = posixpath.normpath(path.replace("\\", "/"))
    if normal == ".." or normal.startswith("../") or posixpath.isabs(normal) or normal == ".":
        return ""
    return normal


def place(candidate: Candidate, diff: FileDiff) -> InlineComment | None:
    """The line of ``candidate``'s block to comment on, if the diff shows any.

    The block's first line when the diff shows it, else its first added line, else its first
    context line.
    """
    shown = [n for n in range(candidate.start_line, candidate.end_line + 1) if n in diff.lines]
    if not shown:
        return None
    added = [n for n in shown if diff.is_added(n)]
    line = candidate.start_line if candidate.start_line in shown else (added or shown)[0]
    return InlineComment(
        path=candidate.path,
        line=line,
        old_line=diff.lines[line],
        old_path=diff.old_path,
        body=candidate.body,
    )


def publish(platform: ReviewPlatform, plan: ReviewPlan, *, max_inline: int = MAX_INLINE) -> Outcome:
    """Update (or create) the summary, then post the inline comments that are missing."""
    action, url = _upsert_summary(platform, plan)
    diffs = platform.changed_files()
    present: set[str] = set()
    for existing in platform.inline_comments():
        present |= fingerprints_in(existing.body)
    new: list[InlineComment] = []
    outside = already = 0
    for candidate in plan.candidates:
        diff = diffs.get(candidate.path)
        comment = place(candidate, diff) if diff is not None else None
        if comment is None:
            outside += 1
        elif candidate.fingerprint in present:
            already += 1
        else:
            new.append(comment)
    batch = new[:max_inline]
    posted = platform.post_inline(batch, review_summary(len(batch))) if batch else Posted(0)
    warning = ""
    if posted.rejected:
        warning = (
            f"{len(batch) - posted.count} inline comment(s) were not posted (the summary "
            f"lists their findings): {'; '.join(posted.rejected)}"
        )
    return Outcome(
        summary=action,
        summary_url=url,
        posted=posted.count,
        already_present=already,
        outside_diff=outside,
        over_limit=max(0, len(new) - max_inline),
        warning=warning,
    )


def _upsert_summary(platform: ReviewPlatform, plan: ReviewPlan) -> tuple[str, str]:
    existing = next(
        (c for c in platform.top_level_comments() if is_summary(c.body, plan.marker)), None
    )
    if existing is None:
        return "created", platform.create_comment(plan.summary).url
    if existing.body.strip() == plan.summary.strip():
        return "unchanged", existing.url
    return "updated", platform.update_comment(existing, plan.summary).url or existing.url


def dry_run_text(plan: ReviewPlan) -> str:
    """What ``publish`` would post, for ``--dry-run``."""
    lines = [
        f"=== summary comment (updated in place; found by {plan.marker}) ===",
        plan.summary.rstrip("\n"),
        "",
        f"=== {len(plan.candidates)} inline comment(s), posted for findings whose lines are "
        "in the diff ===",
    ]
    for candidate in plan.candidates:
        lines += [
            "",
            f"--- {candidate.path}:{candidate.start_line}-{candidate.end_line} "
            f"({candidate.label}) ---",
            candidate.body.rstrip("\n"),
        ]
    return "\n".join(lines) + "\n"
