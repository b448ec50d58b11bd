"""A page cache for anonymous readers that can never show stale pages.

Rendered pages are stored under a key that includes the *content state*: what each app
declares with `register()` (news: the latest `updated_at` of any article, the next
scheduled publication, the number of categories, read with one small query per request).
When an editor saves an article, the next request computes a new state and so a new
key: the change shows at once, with no purge to forget and no signal. When a scheduled
article's time comes, the "next change" part of the state changes too, so the page that
lacked it is never served again.

The state also carries a *generation* that `content_changed()` moves once an editor's
change has committed (the write paths call it). `updated_at` alone is not enough: it is
the app server's clock when the row was saved, not when it committed, so an unpublish
committing after a later-stamped save would not move the newest `updated_at`, and a
page rendered in between, still showing the retracted article, would be served until
it expired.

The cache is an optimisation, never a dependency: if it fails (Redis down), pages are
rendered as if there were no cache.

Only anonymous GET/HEAD requests without a session go through the cache; logged-in
editors always get freshly rendered pages. Responses carry `Cache-Control` for a CDN
(`s-maxage`, `stale-while-revalidate`), capped at the next timed change.
This library imports no app; see docs/performance.md.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.exception import response_for_exception
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from pagecache import outage

STALE_WHILE_REVALIDATE = 30
GENERATION_KEY = "page:generation"
# Headers a stored page keeps besides its body (feeds' Last-Modified, sitemaps' X-Robots-Tag).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "X-Robots-Tag")
# Page numbers beyond this are not worth a cache entry (the view answers them anyway).
MAX_CACHED_PAGE = 1000


def _cache_call(method, *args, default=None, **kwargs):
    """A cache operation that never takes the page down with it."""
    try:
        value = getattr(cache, method)(*args, **kwargs)
    except Exception:  # any backend error: Redis down, timeouts, a full server
        outage.failed(f"page cache: {method}")
        return default
    outage.answered()
    return value


def content_changed() -> None:
    """Once the current transaction commits, no cached page may be served again."""
    transaction.on_commit(lambda: _cache_call("set", GENERATION_KEY, time.time_ns(), None))


@dataclass(frozen=True)
class ContentState:
    token: str
    next_publication: datetime | None


# label -> a callable returning (a token of what the app shows, its next timed change).
_sources = {}


def register(label: str, state) -> None:
    """Declare what, if it changed, means a page showing `label`'s content may be stale.

    `state()` returns a string that changes with the content and the time of the
    content's next timed change (a scheduled publication), or None.
    """
    _sources[label] = state


def content_state() -> ContentState:
    """What every registered app reports, plus the generation."""
    tokens = []
    next_changes = []
    for label, state in sorted(_sources.items()):
        token, next_change = state()
        tokens.append(f"{label}={token}|{next_change}")
        if next_change is not None:
            next_changes.append(next_change)
    tokens.append(str(_cache_call("get", GENERATION_KEY)))
    return ContentState(token="|".join(tokens), next_publication=min(next_changes, default=None))


def _lifetime(state: ContentState) -> tuple[int, bool]:
    """Seconds a page may be kept, and whether a scheduled article limits it.

    When it does, a shared cache may not serve the page stale either: its lifetime
    plus `stale-while-revalidate` must end before the article's time.
    """
    seconds = settings.PAGE_CACHE_SECONDS
    if state.next_publication is None:
        return seconds, False
    until = int((state.next_publication - timezone.now()).total_seconds())
    if until < seconds:
        return max(until, 1), True
    return seconds, until < seconds + STALE_WHILE_REVALIDATE


def _is_cacheable(request) -> bool:
    """Anonymous reads only: no session (so no logged-in editor) and no pending messages."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _page_numbers(request, params) -> list[str] | None:
    """The page numbers the view reads, as numbers; None when not worth caching.

    Only the parameters a view declares count (others, such as `fbclid` or `utm_*` on
    links shared from Facebook or Zalo, would make every visit a miss), and only as
    numbers: "?page=0001" and "?page=1" are the page without a number, and "?page=x1"
    or "?page=999999" are left to the view, uncached, so that nobody can fill the cache
    with copies of one page.
    """
    numbers = []
    for name in params:
        value = request.GET.get(name)
        if value is None:
            continue
        if not value.isascii() or not value.isdigit() or not 0 < int(value) <= MAX_CACHED_PAGE:
            return None
        if int(value) != 1:  # page 1 is the page without a number
            numbers.append(f"{name}={int(value)}")
    return numbers


def _key(request, state: ContentState, numbers: list[str]) -> str:
    raw = "\n".join([request.scheme, request.get_host(), request.path, *numbers, state.token])
    return "page:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _mark_public(response, seconds: int, capped: bool):
    directives = {"public": True, "max_age": 0, "s_maxage": seconds}
    if not capped:
        directives["stale_while_revalidate"] = STALE_WHILE_REVALIDATE
    patch_cache_control(response, **directives)


def cache_public_page(view, on_hit=None, params=()):
    """Serve `view` from the page cache to anonymous readers.

    `params` names the query parameters the view reads (a list's `page`); `on_hit(request,
    **kwargs)` runs when a stored page is served (the article view counts the visit there).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        numbers = _page_numbers(request, params)
        if not _is_cacheable(request) or numbers is None:
            response = view(request, *args, **kwargs)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            return response
        state = content_state()
        seconds, capped = _lifetime(state)
        key = _key(request, state, numbers)
        stored = _cache_call("get", key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            if on_hit is not None:
                on_hit(request, *args, **kwargs)
        else:
            try:
                response = view(request, *args, **kwargs)
            except Http404 as missing:
                # Rendered here (as Django would) so that it gets the headers below.
                response = response_for_exception(request, missing)
            if response.streaming or response.has_header("Cache-Control"):
                return response  # pages that set their own policy
            if response.status_code != 200:
                # Redirects and 404s are not stored here, but a CDN may keep them: as
                # briefly as a page, and never past a scheduled article's time (its
                # URL is a 404 until then).
                _mark_public(response, seconds, capped)
                return response
            if hasattr(response, "render"):
                response.render()
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            _cache_call("set", key, (response.content, headers), seconds)
        _mark_public(response, seconds, capped)
        return response

    return wrapper
