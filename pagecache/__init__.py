"""A page cache for anonymous readers that never shows stale pages and, on a hit, runs no SQL.

Rendered pages are stored under a key made of the request (scheme, host, path, declared
page numbers), tagged with the *content state* they were rendered under; the state lives
in the cache itself and is read with the page, in one `get_many` per request:

- the **generation**, a random token that `content_changed()` replaces once a change
  has committed (`transaction.on_commit`). Every write path calls it: the workflows,
  every save and delete in the admins of public content (`pagecache.admin`), imports,
  the demo builder. Missing (Redis flushed or restarted), a fresh token is stored with
  `cache.add`: no page stored before can be served again, so nothing is guessed.
- the **next timed changes**, one per app that declares one with `register()` (news:
  the next scheduled publication; the header's date: the next midnight). They are read
  from the database when missing, when stored under another generation, or when one of
  them has passed, and stored tagged with the generation they were read under, so a
  value read before a commit can never outlive it.

A page stored under another state is a miss, so a page is never served after a committed
change, and never past a timed change; its lifetime (and the `Cache-Control` a CDN gets)
stops at the next one. Pages are stored gzipped, as Django's `GZipMiddleware` would send
them, and sent as they are to clients that accept gzip.

The cache is an optimisation, never a dependency: if it fails (Redis down), pages are
rendered as if there were no cache. The state must be shared by every worker: with the
per-process local-memory cache the page cache works only where one process serves
(`make run`, tests: `PAGE_CACHE_SINGLE_PROCESS`), and switches itself off otherwise.

Only anonymous GET/HEAD requests without a session go through the cache; logged-in
editors always get freshly rendered pages. This library imports no app; see
docs/performance.md and docs/architecture.md.
"""

import gzip
import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.handlers.exception import response_for_exception
from django.db import transaction
from django.http import Http404, HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

from pagecache import outage

logger = logging.getLogger(__name__)

STALE_WHILE_REVALIDATE = 30
GENERATION_KEY = "page:generation"
NEXT_CHANGES_KEY = "page:next-changes"
# Headers a stored page keeps besides its body (feeds' Last-Modified, sitemaps'
# X-Robots-Tag, the calendar file's Content-Disposition).
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Last-Modified",
    "X-Robots-Tag",
)
# Page numbers beyond this are not worth a cache entry (the view answers them anyway).
MAX_CACHED_PAGE = 1000
# Answers other than a page that a CDN may keep as briefly as a page (never a 5xx).
PUBLIC_STATUSES = {301, 302, 308, 404, 410}


def _cache_call(method, *args, default=None, **kwargs):
    """A cache operation that never takes the page down with it."""
    try:
        value = getattr(cache, method)(*args, **kwargs)
    except Exception:  # any backend error: Redis down, timeouts, a full server
        outage.failed(f"page cache: {method}")
        return default
    outage.answered()
    return value


# --- what moves the state ---------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    label: str
    models: tuple[str, ...]
    next_change: Callable[[], datetime | None] | None


_sources: dict[str, Source] = {}


def register(
    label: str,
    *,
    models: tuple[str, ...] = (),
    next_change: Callable[[], datetime | None] | None = None,
) -> None:
    """Declare an app's public content (called from its `AppConfig.ready()`).

    `models` ("app_label.Model") are shown on cached pages: their admins must use
    `pagecache.admin.PageCacheAdminMixin` (a test checks it), and any other code that
    writes them calls `content_changed()`. `next_change()` reads from the database the
    next moment the app's pages change by themselves (a scheduled publication), or None.
    """
    _sources[label] = Source(label, tuple(models), next_change)


def sources() -> tuple[Source, ...]:
    return tuple(_sources[label] for label in sorted(_sources))


