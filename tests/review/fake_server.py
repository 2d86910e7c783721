"""A real HTTP server on 127.0.0.1 for the review tests: routing, recording, pagination.

Subclasses implement one platform's endpoints with the documented request and response
shapes; this base records every request, serves injected responses first (rate limits,
errors), and pages lists with ``Link`` headers the way both platforms do.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

Reply = tuple[int, dict[str, str], Any]


@dataclass
class Recorded:
    """One request the server received."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: str


@dataclass
class Injected:
    """A canned answer served instead of the route, ``times`` times."""

    status: int
    headers: dict[str, str]
    body: Any
    times: int = 1
    when: Callable[[Recorded], bool] = field(default=lambda request: True)


class FakeApi:
    """Base of the fake platforms."""

    page_size_cap = 100
    default_page_size = 30

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._injected: list[Injected] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.origin = ""

    @contextmanager
    def running(self) -> Iterator[FakeApi]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._serve(self, "GET")

            def do_POST(self) -> None:
                fake._serve(self, "POST")

            def do_PATCH(self) -> None:
                fake._serve(self, "PATCH")

            def do_PUT(self) -> None:
                fake._serve(self, "PUT")

            def log_message(self, format: str, *args: Any) -> None:
                del format, args

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server = server
        self.origin = f"http://127.0.0.1:{server.server_address[1]}"
        thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join()

    def inject(
        self,
        status: int,
        headers: dict[str, str] | None = None,
        body: Any = None,
        *,
        times: int = 1,
        when: Callable[[Recorded], bool] | None = None,
    ) -> None:
        """Answer the next ``times`` matching requests with this instead of the route."""
        self._injected.append(
            Injected(status, headers or {}, body, times, when or (lambda request: True))
        )

    def route(self, request: Recorded) -> Reply:
        raise NotImplementedError

    def writes(self) -> list[Recorded]:
        """Requests that change something."""
        return [r for r in self.requests if r.method != "GET"]

    def page(self, request: Recorded, items: list[Any]) -> Reply:
        """One page of ``items`` with ``Link`` (and GitLab-style ``x-*``) headers."""
        asked = int(request.query.get("per_page", self.default_page_size))
        per_page = min(asked, self.page_size_cap)
        page = int(request.query.get("page", "1"))
        last = max(1, -(-len(items) // per_page))
        chunk = items[(page - 1) * per_page : page * per_page]
        links = []
        if page < last:
            links.append(f'<{self._url(request, page + 1)}>; rel="next"')
        links.append(f'<{self._url(request, last)}>; rel="last"')
        headers = {
            "Link": ", ".join(links),
            "x-page": str(page),
            "x-per-page": str(per_page),
            "x-total": str(len(items)),
            "x-next-page": str(page + 1) if page < last else "",
        }
        return 200, headers, chunk

    def _url(self, request: Recorded, page: int) -> str:
        query = {**request.query, "page": str(page)}
        return f"{self.origin}{request.path}?{urlencode(query)}"

    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length).decode("utf-8") if length else ""
        request = Recorded(
            method=method,
            path=parts.path,
            query={k: v[-1] for k, v in parse_qs(parts.query).items()},
            headers={k.lower(): v for k, v in handler.headers.items()},
            body=body,
        )
        with self._lock:
            self.requests.append(request)
            reply = self._take_injected(request) or self.route(request)
        status, headers, payload = reply
        data = b"" if payload is None else json.dumps(payload).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _take_injected(self, request: Recorded) -> Reply | None:
        for item in self._injected:
            if item.times > 0 and item.when(request):
                item.times -= 1
                return item.status, item.headers, item.body
        return None


def right_side_lines(patch: str) -> set[int]:
    """Lines of the new file a diff shows (added or context), read independently of srm-iac."""
    shown: set[int] = set()
    line = 0
    for raw in patch.split("\n"):
        if raw.startswith("@@"):
            new_part = raw.split("+", 1)[1].split(" ", 1)[0]
            line = int(new_part.split(",")[0])
        elif raw.startswith("+") or raw.startswith(" "):
            shown.add(line)
            line += 1
    return shown


def json_body(request: Recorded) -> Any:
    return json.loads(request.body) if request.body else None
