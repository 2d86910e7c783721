"""What a review platform provides, and the closed set of platforms.

A platform is one open pull (GitHub) or merge (GitLab) request: it lists and writes the
top-level comments, lists the changed files with their hunks, lists the inline comments, and
posts new inline comments in one go where the platform allows it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, assert_never

from srm_iac.review.diff import FileDiff


@dataclass(frozen=True)
class PostedComment:
    """A comment that exists on the platform."""

    id: str
    """The platform's id of the comment (of the discussion's first note on GitLab)."""
    body: str
    """Its markdown body."""
    url: str = ""
    """Where a person can read it, when the platform says."""


@dataclass(frozen=True)
class InlineComment:
    """A comment to place on one line of the new version of a changed file."""

    path: str
    """File path relative to the repository root."""
    line: int
    """Line in the new version of the file (1-based)."""
    old_line: int | None
    """The same line in the old version when it is an unchanged context line, else None."""
    old_path: str
    """The file's path before the change (differs for renamed files)."""
    body: str
    """Markdown body, ending with the finding's hidden marker."""


@dataclass(frozen=True)
class Posted:
    """What became of the inline comments handed to ``post_inline``."""

    count: int
    """How many were posted."""
    rejected: tuple[str, ...] = ()
    """Why the others were refused (the platform's one-line errors)."""


class ReviewPlatform(Protocol):
    """One open pull or merge request on a code-review platform."""

    name: str
    """Display name of the platform, e.g. ``GitHub``."""

    def top_level_comments(self) -> Iterator[PostedComment]:
        """Every conversation comment (not attached to a line), oldest first."""
        ...

    def create_comment(self, body: str) -> PostedComment:
        """Add a conversation comment."""
        ...

    def update_comment(self, comment: PostedComment, body: str) -> PostedComment:
        """Replace the body of one of the conversation comments."""
        ...

    def changed_files(self) -> Mapping[str, FileDiff]:
        """The request's changed files by new path, with the lines a comment can sit on."""
        ...

    def inline_comments(self) -> Iterator[PostedComment]:
        """Every comment attached to a line of the diff."""
        ...

    def post_inline(self, comments: Sequence[InlineComment], summary: str) -> Posted:
        """Post ``comments`` (as one review where the platform has reviews).

        A comment the platform refuses to place (HTTP 400 or 422) is reported in ``rejected``;
        any other error raises.
        """
        ...

    def close(self) -> None:
        """Release network resources."""
        ...


class Platform(StrEnum):
    """Platforms ``--platform`` accepts."""

    GITHUB = "github"
    GITLAB = "gitlab"

    @property
    def display_name(self) -> str:
        """Human name of the platform."""
        if self is Platform.GITHUB:
            return "GitHub"
        if self is Platform.GITLAB:
            return "GitLab"
        assert_never(self)

    @classmethod
    def detect(cls, environment: Mapping[str, str]) -> Platform:
        """GitLab inside a GitLab CI job, GitHub otherwise."""
        return cls.GITLAB if environment.get("GITLAB_CI") == "true" else cls.GITHUB

    def connect(self, request: RequestSelection) -> ReviewPlatform:
        """Open the request ``request`` names (imports the platform's module when used)."""
        if self is Platform.GITHUB:
            from srm_iac.review import github

            return github.connect(request)
        if self is Platform.GITLAB:
            from srm_iac.review import gitlab

            return gitlab.connect(request)
        assert_never(self)


@dataclass(frozen=True)
class RequestSelection:
    """What the command line and the CI environment say about the request to review."""

    environment: Mapping[str, str]
    """The process environment (tokens, CI variables)."""
    repository: str | None = None
    """``--repo``: GitHub ``owner/name`` or GitLab project id or path."""
    number: int | None = None
    """``--pr``: the pull or merge request number."""
