"""netguard's rate limit: a fixed window counted in Django's cache."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from netguard import hit, rate_limited
from netguard import ratelimit as module


@pytest.fixture
def clock(monkeypatch):
    """The limiter's clock, set by the test (no real time passes)."""
    now = {"t": 1_800_000_000.0}
    monkeypatch.setattr(module.time, "time", lambda: now["t"])
    return now


def test_allows_the_limit_then_refuses(clock):
    """Three posts a minute allowed: the fourth is refused, another key is not."""
    assert [hit("hoi-dap", "a", limit=3, period=60) for _ in range(4)] == [True] * 3 + [False]
    assert hit("hoi-dap", "b", limit=3, period=60)
    assert hit("danh-gia", "a", limit=3, period=60)


def test_next_window_starts_again(clock):
    """When the window has passed the same key is allowed again."""
    for _ in range(3):
        hit("hoi-dap", "a", limit=2, period=60)
    assert not hit("hoi-dap", "a", limit=2, period=60)
    clock["t"] += 60
    assert hit("hoi-dap", "a", limit=2, period=60)


def test_a_broken_cache_lets_requests_through_and_is_logged_once(clock, monkeypatch, caplog):
    """A cache that does not answer must not close the site's forms, nor flood the log."""

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(module.cache, "add", down)
    monkeypatch.setattr(module, "_last_warning", [float("-inf")])
    assert all(hit("hoi-dap", "a", limit=1, period=60) for _ in range(3))
    assert len([r for r in caplog.records if r.name == "netguard.ratelimit"]) == 1


def test_decorator_answers_429_with_retry_after_for_posts_only(clock):
    """Posts beyond the limit get 429 with Retry-After; reading the page is never counted."""

    @rate_limited("gui-cau-hoi", limit=2, period=600)
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    for _ in range(5):
        assert view(factory.get("/", REMOTE_ADDR="203.0.113.7")).status_code == 200
    post = factory.post("/", REMOTE_ADDR="203.0.113.7")
    assert [view(post).status_code for _ in range(3)] == [200, 200, 429]
    refused = view(post)
    assert refused["Retry-After"] == str(600 - int(clock["t"]) % 600)
    assert "quá nhiều" in refused.content.decode()
    assert view(factory.post("/", REMOTE_ADDR="198.51.100.9")).status_code == 200


def test_allowed_asks_without_counting(clock):
    """`allowed` says whether one more would pass, and uses up nothing."""
    assert all(module.allowed("hoi-dap", "a", limit=1, period=60) for _ in range(5))
    assert hit("hoi-dap", "a", limit=1, period=60)
    assert not module.allowed("hoi-dap", "a", limit=1, period=60)


def test_a_days_window_starts_at_midnight_in_vietnam(clock):
    """23:59:59 and 00:00:01 in Asia/Ho_Chi_Minh fall in two windows of a day."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    midnight = datetime(2026, 11, 3, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")).timestamp()
    clock["t"] = midnight - 1
    assert hit("hoi-dap", "a", limit=1, period=86400)
    assert not hit("hoi-dap", "a", limit=1, period=86400)
    assert module.retry_after(86400) == 1
    clock["t"] = midnight + 1
    assert hit("hoi-dap", "a", limit=1, period=86400)
