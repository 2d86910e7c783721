"""``publish`` against an in-memory platform: limits, rejections, what is left alone."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from srm_iac.review.comments import finding_marker
from srm_iac.review.diff import FileDiff
from srm_iac.review.interface import InlineComment, Posted, PostedComment
from srm_iac.review.publish import Candidate, ReviewPlan, publish


@dataclass
class MemoryPlatform:
    """A pull request kept in lists."""

    name: str = "Memory"
    comments: list[PostedComment] = field(default_factory=list)
    inline: list[InlineComment] = field(default_factory=list)
    files: dict[str, FileDiff] = field(default_factory=dict)
    refuse: bool = False
    batches: list[int] = field(default_factory=list)

    def top_level_comments(self) -> Iterator[PostedComment]:
        yield from self.comments

    def create_comment(self, body: str) -> PostedComment:
        comment = PostedComment(str(len(self.comments) + 1), body, f"memory://{body[:5]}")
        self.comments.append(comment)
        return comment

    def update_comment(self, comment: PostedComment, body: str) -> PostedComment:
        updated = PostedComment(comment.id, body, comment.url)
        self.comments[self.comments.index(comment)] = updated
        return updated

    def changed_files(self) -> Mapping[str, FileDiff]:
        return self.files

    def inline_comments(self) -> Iterator[PostedComment]:
        for n, comment in enumerate(self.inline):
            yield PostedComment(str(n), comment.body)

    def post_inline(self, comments: Sequence[InlineComment], summary: str) -> Posted:
        assert comments and summary
        self.batches.append(len(comments))
        if self.refuse:
            return Posted(0, ("refused",))
        self.inline.extend(comments)
        return Posted(len(comments))

    def close(self) -> None:
        pass


def plan(count: int, summary: str = "<!-- srm-iac:summary -->\nreport") -> ReviewPlan:
    candidates = tuple(
        Candidate(
            fingerprint=f"{n:016x}",
            path="main.tf",
            start_line=n + 1,
            end_line=n + 1,
            label=f"SRM-AWS-{n:03d} r{n}",
            body=f"finding {n}\n{finding_marker(f'{n:016x}')}",
        )
        for n in range(count)
    )
    return ReviewPlan(marker="<!-- srm-iac:summary -->", summary=summary, candidates=candidates)


def platform_with_diff(lines: int) -> MemoryPlatform:
    diff = FileDiff("main.tf", "main.tf", dict.fromkeys(range(1, lines + 1)))
    return MemoryPlatform(files={"main.tf": diff})


def test_inline_comments_beyond_the_limit_wait_for_the_next_run() -> None:
    platform = platform_with_diff(80)
    first = publish(platform, plan(70), max_inline=50)
    assert (first.posted, first.over_limit) == (50, 20)
    assert platform.batches == [50]
    second = publish(platform, plan(70), max_inline=50)
    assert (second.posted, second.already_present, second.over_limit) == (20, 50, 0)
    assert "over the limit" in first.describe("Memory")


def test_nothing_to_post_makes_no_review() -> None:
    platform = platform_with_diff(0)
    outcome = publish(platform, plan(3))
    assert platform.batches == [] and outcome.outside_diff == 3
    assert outcome.summary == "created" and len(platform.comments) == 1


def test_an_identical_summary_is_not_rewritten() -> None:
    platform = platform_with_diff(5)
    publish(platform, plan(0))
    assert publish(platform, plan(0)).summary == "unchanged"
    changed = publish(platform, plan(0, summary="<!-- srm-iac:summary -->\nnew"))
    assert changed.summary == "updated" and platform.comments[0].body.endswith("new")
    assert len(platform.comments) == 1


def test_refused_inline_comments_become_a_warning() -> None:
    platform = platform_with_diff(5)
    platform.refuse = True
    outcome = publish(platform, plan(2))
    assert outcome.posted == 0
    assert outcome.warning.startswith("2 inline comment(s) were not posted")
    assert "refused" in outcome.warning
