"""A small REST client for the review platforms: retries, rate limits, pagination, errors.

Built on httpx (the ``review`` extra), imported only when a client is created. Every failure
becomes an ``ApiError`` with one line that says what to do; the token is sent in a header
only, never follows a redirect or a pagination link to another host, and is scrubbed from
every message.

Rate limits: a 429, or a 403 that carries ``Retry-After``, an exhausted
``x-ratelimit-remaining``/``ratelimit-remaining`` or a secondary-limit message, is retried
after the time the server asks for (``Retry-After``, else the reset time, else a minute), up
to ``MAX_WAIT`` seconds per wait. Server errors and dropped connections are retried with a
short back-off for requests that are safe to repeat (never a POST).
"""

from __future__ import annotations

import email.utils
import ipaddress
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from srm_iac.errors import ReviewError, UsageError

if TYPE_CHECKING:
    import httpx

SLEEP: Callable[[float], None] = time.sleep
"""How the client waits (tests replace it so they never sleep)."""
CLOCK: Callable[[], float] = time.time
"""Wall-clock seconds since the epoch (rate-limit resets are epoch seconds)."""
MAX_ATTEMPTS = 5
MAX_WAIT = 120.0
"""Longest single wait for a rate limit; a longer one is an error that says when to retry."""
SECONDARY_LIMIT_WAIT = 60.0
"""Wait when a limit gives no time (GitHub: wait at least a minute)."""
MAX_PAGES = 200
PAGE_SIZE = 100
REJECTED = frozenset({400, 422})
"""Statuses with which a platform refuses a well-formed request's content (e.g. a line)."""
_SERVER_ERRORS = frozenset({500, 502, 503, 504})
_REPEATABLE = frozenset({"GET", "PUT", "PATCH", "DELETE"})