def next_midnight() -> datetime:
    """The next local midnight: for pages that show today's date or what holds today."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), tzinfo=timezone.get_current_timezone())


def content_changed() -> None:
    """Once the current transaction commits, no cached page may be served again."""
    transaction.on_commit(move_generation)


# A committed change whose move did not reach the cache (Redis did not answer): until a
# later move succeeds, this process serves nothing from the cache (see `_read_state`).
_move_pending = []


def move_generation() -> bool:
    """A new generation; False when the cache did not take it (then retried by the next
    cacheable request of this process, which is rendered uncached until it succeeds)."""
    moved = _cache_call("set", GENERATION_KEY, secrets.token_hex(8), None, default=False) is None
    if not moved:
        _move_pending[:] = [True]
    else:
        _move_pending.clear()
    return moved


# --- the state, read on every cacheable request -----------------------------------------


@dataclass(frozen=True)
class ContentState:
    token: str
    next_change: datetime | None


def content_state() -> ContentState | None:
    """The generation and the next timed changes; None when the cache is unavailable.

    One cache read when everything is in place; the database only when a next change
    is missing, stale or past.
    """
    return _read_state()[0]


def _read_state(*keys: str, counting: str | None = None) -> tuple[ContentState | None, dict | None]:
    """The state and, in the same read, the entries at `keys` (found ones only; None when
    the read did not happen or failed). `counting`, a counter key the read increments too,
    is for backends with `get_many_and_incr` only (one round trip: `pagecache.redis`)."""
    if _move_pending and not move_generation():
        return None, None  # a committed change is not in the cache yet: nothing may be served
    names = [GENERATION_KEY, NEXT_CHANGES_KEY, *keys]
    if hasattr(cache, "get_many_and_incr"):  # Redis: pagecache.redis, the cheaper read
        found = _cache_call("get_many_and_incr", names, counting)
    else:
        found = _cache_call("get_many", names)
    if found is None:
        return None, None
    generation = found.get(GENERATION_KEY) or _start_generation()
    if generation is None:
        return None, found
    stored = found.get(NEXT_CHANGES_KEY)
    if _still_valid(stored, generation):
        changes = stored[1]
    else:
        changes = {s.label: s.next_change() for s in sources() if s.next_change is not None}
        _cache_call("set", NEXT_CHANGES_KEY, (generation, changes), None)
    return _state_of(generation, changes), found


# The last state built in this process, with what it was built from: read again on every
# hit, the same until a change, and formatting every app's next change into the token
# costs a tenth of a hit.
_last_state = []


def _state_of(generation: str, changes: dict) -> ContentState:
    if _last_state and _last_state[0][:2] == (generation, changes):
        return _last_state[0][2]
    token = "|".join([generation, *(f"{label}={changes[label]}" for label in sorted(changes))])
    upcoming = [moment for moment in changes.values() if moment is not None]
    state = ContentState(token=token, next_change=min(upcoming, default=None))
    _last_state[:] = [(generation, changes, state)]
    return state


def _start_generation() -> str | None:
    """A fresh generation when none is stored; another worker's if it was quicker."""
    fresh = secrets.token_hex(8)
    added = _cache_call("add", GENERATION_KEY, fresh, None)
    if added is None:
        return None
    return fresh if added else _cache_call("get", GENERATION_KEY) or fresh


def _still_valid(stored, generation: str) -> bool:
    """Read under this generation, for the apps registered now, and none of them past."""
    if not stored or stored[0] != generation:
        return False
    changes = stored[1]
    if set(changes) != {s.label for s in sources() if s.next_change is not None}:
        return False
    now = timezone.now()
    return all(moment is None or moment > now for moment in changes.values())


