"""The REST client against a real local server: pagination, rate limits, retries, errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from srm_iac.errors import UsageError
from srm_iac.review.http import (
    SECONDARY_LIMIT_WAIT,
    ApiClient,
    ApiError,
    ApiSettings,
    check_base_url,
)
from tests.review.fake_github import FakeGitHub
from tests.review.fake_server import FakeApi, Recorded, Reply

TOKEN = "ghs_fakeTOKEN0123456789abcdef"
NOW = 1_800_000_000.0


class Sleeps:
    """Records waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub(token=TOKEN)
    fake.issue_comments = [{"id": n, "body": f"comment {n}"} for n in range(1, 6)]
    with fake.running():
        yield fake


def client(fake: FakeApi, sleeps: Sleeps, *, token: str = TOKEN) -> ApiClient:
    settings = ApiSettings(
        platform="GitHub",
        base_url=fake.origin,
        headers={"Authorization": f"Bearer {token}"},
        token=token,
        hints={404: "check the repository"},
    )
    return ApiClient(settings, sleep=sleeps, clock=lambda: NOW, log=lambda line: None)


def comments_path(fake: FakeGitHub) -> str:
    return f"/repos/{fake.repo}/issues/{fake.number}/comments"


def test_pagination_follows_link_headers(github: FakeGitHub) -> None:
    github.page_size_cap = 2
    with client(github, Sleeps()) as api:
        bodies = [item["body"] for item in api.paginate(comments_path(github))]
    assert bodies == [f"comment {n}" for n in range(1, 6)]
    pages = [r.query.get("page", "1") for r in github.requests]
    assert pages == ["1", "2", "3"]
    assert github.requests[0].query["per_page"] == "100"


def test_429_waits_for_retry_after(github: FakeGitHub) -> None:
    github.inject(429, {"Retry-After": "3"}, {"message": "Too Many Requests"})
    sleeps = Sleeps()
    with client(github, sleeps) as api:
        assert len(list(api.paginate(comments_path(github)))) == 5
    assert sleeps.waits == [3.0]
    assert len(github.requests) == 2


def test_403_primary_limit_waits_until_reset(github: FakeGitHub) -> None:
    github.inject(
        403,
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) + 5)},
        {"message": "API rate limit exceeded for installation ID 1."},
    )
    sleeps = Sleeps()
    with client(github, sleeps) as api:
        api.post(comments_path(github), {"body": "hello"})
    assert sleeps.waits == [6.0]
    assert [r.method for r in github.requests] == ["POST", "POST"]
    assert len(github.issue_comments) == 6


def test_403_secondary_limit_without_headers_waits_a_minute(github: FakeGitHub) -> None:
    github.inject(403, {}, {"message": "You have exceeded a secondary rate limit."})
    sleeps = Sleeps()
    with client(github, sleeps) as api:
        api.get(f"/repos/{github.repo}/pulls/{github.number}")
    assert sleeps.waits == [SECONDARY_LIMIT_WAIT]


def test_403_with_retry_after_is_a_rate_limit(github: FakeGitHub) -> None:
    github.inject(403, {"Retry-After": "1"}, {"message": "secondary rate limit"}, times=2)
    sleeps = Sleeps()
    with client(github, sleeps) as api:
        api.get(f"/repos/{github.repo}/pulls/{github.number}")
    assert sleeps.waits == [1.0, 1.0]


def test_a_limit_that_resets_too_late_is_a_clear_error(github: FakeGitHub) -> None:
    github.inject(
        403,
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) + 3600)},
        {"message": "API rate limit exceeded"},
    )
    with client(github, Sleeps()) as api, pytest.raises(ApiError) as caught:
        api.get(f"/repos/{github.repo}/pulls/{github.number}")
    assert "rate limit" in caught.value.diagnostics() and "3601 s" in caught.value.diagnostics()


