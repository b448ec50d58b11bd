"""The home page's shared blocks: a block per "show on home" category, "Dòng sự kiện",
"Văn bản mới", "Tổ chức đảng" and "Liên kết website".

The home page's own content (the lead story, the stories beside it, "Tin mới nhất") is
queried and rendered for every request (`portal.views.HomeView`). The blocks around it
are the same for every reader until the content changes, and cost most of a rendered
home page (five queries, one of them a `UNION ALL` of a subquery per category that the
ORM takes longer to compile than PostgreSQL to run, and a few hundred template nodes):
they are built once per content state and kept as one fragment (pagecache/fragments.py),
so never read after a committed change nor past a timed one (a scheduled publication,
a thread's start or end at midnight), and built for every page where the state cannot
be shared. The fragment's key also holds the stories at the top of the page, which the
category blocks leave out, and a digest of the code and templates that make it.
Figures: docs/performance.md, "Where rendering time goes".
"""

import sys
from functools import cache

from django.db.models import Q
from django.template.loader import render_to_string

from documents.models import Document
from news import cards
from news.models import Article, Category, Thread
from pagecache import fragments
from sitewide.models import Link

BLOCK_SIZE = 5
DOCUMENTS_COUNT = 5  # "Văn bản mới"
THREADS_COUNT = 3  # running featured "Dòng sự kiện"

TEMPLATES = (
    "portal/home_threads.html",
    "portal/home_blocks.html",
    "portal/home_aside.html",
    "news/includes/thread_card.html",
    "documents/includes/home_block.html",
    "news/includes/side_links.html",
    "includes/related_links.html",
    "includes/cards/article_item.html",
)


def shared(top) -> dict:
    """The blocks' HTML around the `top` stories (which the category blocks leave out):
    `threads`, `blocks` ("" when no home category has an article) and `aside`."""
    return fragments.fragment(
        "home", lambda: build(top), code_version(), *sorted(article.pk for article in top)
    )


def build(top) -> dict:
    blocks = category_blocks(exclude=top)
    cards.describe_covers([block["articles"][0] for block in blocks])
    threads = list(Thread.objects.featured()[:THREADS_COUNT])
    documents = list(Document.objects.public().for_list().newest_first()[:DOCUMENTS_COUNT])
    return {
        "threads": render_to_string(TEMPLATES[0], {"threads": threads}) if threads else "",
        "blocks": render_to_string(TEMPLATES[1], {"blocks": blocks}) if blocks else "",
        "aside": render_to_string(
            TEMPLATES[2],
            {"new_documents": documents, "related_links": list(Link.objects.shown())},
        ),
    }


def category_blocks(exclude=()) -> list[dict]:
    """One block per home category; stories already at the top are not repeated.

    A block shows its category and those of its sub-categories that have no block
    of their own. One query for the categories, one for every block's articles.
    """
    categories = list(Category.objects.filter(Q(show_on_home=True) | Q(parent__show_on_home=True)))
    home = [category for category in categories if category.show_on_home]
    if not home:
        return []
    blocks = {
        block.pk: [block.pk]
        + [c.pk for c in categories if c.parent_id == block.pk and not c.show_on_home]
        for block in home
    }
    by_block = {category.pk: [] for category in home}
    articles = Article.objects.published().exclude(pk__in=[a.pk for a in exclude])
    for article in articles.newest_per_category(blocks, BLOCK_SIZE).for_card():
        by_block[article.block_id].append(article)
    return [
        {"category": category, "articles": by_block[category.pk]}
        for category in home
        if by_block[category.pk]
    ]


@cache
def code_version() -> str:
    """What the blocks are made with: their templates and the code that builds them. Part
    of the fragment's key, so that a deploy never reads blocks an older release stored
    under the same content state."""
    return fragments.code_version(templates=TEMPLATES, modules=(cards, sys.modules[__name__]))
