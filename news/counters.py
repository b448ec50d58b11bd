"""Article view counts without a write per page view (buffered in `pagecache.counters`).

`counts_views` wraps the article page in the URLconf, outside the page cache, so a
view is counted the same way whether the page was rendered or served from the cache:
one cache operation (an INCR) for a reader's GET of a page actually shown (not a
redirect, a 404, a HEAD probe or a robot). The pending counts reach the database with
one atomic `F()` update per article: from `run_periodic` (`flush_all_views`), and on a
cache miss, which renders anyway, at most once per `VIEW_COUNT_FLUSH_SECONDS` (on Redis
the miss's count and that check are one round trip: `BufferedCounter.count`); never on
a hit's path. The page shows the stored count plus what is pending. Each flush also adds
its views to the article's row of the day (`ArticleDailyViews`, the history behind the
statistics): views still pending at midnight count for the day they are flushed, a
minute later with `run_periodic`. See docs/performance.md and docs/royalties.md.
"""

import re
from dataclasses import replace
from functools import wraps

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from news.models import Article, ArticleDailyViews
from pagecache.counters import BufferedCounter

_ROBOT = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit|preview", re.IGNORECASE)


def _write_views(article_id: int, amount: int) -> None:
    if Article.objects.filter(pk=article_id).update(view_count=F("view_count") + amount):
        ArticleDailyViews.objects.record(
            article_id=article_id, day=timezone.localdate(), views=amount
        )


views = BufferedCounter("news:views", _write_views)


def is_robot(request) -> bool:
    """Crawlers and link-preview fetchers are not readers.

    Read from `META`: every article hit asks, and building `request.headers` (all of them)
    cost a tenth of a hit's CPU."""
    return bool(_ROBOT.search(request.META.get("HTTP_USER_AGENT", "")))


def is_reader_view(request) -> bool:
    """A reader opening the page: a GET (not a HEAD probe) from something not a robot."""
    return request.method == "GET" and not is_robot(request)


def counts_views(view):
    """Count a reader's view of the article page `view` serves (URL keyword `pk`).

    A hit answered before the view (`pagecache.middleware`) is counted by the page
    cache, in the same round trip as its read: `_counted_on_hit` says what it counts.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and is_reader_view(request):
            article_id = kwargs["pk"]
            if getattr(response, "from_page_cache", False):
                views.add(article_id)
            else:  # counted and the flush checked in one round trip (Redis)
                views.count(article_id, settings.VIEW_COUNT_FLUSH_SECONDS)
        return response

    route = getattr(wrapper, "page_cache", None)  # the cached view's, copied by wraps
    if route is not None:
        wrapper.page_cache = replace(route, counted=_counted_on_hit)
    return wrapper


def _counted_on_hit(request, kwargs):
    """A hit is a page shown (a 200): counted when a reader asked for it."""
    return (views, kwargs["pk"]) if is_reader_view(request) else None


def flush_views(article_id: int) -> int:
    """Move the pending views of one article into the database; returns how many moved."""
    return views.flush(article_id)


def flush_all_views() -> int:
    """Every article's pending views into the database (a `run_periodic` job)."""
    return views.flush_all(Article.objects.values_list("pk", flat=True).iterator())


def pending_views(article_id: int) -> int:
    return views.pending(article_id)
