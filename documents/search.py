"""Search over public documents: words of the code, title, summary, signer and files.

Documents and queries are folded the same way as articles (`vntext.fold`), and numbers
lose their leading zeros (`codes.fold_word`), so "05-CT/TW", "05 ct tw" and "5/CT-TW"
are the words "5 ct tw" on both sides, and "ĐUK" is "duk". PostgreSQL matches the
`search_document` tsvector (migration 0002, GIN index) and ranks code and title words
above the rest; SQLite uses LIKE over the same folded columns. A document whose whole
code is what was typed comes first. docs/documents.md, "Search".
"""

from dataclasses import replace

from django.contrib.postgres.search import SearchRank
from django.db import connections
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Concat

from documents.codes import fold_word
from vntext.query import Query, SearchDocument, parse_query

MAX_RESULTS = 1000
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]  # D, C, B, A: code and title words count most


def parse(raw: str) -> Query:
    """The reader's words, folded, numbers without leading zeros."""
    query = parse_query(raw)
    return replace(query, terms=tuple(dict.fromkeys(fold_word(t) for t in query.terms)))


def _padded(documents):
    return documents.alias(
        padded_head=Concat(Value(" "), "search_head", Value(" "), output_field=TextField()),
        padded_body=Concat(Value(" "), "search_body", Value(" "), output_field=TextField()),
    )


def matching(documents, query: Query):
    """`documents` that contain every word of `query`, unranked."""
    if connections[documents.db].vendor == "postgresql":
        return documents.alias(vector=SearchDocument()).filter(vector=query.tsquery())
    documents = _padded(documents)
    for pattern in query.like_patterns():
        documents = documents.filter(
            Q(padded_head__contains=pattern) | Q(padded_body__contains=pattern)
        )
    return documents


def search(documents, query: Query):
    """The newest `MAX_RESULTS` matches, best first: exact code, then code/title words."""
    newest = matching(documents, query).order_by("-issued_on", "-pk").values("pk")[:MAX_RESULTS]
    candidates = documents.model.objects.filter(pk__in=newest)
    if connections[documents.db].vendor == "postgresql":
        ranked = candidates.alias(vector=SearchDocument()).annotate(
            text_rank=SearchRank(F("vector"), query.tsquery(), weights=RANK_WEIGHTS)
        )
    else:
        hits = [
            Case(
                When(padded_head__contains=pattern, then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for pattern in query.like_patterns()
        ]
        total = hits[0]
        for hit in hits[1:]:
            total = total + hit
        ranked = _padded(candidates).annotate(text_rank=total)
    exact = Case(
        When(code_key=query.phrase, then=Value(10.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return ranked.annotate(rank=F("text_rank") + exact).order_by("-rank", "-issued_on", "-pk")
