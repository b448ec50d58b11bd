"""Article view counts without a write per page view.

One `UPDATE ... SET view_count = view_count + 1` per request makes every reader of a
popular article queue for the same row lock. Instead each view increments a counter in
the shared cache (Redis in production: an atomic INCR), and the first view of an article
after `VIEW_COUNT_FLUSH_SECONDS` moves the pending number into the database with one
atomic `F()` update. However heavy the traffic, an article's row is written at most
once per interval.

The page shows the stored count plus what is pending. If the cache is wiped, the views
of at most the last interval of each article are lost; with the local-memory cache each
worker keeps its own pending counts, which all reach the database the same way.
"""

import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models import F

from news.models import Article

logger = logging.getLogger(__name__)

_ROBOT = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit|preview", re.IGNORECASE)


def _pending_key(article_id: int) -> str:
    return f"news:views:pending:{article_id}"


def _flushed_key(article_id: int) -> str:
    return f"news:views:flushed:{article_id}"


def is_robot(request) -> bool:
    """Crawlers and link-preview fetchers are not readers."""
    return bool(_ROBOT.search(request.headers.get("User-Agent", "")))


def is_reader_view(request) -> bool:
    """A reader opening the page: a GET (not a HEAD probe) from something not a robot."""
    return request.method == "GET" and not is_robot(request)


def record_view(article_id: int) -> int:
    """Count one view; returns how many pending views this call wrote to the database.

    Without a working cache the view is not counted: a count is not worth an error page.
    """
    try:
        return _record_view(article_id)
    except Exception:  # Redis down or any cache backend error
        logger.warning("view counter unavailable", exc_info=True)
        return 0


def _record_view(article_id: int) -> int:
    key = _pending_key(article_id)
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, timeout=None)
    # add() succeeds for one request per interval: that request writes to the database.
    if cache.add(_flushed_key(article_id), 1, timeout=settings.VIEW_COUNT_FLUSH_SECONDS):
        return flush_views(article_id)
    return 0


def flush_views(article_id: int) -> int:
    """Move the pending views of one article into the database; returns how many moved."""
    key = _pending_key(article_id)
    pending = cache.get(key) or 0
    if pending <= 0:
        return 0
    # Subtract exactly what was read: views counted meanwhile stay pending.
    cache.decr(key, pending)
    Article.objects.filter(pk=article_id).update(view_count=F("view_count") + pending)
    return pending


def pending_views(article_id: int) -> int:
    try:
        return max(cache.get(_pending_key(article_id)) or 0, 0)
    except Exception:  # Redis down: show the stored count alone
        logger.warning("view counter unavailable", exc_info=True)
        return 0
