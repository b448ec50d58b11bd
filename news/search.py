"""Search over articles, blind to diacritics and to old or new tone placement.

Documents and queries are folded the same way (`vntext.fold`: "Đảng uỷ Khối" and
"dang uy khoi" both become "dang uy khoi"), so both databases compare plain ASCII words:

- PostgreSQL: full-text search on `search_document`, a tsvector column generated from the
  folded title (weight A) and folded sapo + body (weight C), with a GIN index; both are
  created by `news/migrations/0003_postgresql_search_index.py` on PostgreSQL only.
  Ranked by `ts_rank`, so title matches come first.
- SQLite (the zero-setup default): `LIKE` over the same folded columns, every word
  required, title matches ranked first. A full scan, fine at demo scale.

Words are matched whole. Only when that finds nothing does the view retry with the last
word as the start of a word ("hoi ngh" finds "hội nghị"): a prefix in the tsquery hides
its frequency from PostgreSQL's planner, which then scans every match instead of walking
the date index. Only the newest `MAX_RESULTS` matches are ranked and listed, so a query
whose words are in nearly every article ("đảng ủy khối") costs the same as a rare one.
Details and measurements: docs/search.md.
"""

from django.contrib.postgres.search import (
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    Q,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Concat

# The query's parsing and highlighting are shared with the other sections' search.
from vntext.query import MAX_QUERY_LENGTH, MAX_TERMS, Query, SearchDocument, highlight, parse_query

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_TERMS",
    "Query",
    "Results",
    "highlight",
    "parse_query",
    "search",
]

MAX_RESULTS = 1000
# ts_rank weights for D, C, B, A: a word in the title counts five times a word in the body.
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]


def search(articles, query: Query):
    """The newest `MAX_RESULTS` of `articles` that contain every word of `query`, best first.

    Titles with the words come first (then the newest). Matching and ranking are split:
    a subquery picks the ids of the newest matches (an index walk for common words, the
    GIN index for rare ones), and only those rows are ranked. Each row also carries
    `total`, how many were picked (a window count), so that a page of `Results` brings
    the count with it.
    """
    postgresql = connections[articles.db].vendor == "postgresql"
    newest = matching(articles, query).order_by("-published_at", "-pk")
    picked = Subquery(newest.values("pk")[:MAX_RESULTS])
    # On PostgreSQL the pick is an array computed once (an InitPlan) and read by primary
    # key; as `IN (subquery)` PostgreSQL hashed it against the whole table (a scan that
    # grows with the table), and fetching the ids into Python to send them back cost the
    # worker more than the rest of the search (docs/performance.md, "Category and search pages").
    # The filters are all in the pick already: the outer query need not repeat them.
    if postgresql:
        candidates = articles.model.objects.filter(_AnyOf(F("pk"), picked))
        ranked = candidates.alias(document=SearchDocument()).annotate(
            text_rank=SearchRank(F("document"), query.tsquery(), weights=RANK_WEIGHTS)
        )
    else:
        ranked = _rank_portable(articles.model.objects.filter(pk__in=picked), query)
    bonus = _exact_bonus(query)
    return ranked.annotate(rank=F("text_rank") + bonus, total=Window(Count("*"))).order_by(
        "-rank", "-published_at", "-pk"
    )


class Results:
    """`search()`'s rows as `Paginator` reads them, the count from the page's own query.

    `window` is the slice of the page the view will ask for (None when it cannot say):
    `count()` reads that page, whose rows carry the count, so a search costs one query
    where the count and the page took two. Only an empty page past the first (a page
    beyond the end) counts with a query of its own.
    """

    ordered = True  # for Paginator: ranked, then newest first

    def __init__(self, ranked, window: slice | None = None):
        self.ranked = ranked
        self.window = window
        self._rows = None
        self._count = None

    def count(self) -> int:
        if self._count is None:
            if self.window is not None:
                self._rows = list(self.ranked[self.window])
                if self._rows or not self.window.start:
                    self._count = self._rows[0].total if self._rows else 0
            if self._count is None:
                self._count = self.ranked.count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if self._fetched(index):
            return self._rows[: index.stop - index.start]
        return list(self.ranked[index])

    def _fetched(self, index: slice) -> bool:
        window = self.window
        return (
            self._rows is not None
            and index.step is None
            and (index.start or 0) == (window.start or 0)
            and index.stop is not None
            and index.stop <= window.stop
        )


class _AnyOf(Expression):
    """`column = ANY(ARRAY(subquery))` (PostgreSQL): the subquery runs once, its ids are
    looked up in the column's index."""

    output_field = BooleanField()

    def __init__(self, column, subquery):
        super().__init__()
        self.column, self.subquery = column, subquery

    def get_source_expressions(self):
        return [self.column, self.subquery]

    def set_source_expressions(self, expressions):
        self.column, self.subquery = expressions

    def as_sql(self, compiler, connection):
        column, column_params = compiler.compile(self.column)
        subquery, subquery_params = compiler.compile(self.subquery)
        return f"{column} = ANY(ARRAY{subquery})", [*column_params, *subquery_params]


def matching(articles, query: Query):
    """`articles` that contain every word of `query`, unranked."""
    if connections[articles.db].vendor == "postgresql":
        return _match_postgresql(articles, query)
    return _match_portable(articles, query)


def similar_titles(articles, query: Query, limit: int = 8):
    """Titles close to a query that found nothing (typos, a word cut short): PostgreSQL only.

    `search_title %> phrase` is pg_trgm's word-similarity operator, served by the trigram
    index on `search_title`. SQLite has no trigram matching: it returns nothing there.
    """
    if not query or connections[articles.db].vendor != "postgresql":
        return articles.none()
    similarity = TrigramWordSimilarity(Value(query.phrase), "search_title")
    return (
        articles.filter(search_title__trigram_word_similar=query.phrase)
        .annotate(similarity=similarity)
        .order_by("-similarity", "-published_at")[:limit]
    )


def _match_postgresql(articles, query: Query):
    return articles.alias(document=SearchDocument()).filter(document=query.tsquery())


def _padded(articles):
    return articles.alias(
        padded_title=Concat(Value(" "), "search_title", Value(" "), output_field=TextField()),
        padded_body=Concat(Value(" "), "search_body", Value(" "), output_field=TextField()),
    )


def _match_portable(articles, query: Query):
    """Every word in the folded title or body (SQLite: a scan, fine at demo scale)."""
    articles = _padded(articles)
    for pattern in query.like_patterns():
        articles = articles.filter(
            Q(padded_title__contains=pattern) | Q(padded_body__contains=pattern)
        )
    return articles


def _rank_portable(articles, query: Query):
    """Each word found in the title adds 1, as weight A does on PostgreSQL."""
    hits = [
        Case(
            When(padded_title__contains=pattern, then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        for pattern in query.like_patterns()
    ]
    text_rank = hits[0]
    for hit in hits[1:]:
        text_rank = text_rank + hit
    return _padded(articles).annotate(text_rank=text_rank)


def _exact_bonus(query: Query):
    """Rank the whole phrase in the title higher, and higher still with the reader's accents.

    Diacritics carry meaning (ma, má, mà, mả, mã, mạ): a title with exactly what was typed
    comes before one that only matches once folded.
    """
    return Case(
        When(title__icontains=query.text, then=Value(3.0)),
        When(search_title__contains=query.phrase, then=Value(2.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