class ApiError(ReviewError):
    """The platform answered with an error (``status`` 0: it could not be reached)."""

    def __init__(self, message: str, *, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ApiSettings:
    """How to reach one platform's REST API."""

    platform: str
    """Display name, e.g. ``GitHub``."""
    base_url: str
    """API root, e.g. ``https://api.github.com`` or ``https://gitlab.example.com/api/v4``."""
    headers: Mapping[str, str]
    """Headers sent with every request, including the authentication header."""
    token: str
    """The token (scrubbed from every message)."""
    hints: Mapping[int, str] = field(default_factory=dict)
    """HTTP status -> what the user should do about it."""


def require_httpx() -> Any:
    """The httpx module, or a one-line error naming the extra to install."""
    try:
        import httpx
    except ImportError:
        raise UsageError(
            "posting reviews needs httpx",
            hint="install the review extra: pip install 'srm-iac[review]'",
        ) from None
    return httpx


def check_base_url(url: str, platform: str) -> str:
    """``url`` without a trailing slash; refuses to send a token over plain HTTP to a remote."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UsageError(f"{platform} API URL {url!r} is not an http(s) URL")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise UsageError(
            f"{platform} API URL {parts.scheme}://{parts.hostname} is not HTTPS; "
            "refusing to send the token in clear text"
        )
    return url.rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ApiClient:
    """JSON over HTTPS with retries, rate-limit waits and Link-header pagination."""

    def __init__(
        self,
        settings: ApiSettings,
        *,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
        log: Callable[[str], None] | None = None,
        timeout: float = 30.0,
    ) -> None:
        module = require_httpx()
        self.settings = settings
        self._sleep = sleep or SLEEP
        self._clock = clock or CLOCK
        self._log = log or _stderr
        self._origin = _origin(settings.base_url)
        self._client: httpx.Client = module.Client(
            base_url=settings.base_url + "/",
            headers=dict(settings.headers),
            timeout=timeout,
            follow_redirects=False,
        )
        self._httpx = module

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET ``path`` and return its JSON."""
        return _json(self._request("GET", path, params=params), self._where("GET", path))

    def post(self, path: str, body: Any) -> Any:
        """POST ``body`` as JSON to ``path`` and return the JSON answer."""
        return _json(self._request("POST", path, body=body), self._where("POST", path))

    def patch(self, path: str, body: Any) -> Any:
        """PATCH ``path`` with ``body`` and return the JSON answer."""
        return _json(self._request("PATCH", path, body=body), self._where("PATCH", path))

    def put(self, path: str, body: Any) -> Any:
        """PUT ``body`` to ``path`` and return the JSON answer."""
        return _json(self._request("PUT", path, body=body), self._where("PUT", path))

    def paginate(self, path: str, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        """Every item of a list endpoint, following ``Link: rel="next"`` (or ``x-next-page``)."""
        url: str = path
        query: dict[str, Any] | None = {"per_page": PAGE_SIZE, **(params or {})}
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            response = self._request("GET", url, params=query)
            page = _json(response, self._where("GET", path))
            if not isinstance(page, list):
                raise ApiError(f"{self._where('GET', path)} did not answer with a list")
            yield from page
            next_url = response.links.get("next", {}).get("url")
            if next_url:
                if _origin(next_url) != self._origin:
                    raise ApiError(
                        f"{self._where('GET', path)}: refusing to follow a pagination link "
                        "to another host"
                    )
                url, query = next_url, None
            elif response.headers.get("x-next-page", "").isdigit() and query is not None:
                query = {**query, "page": response.headers["x-next-page"]}
            else:
                return
            if url + str(query) in seen:
                return
            seen.add(url + str(query))
        raise ApiError(f"{self._where('GET', path)}: more than {MAX_PAGES} pages")

    def _request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
    ) -> httpx.Response:
        where = self._where(method, url)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            last = attempt == MAX_ATTEMPTS
            try:
                response = self._client.request(method, url, params=params, json=body)
            except self._httpx.TransportError as exc:
                if last or method not in _REPEATABLE:
                    raise ApiError(
                        f"cannot reach {self.settings.platform} for {where} ({type(exc).__name__})"
                    ) from None
                self._sleep(2.0 ** (attempt - 1))
                continue
            wait = self._rate_limit_wait(response)
            if wait is None and response.status_code in _SERVER_ERRORS and method in _REPEATABLE:
                wait = 2.0 ** (attempt - 1)
            if wait is None or last:
                break
            if wait > MAX_WAIT:
                raise ApiError(
                    f"{self.settings.platform} rate limit reached at {where}; it resets in "
                    f"{int(wait)} s: retry later",
                    status=response.status_code,
                )
            self._log(
                f"srm-iac: {self.settings.platform} answered {response.status_code} to {where}; "
                f"retrying in {wait:.0f} s"
            )
            self._sleep(wait)
        if response.is_success:
            return response
        raise self._error(response, where)

    def _rate_limit_wait(self, response: httpx.Response) -> float | None:
        status = response.status_code
        if status not in (403, 429):
            return None
        headers = response.headers
        retry_after = _retry_after(headers.get("retry-after"), self._clock())
        if retry_after is not None:
            return retry_after
        for prefix in ("x-ratelimit", "ratelimit"):
            reset = headers.get(f"{prefix}-reset", "")
            if headers.get(f"{prefix}-remaining") == "0" and reset.isdigit():
                return max(0.0, int(reset) - self._clock()) + 1.0
        if status == 429 or "rate limit" in _message(response).lower():
            return SECONDARY_LIMIT_WAIT
        return None

    def _error(self, response: httpx.Response, where: str) -> ApiError:
        status = response.status_code
        message = _message(response)
        detail = f"{status}: {message}" if message else str(status)
        text = f"{self.settings.platform} answered {detail} to {where}"
        if status in (301, 302, 307, 308):
            text += "; the resource moved (renamed or transferred repository?)"
        hint = self.settings.hints.get(status, "")
        if hint:
            text += f": {hint}"
        return ApiError(self._scrub(text), status=status)

    def _where(self, method: str, url: str) -> str:
        path = urlsplit(url).path if "://" in url else url.split("?", 1)[0]
        base_path = urlsplit(self.settings.base_url).path
        if base_path and path.startswith(base_path + "/"):
            path = path[len(base_path) :]
        return self._scrub(f"{method} {path if path.startswith('/') else '/' + path}")

    def _scrub(self, text: str) -> str:
        token = self.settings.token
        return text.replace(token, "***") if token else text


def _json(response: httpx.Response, where: str) -> Any:
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise ApiError(f"{where} did not answer with JSON", status=response.status_code) from None


def _message(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    parts = [data.get("message") or data.get("error") or ""]
    errors = data.get("errors")
    if isinstance(errors, list):
        parts += [e.get("message", "") if isinstance(e, dict) else e for e in errors]
    text = " ".join(" ".join(str(part) for part in parts if part).split())
    return text[:300]


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - now)


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return (parts.scheme, (parts.hostname or "").lower(), port)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)
