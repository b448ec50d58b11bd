"""What moves news pages in the page cache (the `pagecache` library; docs/performance.md).

The old import path of the page cache itself, `news.pagecache.cache_public_page`, still
works for code written before the move.
"""

from django.db.models import Count, Max, Subquery

from news.models import Article, Category
from pagecache import GENERATION_KEY, cache_public_page, content_changed

__all__ = ["GENERATION_KEY", "cache_public_page", "content_changed", "state"]


def state():
    """One query: the category count, the newest article change, the next scheduled one."""
    latest_change = Article.objects.order_by("-updated_at").values("updated_at")[:1]
    next_publication = Article.objects.scheduled().order_by("published_at").values("published_at")
    values = Category.objects.aggregate(
        categories=Count("pk"),
        changed=Max(Subquery(latest_change)),
        next_publication=Max(Subquery(next_publication[:1])),
    )
    return f"{values['categories']}|{values['changed']}", values["next_publication"]
