"""Search over articles, blind to diacritics and to old or new tone placement.

Documents and queries are folded the same way (`vntext.fold`: "Đảng uỷ Khối" and
"dang uy khoi" both become "dang uy khoi"), so both databases compare plain ASCII words:

- PostgreSQL: full-text search on `search_document`, a tsvector column generated from the
  folded title (weight A) and folded sapo + body (weight C), with a GIN index; both are
  created by `news/migrations/0003_postgresql_search_index.py` on PostgreSQL only.
  Ranked by `ts_rank`, so title matches come first.
- SQLite (the zero-setup default): `LIKE` over the same folded columns, every word
  required, title matches ranked first. A full scan, fine at demo scale.

Every word is matched whole except the last, which may be the start of a word
("hoi ngh" finds "hội nghị"). Details and measurements: docs/search.md.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

import vntext

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# ts_rank weights for D, C, B, A: a word in the title counts five times a word in the body.
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Query:
    """What the reader typed, cleaned (`text`), and the folded words searched for (`terms`)."""

    text: str = ""
    terms: tuple[str, ...] = ()
    truncated: bool = False

    def __bool__(self):
        return bool(self.terms)

    @property
    def phrase(self) -> str:
        return " ".join(self.terms)

    def matches_word(self, folded_word: str) -> bool:
        if not self.terms:
            return False
        return folded_word in self.terms[:-1] or folded_word.startswith(self.terms[-1])


def parse_query(raw: str) -> Query:
    """Clean a raw `q`: NUL, control characters and lone surrogates go, length is capped.

    Anything a browser or a robot may send (10 KB of text, SQL or HTML fragments, only
    punctuation) ends up as at most `MAX_TERMS` words of `[a-z0-9]`, or no words at all.
    """
    text = " ".join(vntext.normalize(raw or "").split())
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        cut = text[:MAX_QUERY_LENGTH]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut  # no half word at the end
    terms = tuple(dict.fromkeys(vntext.fold(text).split()))[:MAX_TERMS]
    return Query(text=text, terms=terms, truncated=truncated)


def search(articles, query: Query):
    """`articles` that contain every word of `query`, best first (then newest first)."""
    if connections[articles.db].vendor == "postgresql":
        matches = _search_postgresql(articles, query)
    else:
        matches = _search_portable(articles, query)
    bonus = _exact_bonus(query)
    return matches.annotate(rank=F("text_rank") + bonus).order_by("-rank", "-published_at", "-pk")


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


def _tsquery(query: Query) -> str:
    # Terms are [a-z0-9]+ only (vntext.fold), so they need no quoting inside to_tsquery.
    *whole, last = query.terms
    return " & ".join([*whole, f"{last}:*"])


def _search_postgresql(articles, query: Query):
    table = articles.model._meta.db_table
    # A column PostgreSQL generates and Django does not model; no user input in this SQL.
    document = RawSQL(f'"{table}"."search_document"', [], output_field=SearchVectorField())  # noqa: S611
    tsquery = SearchQuery(_tsquery(query), config="simple", search_type="raw")
    return (
        articles.alias(document=document)
        .filter(document=tsquery)
        .annotate(text_rank=SearchRank(F("document"), tsquery, weights=RANK_WEIGHTS))
    )


def _search_portable(articles, query: Query):
    """Every word in the folded title or body; each word found in the title adds 1."""
    *whole, last = query.terms
    articles = articles.alias(
        padded_title=Concat(Value(" "), "search_title", Value(" "), output_field=TextField()),
        padded_body=Concat(Value(" "), "search_body", Value(" "), output_field=TextField()),
    )
    title_hits = []
    for pattern in [*(f" {term} " for term in whole), f" {last}"]:
        articles = articles.filter(
            Q(padded_title__contains=pattern) | Q(padded_body__contains=pattern)
        )
        title_hits.append(
            Case(
                When(padded_title__contains=pattern, then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        )
    text_rank = title_hits[0]
    for hit in title_hits[1:]:
        text_rank = text_rank + hit
    return articles.annotate(text_rank=text_rank)


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


def highlight(text: str, query: Query) -> SafeString:
    """`text` escaped, with the words that matched `query` in <mark>, whatever their accents."""
    if not query:
        return escape(text)
    parts = []
    position = 0
    for word in _WORD.finditer(text or ""):
        if query.matches_word(vntext.fold(word.group())):
            parts.append(escape(text[position : word.start()]))
            parts.append(f"<mark>{escape(word.group())}</mark>")
            position = word.end()
    parts.append(escape((text or "")[position:]))
    return mark_safe("".join(parts))  # every piece is escaped above
