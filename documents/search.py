"""Search over public documents: words of the code, title, summary, signer and files.

Documents and queries are folded the same way as articles (`vntext.fold`), and numbers
lose their leading zeros (`codes.fold_word`), so "05-CT/TW", "05 ct tw" and "5/CT-TW"
are the words "5 ct tw" on both sides, and "ĐUK" is "duk". PostgreSQL matches the
`search_document` tsvector (migration 0002, GIN index) and ranks code and title words
above the rest; SQLite uses LIKE over the same folded columns. A document whose whole
code is what was typed comes first. docs/documents.md, "Search".
"""

from dataclasses import replace

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Concat

from documents.codes import fold_word
from vntext.query import Query, parse_query

MAX_RESULTS = 1000
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]  # D, C, B, A: code and title words count most


def parse(raw: str) -> Query:
    """The reader's words, folded, numbers without leading zeros."""
    query = parse_query(raw)
    return replace(query, terms=tuple(dict.fromkeys(fold_word(t) for t in query.terms)))


class SearchDocument(Expression):
    """The `search_document` column of migration 0002 (PostgreSQL only), through the
    query's own table alias so that it stays right inside subqueries."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name('search_document')}", []


def _tsquery(query: Query) -> SearchQuery:
    terms = list(query.terms)  # [a-z0-9]+ only: nothing to quote
    if query.prefix:
        terms[-1] += ":*"
    return SearchQuery(" & ".join(terms), config="simple", search_type="raw")


def _patterns(query: Query) -> list[str]:
    patterns = [f" {term} " for term in query.terms]
    if query.prefix:
        patterns[-1] = f" {query.terms[-1]}"
    return patterns


def _padded(documents):
    return documents.alias(
        padded_head=Concat(Value(" "), "search_head", Value(" "), output_field=TextField()),
        padded_body=Concat(Value(" "), "search_body", Value(" "), output_field=TextField()),
    )


def matching(documents, query: Query):
    """`documents` that contain every word of `query`, unranked."""
    if connections[documents.db].vendor == "postgresql":
        return documents.alias(vector=SearchDocument()).filter(vector=_tsquery(query))
    documents = _padded(documents)
    for pattern in _patterns(query):
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
            text_rank=SearchRank(F("vector"), _tsquery(query), weights=RANK_WEIGHTS)
        )
    else:
        hits = [
            Case(
                When(padded_head__contains=pattern, then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for pattern in _patterns(query)
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
