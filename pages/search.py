"""The introduction pages in /tim-kiem/ (the "Trang giới thiệu" section, docs/search.md).

A handful of pages: every word is matched whole in `Page.search_text` (folded, between
spaces), the last one also as a word start when `query.prefix` says so. No index is
needed at this size, and the same lookup runs on SQLite and PostgreSQL.
"""

from pages.models import Page
from vntext.query import Query


def search(query: Query):
    pages = Page.objects.published()
    for pattern in query.like_patterns():
        pages = pages.filter(search_text__contains=pattern)
    return pages.only("title", "menu_title", "slug", "summary")
