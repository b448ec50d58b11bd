"""A page cache for anonymous readers that can never show stale news.

Rendered pages are stored under a key that includes the *content state*, read with one
small query per request: the latest `updated_at` of any article (every save moves it:
new, edited, published, unpublished), the time of the next scheduled publication, and
the number of categories. When an editor saves an article, the next request computes a
new state and so a new key: the change shows at once, with no purge to forget and no
signal. When a scheduled article's time comes, the "next publication" part of the state
changes too, so the page that lacked it is never served again.

What the state cannot see (renaming a category, editing the footer, hard-deleting an
older article) shows within `PAGE_CACHE_SECONDS`, the lifetime of every entry.

Only anonymous GET/HEAD requests without a session go through the cache; logged-in
editors always get freshly rendered pages. Responses carry `Cache-Control` for a CDN
(`s-maxage`, `stale-while-revalidate`), capped at the next scheduled publication.
See docs/performance.md.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from news.models import Article, Category

STALE_WHILE_REVALIDATE = 30


@dataclass(frozen=True)
class ContentState:
    token: str
    next_publication: datetime | None


def content_state() -> ContentState:
    """One query: what, if it changed, means every cached page may be stale."""
    latest_change = Article.objects.order_by("-updated_at").values("updated_at")[:1]
    next_publication = Article.objects.scheduled().order_by("published_at").values("published_at")
    state = Category.objects.aggregate(
        categories=Count("pk"),
        changed=Max(Subquery(latest_change)),
        next_publication=Max(Subquery(next_publication[:1])),
    )
    token = "|".join(
        str(value) for value in (state["categories"], state["changed"], state["next_publication"])
    )
    return ContentState(token=token, next_publication=state["next_publication"])


def _lifetime(state: ContentState) -> tuple[int, bool]:
    """Seconds a page may be kept, and whether that was cut short by a scheduled article."""
    seconds = settings.PAGE_CACHE_SECONDS
    if state.next_publication is None:
        return seconds, False
    until = int((state.next_publication - timezone.now()).total_seconds())
    if until < seconds:
        return max(until, 1), True
    return seconds, False


def _is_cacheable(request) -> bool:
    """Anonymous reads only: no session (so no logged-in editor) and no pending messages."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


# The only query parameters the cached views read: list pages and sitemap pages. Others
# (fbclid, utm_* on links shared from Facebook or Zalo) would make every visit a miss.
PAGE_PARAMETERS = ("page", "p")


def _key(request, state: ContentState) -> str:
    params = [f"{name}={request.GET.get(name)}" for name in PAGE_PARAMETERS if name in request.GET]
    raw = "\n".join([request.get_host(), request.path, *params, state.token])
    return "page:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _mark_public(response, seconds: int, capped: bool):
    directives = {"public": True, "max_age": 0, "s_maxage": seconds}
    if not capped:
        directives["stale_while_revalidate"] = STALE_WHILE_REVALIDATE
    patch_cache_control(response, **directives)


def cache_public_page(view, on_hit=None):
    """Serve `view` from the page cache to anonymous readers; `on_hit(request, **kwargs)`
    runs when a stored page is served (the article view counts the visit there)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _is_cacheable(request):
            response = view(request, *args, **kwargs)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            return response
        state = content_state()
        seconds, capped = _lifetime(state)
        key = _key(request, state)
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
            if on_hit is not None:
                on_hit(request, *args, **kwargs)
        else:
            response = view(request, *args, **kwargs)
            if (
                response.status_code != 200
                or response.streaming
                or response.has_header("Cache-Control")
            ):
                return response  # redirects, errors and pages that set their own policy
            if hasattr(response, "render"):
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), seconds)
        _mark_public(response, seconds, capped)
        return response

    return wrapper
