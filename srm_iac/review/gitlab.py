"""GitLab merge requests over the REST API v4 (gitlab.com and self-managed, 15.7 or later).

Endpoints used, under ``/projects/{id}/merge_requests/{iid}``:

- ``GET`` (the request itself): ``diff_refs`` for positions, ``web_url`` for links;
- ``GET /diffs``: changed files with their ``diff`` hunks;
- ``GET|POST /notes``, ``PUT /notes/{note_id}``: the summary (a merge request note);
- ``GET|POST /discussions``: inline comments (a discussion with a text ``position``).

Settings come from the CI job: ``CI_API_V4_URL``, ``CI_PROJECT_ID``, ``CI_MERGE_REQUEST_IID``,
and the token from ``GITLAB_TOKEN`` (a project or personal access token with the ``api``
scope, sent as ``PRIVATE-TOKEN``) or else ``CI_JOB_TOKEN`` (sent as ``JOB-TOKEN``; most
GitLab versions do not let job tokens write notes, and the error says so).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from srm_iac import __version__
from srm_iac.errors import UsageError
from srm_iac.review.diff import FileDiff, commentable_lines
from srm_iac.review.http import REJECTED, ApiClient, ApiError, ApiSettings, check_base_url
from srm_iac.review.interface import InlineComment, Posted, PostedComment, RequestSelection

DEFAULT_API_URL = "https://gitlab.com/api/v4"
HINTS = {
    401: "the token was rejected; set GITLAB_TOKEN to a project access token with the api scope",
    403: "the token may not comment here; GITLAB_TOKEN needs the api scope and at least the "
    "Reporter role (CI_JOB_TOKEN cannot write merge request notes)",
    404: "check CI_PROJECT_ID and the merge request IID, and that the token can read the project",
}


def connect(selection: RequestSelection) -> GitLabMergeRequest:
    """The merge request named by the flags or the GitLab CI environment."""
    env = selection.environment
    if env.get("GITLAB_TOKEN", "").strip():
        token, header = env["GITLAB_TOKEN"].strip(), "PRIVATE-TOKEN"
    elif env.get("CI_JOB_TOKEN", "").strip():
        token, header = env["CI_JOB_TOKEN"].strip(), "JOB-TOKEN"
    else:
        raise UsageError(
            "GITLAB_TOKEN is not set",
            hint="add a project access token with the api scope as a masked CI/CD variable",
        )
    project = selection.repository or env.get("CI_PROJECT_ID", "")
    if not project:
        raise UsageError("no GitLab project: set CI_PROJECT_ID or pass --repo ID|GROUP/PROJECT")
    number = selection.number or _positive(env.get("CI_MERGE_REQUEST_IID", ""))
    if number is None:
        raise UsageError(
            "no merge request: this pipeline is not a merge request pipeline",
            hint="run the job with `rules: - if: $CI_PIPELINE_SOURCE == "
            '"merge_request_event"` or pass --pr IID',
        )
    settings = ApiSettings(
        platform="GitLab",
        base_url=check_base_url(env.get("CI_API_V4_URL") or DEFAULT_API_URL, "GitLab"),
        headers={header: token, "User-Agent": f"srm-iac/{__version__}"},
        token=token,
        hints=HINTS,
    )
    return GitLabMergeRequest(ApiClient(settings), project, number)


def _positive(text: str) -> int | None:
    return int(text) if text.strip().isdigit() and int(text) > 0 else None


class GitLabMergeRequest:
    """One merge request, read and commented through the REST API."""

    name = "GitLab"

    def __init__(self, client: ApiClient, project: str, iid: int) -> None:
        self._client = client
        self._base = f"/projects/{quote(project, safe='')}/merge_requests/{iid}"
        self._details: dict[str, Any] | None = None

    def details(self) -> dict[str, Any]:
        """The merge request (``diff_refs``, ``web_url``)."""
        if self._details is None:
            self._details = dict(self._client.get(self._base))
        return self._details

    def top_level_comments(self) -> Iterator[PostedComment]:
        """The merge request's notes, oldest first, without system notes."""
        self.details()
        params = {"sort": "asc", "order_by": "created_at"}
        for item in self._client.paginate(f"{self._base}/notes", params):
            if not item.get("system"):
                yield self._note(item)

    def create_comment(self, body: str) -> PostedComment:
        """Add a note."""
        return self._note(self._client.post(f"{self._base}/notes", {"body": body}))

    def update_comment(self, comment: PostedComment, body: str) -> PostedComment:
        """Replace a note's body."""
        return self._note(self._client.put(f"{self._base}/notes/{comment.id}", {"body": body}))

    def changed_files(self) -> Mapping[str, FileDiff]:
        """Changed files that still exist, with their commentable lines."""
        self.details()
        files: dict[str, FileDiff] = {}
        for item in self._client.paginate(f"{self._base}/diffs"):
            if item.get("deleted_file") or not isinstance(item.get("diff"), str):
                continue
            path = str(item["new_path"])
            old_path = str(item.get("old_path") or path)
            files[path] = FileDiff(path, old_path, commentable_lines(item["diff"]))
        return files

    def inline_comments(self) -> Iterator[PostedComment]:
        """Every note of every discussion."""
        for discussion in self._client.paginate(f"{self._base}/discussions"):
            for note in discussion.get("notes") or ():
                yield self._note(note)

    def post_inline(self, comments: Sequence[InlineComment], summary: str) -> Posted:
        """One discussion per comment (GitLab has no review that batches them)."""
        del summary
        refs = self.details().get("diff_refs") or {}
        posted, rejected = 0, []
        for comment in comments:
            position: dict[str, Any] = {
                "position_type": "text",
                "base_sha": refs.get("base_sha"),
                "start_sha": refs.get("start_sha"),
                "head_sha": refs.get("head_sha"),
                "old_path": comment.old_path,
                "new_path": comment.path,
                "new_line": comment.line,
            }
            if comment.old_line is not None:
                position["old_line"] = comment.old_line
            try:
                self._client.post(
                    f"{self._base}/discussions", {"body": comment.body, "position": position}
                )
            except ApiError as exc:
                if exc.status not in REJECTED:
                    raise
                rejected.append(f"{comment.path}:{comment.line}: {exc.diagnostics()}")
                continue
            posted += 1
        return Posted(posted, tuple(rejected))

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()

    def _note(self, item: Any) -> PostedComment:
        web_url = (self._details or {}).get("web_url", "")
        note_id = str(item["id"])
        return PostedComment(
            id=note_id,
            body=str(item.get("body") or ""),
            url=f"{web_url}#note_{note_id}" if web_url else "",
        )
