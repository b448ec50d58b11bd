"""What a reader typed into a search box, cleaned and folded: shared by every app's search.

`parse_query` turns anything a browser or a robot may send into at most `MAX_TERMS`
folded words (`vntext.fold`); `highlight` marks those words in a text whatever their
accents. Each app matches the words against its own folded columns (docs/search.md).
"""

import html
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db.models.expressions import Expression
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vntext import fold, one_line

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Query:
    """What the reader typed, cleaned (`text`), and the folded words searched for (`terms`)."""

    text: str = ""
    terms: tuple[str, ...] = ()
    truncated: bool = False
    prefix: bool = False  # the last word may be the start of a longer one

    def __bool__(self):
        return bool(self.terms)

    @property
    def phrase(self) -> str:
        return " ".join(self.terms)

    def with_prefix(self) -> "Query":
        return replace(self, prefix=True)

    def matches_word(self, folded_word: str) -> bool:
        if not self.terms:
            return False
        if self.prefix:
            return folded_word in self.terms[:-1] or folded_word.startswith(self.terms[-1])
        return folded_word in self.terms

    def tsquery(self) -> SearchQuery:
        """Every word, for a `search_document` tsvector (PostgreSQL). The words are
        `[a-z0-9]+` only (`vntext.fold`): nothing to quote inside to_tsquery."""
        terms = list(self.terms)
        if self.prefix:
            terms[-1] += ":*"
        return SearchQuery(" & ".join(terms), config="simple", search_type="raw")

    def like_patterns(self) -> list[str]:
        """LIKE patterns over " folded text ": whole words, or a word start for a prefix."""
        patterns = [f" {term} " for term in self.terms]
        if self.prefix:
            patterns[-1] = f" {self.terms[-1]}"
        return patterns


class SearchDocument(Expression):
    """The `search_document` tsvector column an app's migration adds on PostgreSQL only.

    Not a model field (SQLite has no tsvector). Named through the query's own alias of
    the table, so that it stays right inside subqueries, where Django renames the table
    (U0): a hard-coded table name would point at the outer query's row.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name('search_document')}", []


def parse_query(raw: str) -> Query:
    """Clean a raw `q`: NUL, control characters and lone surrogates go, length is capped.

    Anything a browser or a robot may send (10 KB of text, SQL or HTML fragments, only
    punctuation) ends up as at most `MAX_TERMS` words of `[a-z0-9]`, or no words at all.
    """
    text = one_line(raw or "")
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        cut = text[:MAX_QUERY_LENGTH]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut  # no half word at the end
    terms = tuple(dict.fromkeys(fold(text).split()))[:MAX_TERMS]
    return Query(text=text, terms=terms, truncated=truncated)


# A search page highlights every word of 15 titles and sapos: folding each again was 13 %
# of the page. The words of the portal's texts are a few thousand syllables, so each is
# folded once per process (docs/performance.md, "Category and search pages").
_fold_word = lru_cache(maxsize=4096)(fold)


def highlight(text: str, query: Query, fold_word=fold) -> SafeString:
    """`text` escaped, with the words that matched `query` in <mark>, whatever their accents.

    `fold_word` is how the app folded the words it searched (the documents library also
    drops leading zeros from numbers).
    """
    if not query:
        return escape(text)
    if fold_word is fold:
        fold_word = _fold_word
    text = str(text or "")
    parts = []
    position = 0
    for word in _WORD.finditer(text):
        if query.matches_word(fold_word(word.group())):
            # html.escape is what django's escape() calls, without its lazy-string wrapper.
            parts.append(html.escape(text[position : word.start()]))
            parts.append(f"<mark>{html.escape(word.group())}</mark>")
            position = word.end()
    parts.append(html.escape(text[position:]))
    return mark_safe("".join(parts))  # every piece is escaped above
