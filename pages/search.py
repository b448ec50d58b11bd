"""The introduction pages in /tim-kiem/ (the "Trang giới thiệu" section, docs/search.md).

A handful of pages: every word is matched whole in `Page.search_text` (folded, between
spaces), the last one also as a word start when `query.prefix` says so. No index is
needed at this size, and the same lookup runs on SQLite and PostgreSQL.
"""

from pages.models import Page
from vntext.query import Query


def search(query: Query):
    pages = Page.objects.published()
    *whole, last = query.terms
    for term in whole:
        pages = pages.filter(search_text__contains=f" {term} ")
    last_match = f" {last}" if query.prefix else f" {last} "
    return pages.filter(search_text__contains=last_match).only(
        "title", "menu_title", "slug", "summary"
    )
