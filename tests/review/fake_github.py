"""A fake GitHub REST API: the endpoints ``srm-iac comment`` uses, as GitHub documents them.

https://docs.github.com/en/rest/issues/comments, .../rest/pulls/pulls#list-pull-requests-files,
.../rest/pulls/comments, .../rest/pulls/reviews#create-a-review-for-a-pull-request.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from tests.review.fake_server import FakeApi, Recorded, Reply, json_body, right_side_lines

DOCS = "https://docs.github.com/rest"
BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}


class FakeGitHub(FakeApi):
    """One repository with one open pull request."""

    def __init__(
        self,
        *,
        token: str,
        repo: str = "acme/infra",
        number: int = 7,
        files: list[dict[str, Any]] | None = None,
        prefix: str = "",
    ) -> None:
        super().__init__()
        self.token = token
        self.repo = repo
        self.number = number
        self.prefix = prefix
        self.head_sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e"
        self.files = files or []
        self.issue_comments: list[dict[str, Any]] = []
        self.review_comments: list[dict[str, Any]] = []
        self.reviews: list[dict[str, Any]] = []
        self._ids = itertools.count(1001)

    @property
    def api_url(self) -> str:
        return self.origin + self.prefix

    def route(self, request: Recorded) -> Reply:
        auth = request.headers.get("authorization", "")
        if auth not in (f"Bearer {self.token}", f"token {self.token}"):
            return 401, {}, {"message": "Bad credentials", "documentation_url": DOCS}
        path = request.path.removeprefix(self.prefix)
        pull = f"/repos/{self.repo}/pulls/{self.number}"
        issue = f"/repos/{self.repo}/issues/{self.number}"
        method = request.method
        if (method, path) == ("GET", pull):
            return 200, {}, self._pull()
        if (method, path) == ("GET", f"{pull}/files"):
            return self.page(request, self.files)
        if (method, path) == ("GET", f"{issue}/comments"):
            return self.page(request, self.issue_comments)
        if (method, path) == ("POST", f"{issue}/comments"):
            return self._create_issue_comment(json_body(request))
        match = re.fullmatch(rf"/repos/{re.escape(self.repo)}/issues/comments/(\d+)", path)
        if method == "PATCH" and match:
            return self._update_issue_comment(int(match.group(1)), json_body(request))
        if (method, path) == ("GET", f"{pull}/comments"):
            return self.page(request, self.review_comments)
        if (method, path) == ("POST", f"{pull}/reviews"):
            return self._create_review(json_body(request))
        return 404, {}, {"message": "Not Found", "documentation_url": DOCS}

    def _pull(self) -> dict[str, Any]:
        return {
            "url": f"{self.api_url}/repos/{self.repo}/pulls/{self.number}",
            "number": self.number,
            "state": "open",
            "title": "Add the chat guardrail",
            "head": {"ref": "feature", "sha": self.head_sha},
            "base": {"ref": "main", "sha": "0" * 40},
        }

    def _create_issue_comment(self, body: Any) -> Reply:
        if not isinstance(body, dict) or not isinstance(body.get("body"), str):
            return 422, {}, {"message": "Invalid request.", "documentation_url": DOCS}
        if len(body["body"]) > 65536:
            return 422, {}, {"message": "Body is too long (maximum is 65536 characters)"}
        comment_id = next(self._ids)
        comment = {
            "id": comment_id,
            "node_id": f"IC_{comment_id}",
            "html_url": f"https://github.com/{self.repo}/pull/{self.number}"
            f"#issuecomment-{comment_id}",
            "body": body["body"],
            "user": BOT,
            "created_at": "2026-11-28T10:00:00Z",
            "updated_at": "2026-11-28T10:00:00Z",
        }
        self.issue_comments.append(comment)
        return 201, {}, comment

    def _update_issue_comment(self, comment_id: int, body: Any) -> Reply:
        for comment in self.issue_comments:
            if comment["id"] == comment_id:
                comment["body"] = body["body"]
                comment["updated_at"] = "2026-11-28T11:00:00Z"
                return 200, {}, comment
        return 404, {}, {"message": "Not Found", "documentation_url": DOCS}

    def _create_review(self, body: Any) -> Reply:
        if body.get("event") not in ("COMMENT", "APPROVE", "REQUEST_CHANGES"):
            return 422, {}, {"message": "Unprocessable Entity", "errors": ["event is invalid"]}
        if body.get("event") == "COMMENT" and not body.get("body"):
            return 422, {}, {"message": "Unprocessable Entity", "errors": ["body is required"]}
        if body.get("commit_id") not in (None, self.head_sha):
            return 422, {}, {"message": "Unprocessable Entity", "errors": ["commit_id is stale"]}
        patches = {f["filename"]: f.get("patch", "") for f in self.files}
        for comment in body.get("comments", []):
            lines = right_side_lines(patches.get(comment.get("path"), ""))
            if comment.get("side", "RIGHT") != "RIGHT" or comment.get("line") not in lines:
                return (
                    422,
                    {},
                    {
                        "message": "Unprocessable Entity",
                        "errors": ["Line could not be resolved"],
                        "documentation_url": DOCS,
                    },
                )
        review_id = next(self._ids)
        review = {
            "id": review_id,
            "user": BOT,
            "body": body["body"],
            "state": "COMMENTED",
            "commit_id": self.head_sha,
            "html_url": f"https://github.com/{self.repo}/pull/{self.number}"
            f"#pullrequestreview-{review_id}",
        }
        self.reviews.append(review)
        for comment in body.get("comments", []):
            comment_id = next(self._ids)
            self.review_comments.append(
                {
                    "id": comment_id,
                    "pull_request_review_id": review_id,
                    "path": comment["path"],
                    "line": comment["line"],
                    "original_line": comment["line"],
                    "side": "RIGHT",
                    "commit_id": self.head_sha,
                    "body": comment["body"],
                    "user": BOT,
                    "html_url": f"https://github.com/{self.repo}/pull/{self.number}"
                    f"#discussion_r{comment_id}",
                }
            )
        return 200, {}, review