def is_enabled() -> bool:
    """On, unless turned off or unable to be right (one process's memory, many processes)."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return False
    if _state_is_shared():
        return True
    _warn_local_memory()
    return False


def _state_is_shared() -> bool:
    """Whether every worker sees the same content state (one process, or a shared cache)."""
    if getattr(settings, "PAGE_CACHE_SINGLE_PROCESS", settings.DEBUG):
        return True
    return not isinstance(caches["default"], LocMemCache)


# A derived value is never read after its state moves; its lifetime only bounds how long
# it could outlive a move that did not reach the cache in another process, as a page's
# PAGE_CACHE_SECONDS does (docs/performance.md, "Why never stale").
DERIVED_SECONDS = 60


def per_content_state(key: str, compute: Callable[[], object]):
    """`compute()`, kept until the content state moves (a committed change, a timed one).

    For what a page derives from all the public content, such as the documents' filter
    counts, and the fragments every page shares (`pagecache.fragments`). The value lives
    under a fixed key, tagged with the state's token, and is read in the state's own
    `get_many` (one cache round trip for both); tagged with another state, it is computed
    again and stored over it, so it is never read after a change. Computed every time
    when the state cannot be trusted (the cache is down, or each worker has its own memory).
    """
    if not _state_is_shared():
        return compute()
    full_key = f"page:derived:{key}"
    state, found = _read_state(full_key)
    if state is None:
        return compute()
    stored = found.get(full_key)
    if stored is not None and stored[0] == state.token:
        return stored[1]
    value = compute()
    _cache_call("set", full_key, (state.token, value), DERIVED_SECONDS)
    return value


_warned = []


def _warn_local_memory() -> None:
    if not _warned:
        _warned.append(True)
        logger.warning(
            "page cache off: the local-memory cache is not shared by worker processes "
            "(set REDIS_URL, or PAGE_CACHE_SINGLE_PROCESS=1 for one process)"
        )


def _lifetime(state: ContentState) -> tuple[int, bool]:
    """Seconds a page may be kept, and whether a scheduled article limits it.

    When it does, a shared cache may not serve the page stale either: its lifetime
    plus `stale-while-revalidate` must end before the article's time.
    """
    seconds = settings.PAGE_CACHE_SECONDS
    if state.next_change is None:
        return seconds, False
    until = int((state.next_change - timezone.now()).total_seconds())
    if until < seconds:
        return max(until, 1), True
    return seconds, until < seconds + STALE_WHILE_REVALIDATE


def _is_cacheable(request, uncached_params) -> bool:
    """Anonymous reads only: no session (so no logged-in editor) and no pending messages."""
    return (
        request.method in {"GET", "HEAD"}
        and not any(name in request.GET for name in uncached_params)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and is_enabled()
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


def _key(request, numbers: list[str]) -> str:
    """Where the page lives; what it holds is tagged with the state it was rendered under."""
    raw = "\n".join([request.scheme, request.get_host(), request.path, *numbers])
    return "page:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _stored(content: bytes) -> tuple[bytes, bool]:
    """The body to store, gzipped as `GZipMiddleware` would (its BREACH padding included)
    when that makes it shorter, and whether it is. Compressed once, when stored, not on
    every hit; a stored page is the same for every anonymous reader, so it holds no secret
    for BREACH to guess."""
    if len(content) >= 200:
        compressed = compress_string(content, max_random_bytes=GZipMiddleware.max_random_bytes)
        if len(compressed) < len(content):
            return compressed, True
    return content, False


def _send(request, response, body: bytes, gzipped: bool, *, rendered: bool = False):
    """Give `response` the stored body: gzipped if the client accepts it (the compression
    middleware then passes it through), else plain (a `rendered` response already is)."""
    if gzipped and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.content = body
        response["Content-Encoding"] = "gzip"
    elif not rendered:
        response.content = gzip.decompress(body) if gzipped else body
    if gzipped:
        patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _mark_public(response, seconds: int, capped: bool):
    directives = {"public": True, "max_age": 0, "s_maxage": seconds}
    if not capped:
        directives["stale_while_revalidate"] = STALE_WHILE_REVALIDATE
    patch_cache_control(response, **directives)


@dataclass(frozen=True)
class Route:
    """What a URL's page cache is, for `pagecache.middleware` to answer a hit before the view.

    `cache_public_page` sets it as the view's `page_cache`; a decorator outside it keeps it
    (`functools.wraps` copies it) and may add `counted`: for a request and the URL's
    keyword arguments, the `(BufferedCounter, pk)` a hit counts, or None (`news.counters`).
    """

    params: tuple[str, ...] = ()
    uncached_params: tuple[str, ...] = ()
    counted: Callable | None = None


def cached_response(request, route: Route, kwargs: dict) -> HttpResponse | None:
    """The stored page for `request` as `cache_public_page` sends it on a hit, with what
    the route counts; None when it is not a hit (then nothing is counted).

    A counted hit costs one round trip on Redis: the view is counted in the read
    (`get_many_and_incr`), and withdrawn if the read turns out a miss, which goes on to
    the view and is counted there.
    """
    numbers = _page_numbers(request, route.params)
    if numbers is None or not _is_cacheable(request, route.uncached_params):
        return None
    key = _key(request, numbers)
    counted = route.counted(request, kwargs) if route.counted is not None else None
    ahead = counted is not None and hasattr(cache, "get_many_and_incr")
    counter_key = counted[0].key(counted[1]) if ahead else None
    state, found = _read_state(key, counting=counter_key)
    stored = found.get(key) if state is not None else None
    if stored is None or stored[0] != state.token:
        if ahead and found is not None:
            counted[0].withdraw(counted[1])
        return None
    if counted is not None and not ahead:
        counted[0].add(counted[1])
    return _hit(request, state, stored)


def _hit(request, state: ContentState, stored) -> HttpResponse:
    _, body, gzipped, headers = stored
    response = _send(request, HttpResponse(headers=headers), body, gzipped)
    response.from_page_cache = True
    _mark_public(response, *_lifetime(state))
    return response


def cache_public_page(view, params=(), uncached_params=()):
    """Serve `view` from the page cache to anonymous readers.

    `params` names the numeric query parameters the view reads (a list's `page`);
    a request with any of `uncached_params` (the chart's `?ngay=`, a date) is rendered.
    A page served from the cache has `from_page_cache` set (`news.counters` reads it).
    A hit is usually answered earlier, by `pagecache.middleware` (the wrapper's `page_cache`
    tells it how); the wrapper serves the hits it does not see (no middleware, a race).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        numbers = _page_numbers(request, params)
        state = None
        if numbers is not None and _is_cacheable(request, uncached_params):
            key = _key(request, numbers)
            state, found = _read_state(key)  # one cache read: the state and the page
        if state is None:
            response = view(request, *args, **kwargs)
            if response.status_code >= 500:
                add_never_cache_headers(response)
            elif not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            return response
        stored = found.get(key)
        if stored is not None and stored[0] == state.token:
            return _hit(request, state, stored)
        seconds, capped = _lifetime(state)
        try:
            response = view(request, *args, **kwargs)
        except Http404 as missing:
            # Rendered here (as Django would) so that it gets the headers below.
            response = response_for_exception(request, missing)
        if response.streaming or response.has_header("Cache-Control"):
            return response  # pages that set their own policy
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            # Something for this reader only (a cookie, a CSRF token in the page):
            # never stored, never kept by a CDN.
            patch_cache_control(response, private=True)
            return response
        if response.status_code != 200:
            # Redirects and 404s are not stored here, but a CDN may keep them: as
            # briefly as a page, and never past a timed change (a scheduled article's
            # URL is a 404 until then). Anything else (a 503) is never kept.
            if response.status_code in PUBLIC_STATUSES:
                _mark_public(response, seconds, capped)
            else:
                add_never_cache_headers(response)
            return response
        if hasattr(response, "render"):
            response.render()
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        body, gzipped = _stored(response.content)
        _cache_call("set", key, (state.token, body, gzipped, headers), seconds)
        _send(request, response, body, gzipped, rendered=True)  # as a hit will
        _mark_public(response, seconds, capped)
        return response

    wrapper.page_cache = Route(tuple(params), tuple(uncached_params))
    return wrapper
