"""Article view counts without a write per page view (buffered in `pagecache.counters`).

Each view increments a counter in the shared cache; the first view of an article after
`VIEW_COUNT_FLUSH_SECONDS` moves the pending number into the database with one atomic
`F()` update. However heavy the traffic, an article's row is written at most once per
interval. The page shows the stored count plus what is pending. See docs/performance.md.
"""

import re

from django.conf import settings
from django.db.models import F

from news.models import Article
from pagecache.counters import BufferedCounter

_ROBOT = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit|preview", re.IGNORECASE)


def _write_views(article_id: int, amount: int) -> None:
    Article.objects.filter(pk=article_id).update(view_count=F("view_count") + amount)


views = BufferedCounter("news:views", _write_views)


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
    views.add(article_id)
    return views.flush_due(article_id, settings.VIEW_COUNT_FLUSH_SECONDS)


def flush_views(article_id: int) -> int:
    """Move the pending views of one article into the database; returns how many moved."""
    return views.flush(article_id)


def pending_views(article_id: int) -> int:
    return views.pending(article_id)
