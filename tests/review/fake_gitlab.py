"""A fake GitLab REST API v4: the merge request endpoints ``srm-iac comment`` uses.

https://docs.gitlab.com/api/notes/#merge-requests, .../api/discussions/#merge-requests,
.../api/merge_requests/#list-merge-request-diffs.
"""

from __future__ import annotations

import itertools
import re
from typing import Any
from urllib.parse import quote

from tests.review.fake_server import FakeApi, Recorded, Reply, json_body, right_side_lines

AUTHOR = {"id": 9, "username": "project_9_bot", "name": "srm-iac bot"}


class FakeGitLab(FakeApi):
    """One project with one open merge request."""

    page_size_cap = 100
    default_page_size = 20

    def __init__(
        self,
        *,
        token: str,
        project: str = "42",
        iid: int = 3,
        diffs: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__()
        self.token = token
        self.project = project
        self.iid = iid
        self.diffs = diffs or []
        self.refs = {"base_sha": "b" * 40, "start_sha": "c" * 40, "head_sha": "d" * 40}
        self.notes: list[dict[str, Any]] = []
        self.discussions: list[dict[str, Any]] = []
        self._ids = itertools.count(501)

    @property
    def api_url(self) -> str:
        return self.origin + "/api/v4"

    def route(self, request: Recorded) -> Reply:
        private = request.headers.get("private-token")
        job = request.headers.get("job-token")
        if self.token not in (private, job):
            return 401, {}, {"message": "401 Unauthorized"}
        if job and request.method != "GET":
            return 403, {}, {"message": "403 Forbidden"}
        base = f"/api/v4/projects/{quote(self.project, safe='')}/merge_requests/{self.iid}"
        path, method = request.path, request.method
        if (method, path) == ("GET", base):
            return 200, {}, self._merge_request()
        if (method, path) == ("GET", f"{base}/diffs"):
            return self.page(request, self.diffs)
        if (method, path) == ("GET", f"{base}/notes"):
            return self.page(request, self.notes)
        if (method, path) == ("POST", f"{base}/notes"):
            return self._create_note(json_body(request))
        match = re.fullmatch(rf"{re.escape(base)}/notes/(\d+)", path)
        if method == "PUT" and match:
            return self._update_note(int(match.group(1)), json_body(request))
        if (method, path) == ("GET", f"{base}/discussions"):
            return self.page(request, self.discussions)
        if (method, path) == ("POST", f"{base}/discussions"):
            return self._create_discussion(json_body(request))
        return 404, {}, {"message": "404 Not found"}

    def _merge_request(self) -> dict[str, Any]:
        return {
            "id": 77,
            "iid": self.iid,
            "project_id": 42,
            "title": "Add the chat guardrail",
            "state": "opened",
            "web_url": f"https://gitlab.example.com/acme/infra/-/merge_requests/{self.iid}",
            "diff_refs": dict(self.refs),
        }

    def _note(self, body: str, **extra: Any) -> dict[str, Any]:
        return {
            "id": next(self._ids),
            "type": None,
            "body": body,
            "author": AUTHOR,
            "created_at": "2026-11-28T10:00:00.000Z",
            "updated_at": "2026-11-28T10:00:00.000Z",
            "system": False,
            "noteable_id": 77,
            "noteable_type": "MergeRequest",
            "noteable_iid": self.iid,
            "resolvable": False,
            **extra,
        }

    def _create_note(self, body: Any) -> Reply:
        if not isinstance(body, dict) or not body.get("body"):
            return 400, {}, {"message": "400 Bad request - body is missing"}
        if len(body["body"]) > 1_000_000:
            return 400, {}, {"message": {"note": ["is too long (maximum is 1000000 characters)"]}}
        note = self._note(body["body"])
        self.notes.append(note)
        return 201, {}, note

    def _update_note(self, note_id: int, body: Any) -> Reply:
        for note in self.notes:
            if note["id"] == note_id:
                note["body"] = body["body"]
                return 200, {}, note
        return 404, {}, {"message": "404 Not found"}

    def _create_discussion(self, body: Any) -> Reply:
        position = body.get("position") or {}
        if not self._valid(position):
            return 400, {}, {"message": '400 Bad request - Note {:line_code=>["can\'t be blank"]}'}
        note = self._note(body["body"], type="DiffNote", position=position, resolvable=True)
        discussion = {"id": f"{note['id']:040x}", "individual_note": False, "notes": [note]}
        self.discussions.append(discussion)
        self.notes.append(note)
        return 201, {}, discussion

    def _valid(self, position: dict[str, Any]) -> bool:
        if position.get("position_type") != "text":
            return False
        if any(position.get(name) != sha for name, sha in self.refs.items()):
            return False
        diff = next((d for d in self.diffs if d["new_path"] == position.get("new_path")), None)
        if diff is None or position.get("old_path") != diff["old_path"]:
            return False
        line = position.get("new_line")
        if line not in right_side_lines(diff["diff"]):
            return False
        added = _added_lines(diff["diff"])
        return ("old_line" in position) == (line not in added)


def _added_lines(patch: str) -> set[int]:
    added: set[int] = set()
    line = 0
    for raw in patch.split("\n"):
        if raw.startswith("@@"):
            line = int(raw.split("+", 1)[1].split(" ", 1)[0].split(",")[0])
        elif raw.startswith("+"):
            added.add(line)
            line += 1
        elif raw.startswith(" "):
            line += 1
    return added
