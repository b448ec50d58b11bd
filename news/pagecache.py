"""What news declares to the page cache (the `pagecache` library; docs/performance.md).

The old import path of the page cache itself, `news.pagecache.cache_public_page`, still
works for code written before the move.
"""

from news.models import Article
from pagecache import GENERATION_KEY, cache_public_page, content_changed, next_midnight

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


def next_change():
    """The next scheduled publication, or the next local midnight if that comes first: a
    thread starts or ends at a midnight (the home page's featured threads change then).
    No query for the midnight: threads' dates are whole days, so every midnight is a
    possible boundary, and the pages a day shows are rendered once anyway."""
    moments = [moment for moment in (next_publication(), next_midnight()) if moment]
    return min(moments)
