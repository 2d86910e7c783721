"""GitHub pull requests over the REST API (github.com and GitHub Enterprise Server).

Endpoints used (API version 2022-11-28):

- ``GET  /repos/{repo}/pulls/{n}``: the head commit the review is attached to;
- ``GET  /repos/{repo}/pulls/{n}/files``: changed files with their ``patch`` hunks;
- ``GET|POST /repos/{repo}/issues/{n}/comments``, ``PATCH /repos/{repo}/issues/comments/{id}``:
  the summary (a conversation comment);
- ``GET  /repos/{repo}/pulls/{n}/comments``: existing inline (review) comments;
- ``POST /repos/{repo}/pulls/{n}/reviews``: one review carrying the new inline comments.

Settings come from the Actions environment: ``GITHUB_TOKEN``, ``GITHUB_REPOSITORY``, the
event payload at ``GITHUB_EVENT_PATH`` (pull request number) and ``GITHUB_API_URL``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from srm_iac import __version__
from srm_iac.errors import UsageError
from srm_iac.review.diff import FileDiff, commentable_lines
from srm_iac.review.http import REJECTED, ApiClient, ApiError, ApiSettings, check_base_url
from srm_iac.review.interface import InlineComment, Posted, PostedComment, RequestSelection

API_VERSION = "2022-11-28"
DEFAULT_API_URL = "https://api.github.com"
_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
HINTS = {
    401: "the token was rejected; check GITHUB_TOKEN",
    403: "the token may not do this; the workflow needs `permissions: pull-requests: write` "
    "(pull requests from forks only get a read-only token)",
    404: "check the repository and pull request number, and that the token can read the repository",
}


def connect(selection: RequestSelection) -> GitHubPullRequest:
    """The pull request named by the flags or the Actions environment."""
    env = selection.environment
    token = env.get("GITHUB_TOKEN", "").strip()
    if not token:
        raise UsageError(
            "GITHUB_TOKEN is not set",
            hint="in a workflow step add `env: GITHUB_TOKEN: ${{ github.token }}`",
        )
    repository = selection.repository or env.get("GITHUB_REPOSITORY", "")
    if not _REPOSITORY.match(repository):
        raise UsageError(
            "no GitHub repository: set GITHUB_REPOSITORY or pass --repo OWNER/NAME"
            if not repository
            else f"--repo {repository!r} is not OWNER/NAME"
        )
    number = selection.number or pull_request_number(env.get("GITHUB_EVENT_PATH", ""))
    if number is None:
        raise UsageError(
            "no pull request: this workflow event is not a pull request",
            hint="run on `pull_request` events or pass --pr NUMBER",
        )
    settings = ApiSettings(
        platform="GitHub",
        base_url=check_base_url(env.get("GITHUB_API_URL") or DEFAULT_API_URL, "GitHub"),
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": API_VERSION,
            "User-Agent": f"srm-iac/{__version__}",
        },
        token=token,
        hints=HINTS,
    )
    return GitHubPullRequest(ApiClient(settings), repository, number)


def pull_request_number(event_path: str) -> int | None:
    """The pull request number in an Actions event payload, if it is about one."""
    if not event_path:
        return None
    try:
        event: Any = json.loads(Path(event_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UsageError(f"GITHUB_EVENT_PATH {event_path}: cannot read the event") from None
    if not isinstance(event, dict):
        return None
    pull = event.get("pull_request")
    if isinstance(pull, dict) and isinstance(pull.get("number"), int):
        return int(pull["number"])
    issue = event.get("issue")
    if isinstance(issue, dict) and "pull_request" in issue and isinstance(issue.get("number"), int):
        return int(issue["number"])
    return None


class GitHubPullRequest:
    """One pull request, read and commented through the REST API."""

    name = "GitHub"

    def __init__(self, client: ApiClient, repository: str, number: int) -> None:
        self._client = client
        self._pull = f"/repos/{repository}/pulls/{number}"
        self._issue = f"/repos/{repository}/issues/{number}"
        self._repository = repository
        self._head: str | None = None

    def head_sha(self) -> str:
        """The pull request's current head commit."""
        if self._head is None:
            pull = self._client.get(self._pull)
            self._head = str(pull["head"]["sha"])
        return self._head

    def top_level_comments(self) -> Iterator[PostedComment]:
        """The conversation comments, oldest first."""
        self.head_sha()
        for item in self._client.paginate(f"{self._issue}/comments"):
            yield _comment(item)

    def create_comment(self, body: str) -> PostedComment:
        """Add a conversation comment."""
        return _comment(self._client.post(f"{self._issue}/comments", {"body": body}))

    def update_comment(self, comment: PostedComment, body: str) -> PostedComment:
        """Replace a conversation comment's body."""
        path = f"/repos/{self._repository}/issues/comments/{comment.id}"
        return _comment(self._client.patch(path, {"body": body}))

    def changed_files(self) -> Mapping[str, FileDiff]:
        """Changed files that still exist, with their commentable lines."""
        self.head_sha()
        files: dict[str, FileDiff] = {}
        for item in self._client.paginate(f"{self._pull}/files"):
            patch = item.get("patch")
            if item.get("status") == "removed" or not isinstance(patch, str):
                continue
            path = str(item["filename"])
            old_path = str(item.get("previous_filename") or path)
            files[path] = FileDiff(path, old_path, commentable_lines(patch))
        return files

    def inline_comments(self) -> Iterator[PostedComment]:
        """Every review comment on the pull request."""
        for item in self._client.paginate(f"{self._pull}/comments"):
            yield _comment(item)

    def post_inline(self, comments: Sequence[InlineComment], summary: str) -> Posted:
        """One review (event COMMENT) holding every comment: all are posted, or none."""
        body = {
            "commit_id": self.head_sha(),
            "event": "COMMENT",
            "body": summary,
            "comments": [
                {"path": c.path, "line": c.line, "side": "RIGHT", "body": c.body} for c in comments
            ],
        }
        try:
            self._client.post(f"{self._pull}/reviews", body)
        except ApiError as exc:
            if exc.status not in REJECTED:
                raise
            return Posted(0, (exc.diagnostics(),))
        return Posted(len(comments))

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()


def _comment(item: Any) -> PostedComment:
    return PostedComment(
        id=str(item["id"]), body=str(item.get("body") or ""), url=str(item.get("html_url") or "")
    )