def test_still_limited_after_every_attempt_reports_the_status(github: FakeGitHub) -> None:
    github.inject(429, {"Retry-After": "1"}, {"message": "Too Many Requests"}, times=99)
    sleeps = Sleeps()
    with client(github, sleeps) as api, pytest.raises(ApiError) as caught:
        api.get(f"/repos/{github.repo}/pulls/{github.number}")
    assert caught.value.status == 429
    assert len(sleeps.waits) == 4


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (401, "GitHub answered 401: Bad credentials to GET /repos/acme/infra/pulls/7"),
        (403, "GitHub answered 403: Resource not accessible by integration"),
        (404, "GitHub answered 404: Not Found to GET /repos/acme/infra/pulls/7: check the"),
    ],
)
def test_client_errors_are_one_line_without_the_token(
    github: FakeGitHub, status: int, expected: str
) -> None:
    message = {401: "Bad credentials", 403: "Resource not accessible by integration"}
    github.inject(status, {}, {"message": message.get(status, "Not Found"), "token": TOKEN})
    with client(github, Sleeps()) as api, pytest.raises(ApiError) as caught:
        api.get(f"/repos/{github.repo}/pulls/{github.number}")
    line = caught.value.diagnostics()
    assert expected in line
    assert "\n" not in line and TOKEN not in line
    assert caught.value.status == status


def test_server_errors_are_retried_for_reads_only(github: FakeGitHub) -> None:
    github.inject(502, {}, {"message": "Bad Gateway"})
    sleeps = Sleeps()
    with client(github, sleeps) as api:
        api.get(f"/repos/{github.repo}/pulls/{github.number}")
        assert sleeps.waits == [1.0]
        github.inject(502, {}, {"message": "Bad Gateway"})
        with pytest.raises(ApiError) as caught:
            api.post(comments_path(github), {"body": "x"})
    assert caught.value.status == 502
    assert len(github.issue_comments) == 5


class ForeignLinks(FakeApi):
    """Answers a list whose next page is on another host."""

    def route(self, request: Recorded) -> Reply:
        return 200, {"Link": '<https://evil.example.com/items?page=2>; rel="next"'}, [1]


def test_pagination_never_follows_a_link_to_another_host() -> None:
    fake = ForeignLinks()
    with fake.running(), client(fake, Sleeps()) as api, pytest.raises(ApiError) as caught:
        list(api.paginate("/items"))
    assert "another host" in caught.value.diagnostics()
    assert len(fake.requests) == 1


def test_an_unreachable_server_is_a_clear_error() -> None:
    fake = FakeApi()
    with fake.running():
        origin = fake.origin
    settings = ApiSettings("GitHub", origin, {}, TOKEN)
    sleeps = Sleeps()
    with ApiClient(settings, sleep=sleeps, log=lambda line: None) as api:
        with pytest.raises(ApiError) as caught:
            api.get("/repos/a/b")
    assert "cannot reach GitHub for GET /repos/a/b (ConnectError)" == caught.value.diagnostics()
    assert sleeps.waits == [1.0, 2.0, 4.0, 8.0]


def test_a_base_path_is_kept_and_hidden_from_messages() -> None:
    fake = FakeGitHub(token=TOKEN, prefix="/api/v3")
    with fake.running():
        settings = ApiSettings("GitHub", fake.api_url, {"Authorization": f"Bearer {TOKEN}"}, TOKEN)
        with ApiClient(settings, sleep=Sleeps()) as api:
            assert api.get(f"/repos/{fake.repo}/pulls/{fake.number}")["number"] == 7
            with pytest.raises(ApiError) as caught:
                api.get("/repos/acme/other/pulls/1")
    assert fake.requests[0].path == "/api/v3/repos/acme/infra/pulls/7"
    assert "GET /repos/acme/other/pulls/1" in caught.value.diagnostics()


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://api.github.com", True),
        ("https://ghe.example.com/api/v3/", True),
        ("http://127.0.0.1:8080", True),
        ("http://localhost/api/v4", True),
        ("http://ghe.example.com/api/v3", False),
        ("ftp://example.com", False),
        ("api.github.com", False),
    ],
)
def test_the_token_only_travels_over_https(url: str, ok: bool) -> None:
    if ok:
        assert check_base_url(url, "GitHub") == url.rstrip("/")
    else:
        with pytest.raises(UsageError):
            check_base_url(url, "GitHub")


def test_missing_httpx_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_httpx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "httpx":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_httpx)
    with pytest.raises(UsageError) as caught:
        ApiClient(ApiSettings("GitHub", "https://api.github.com", {}, TOKEN))
    assert "pip install 'srm-iac[review]'" in caught.value.diagnostics()
