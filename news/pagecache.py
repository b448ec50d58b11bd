"""What news declares to the page cache (the `pagecache` library; docs/performance.md).

The old import path of the page cache itself, `news.pagecache.cache_public_page`, still
works for code written before the move.
"""

from datetime import datetime, time

from django.utils import timezone

from news.models import Article, Thread
from pagecache import GENERATION_KEY, cache_public_page, content_changed

__all__ = [
    "GENERATION_KEY",
    "cache_public_page",
    "content_changed",
    "next_change",
    "next_publication",
]

# Attachments are edited only inline in the article's admin, whose `save_related` moves
# the generation; pen names reach pages only as the byline copied into the article.
MODELS = ("news.Article", "news.Category", "news.Thread", "news.Tag")


def next_publication():
    """When the next scheduled article goes public, or None (one indexed query)."""
    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def next_thread_change():
    """The next local midnight at which a thread starts or ends (the home page's
    featured threads change then), or None."""
    day = Thread.objects.next_boundary(after=timezone.localdate())
    if day is None:
        return None
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def next_change():
    """The first of the next scheduled publication and the next thread boundary."""
    moments = [moment for moment in (next_publication(), next_thread_change()) if moment]
    return min(moments, default=None)
