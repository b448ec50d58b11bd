"""What news declares to the page cache (the `pagecache` library; docs/performance.md).

The old import path of the page cache itself, `news.pagecache.cache_public_page`, still
works for code written before the move.
"""

from news.models import Article
from pagecache import GENERATION_KEY, cache_public_page, content_changed

__all__ = [
    "GENERATION_KEY",
    "cache_public_page",
    "content_changed",
    "next_publication",
]

# Attachments are edited only inline in the article's admin, whose `save_related` moves
# the generation; pen names reach pages only as the byline copied into the article. A
# thread starts and ends at a local midnight, when every page changes anyway (the header's
# date, registered by `portal`): threads need no timed change of their own.
MODELS = ("news.Article", "news.Category", "news.Thread", "news.Tag")


def next_publication():
    """When the next scheduled article goes public, or None (one indexed query)."""
    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
