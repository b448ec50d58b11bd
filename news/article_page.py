"""What the article page reads around its article (`news.views.ArticleDetailView`).

Most of a rendered article page's time went to its nine queries, and most of a query's
time to the ORM compiling it (about 1 ms each), not to the database; most of the lists
under an article are empty. So:

- `with_lists_present()` reads, in the article's own query, its tags and which of its
  other lists have rows (threads, attachments, related articles, related documents,
  albums); the page then runs the queries of those lists only, fresh on every
  rendering.
- "Các tin khác" lists the category's articles published before this one. The
  category's newest articles, each with its `{% article_item %}` line, are kept under
  the content state (`pagecache.per_content_state`: never read after a committed
  change nor past a timed one) and shared by every article among them; an article
  further down the category, or not public (a preview), is queried.

Figures and method: docs/performance.md, "Where rendering time goes".
"""

from functools import cache

from django.db import connections
from django.db.models import JSONField
from django.db.models.expressions import RawSQL
from django.utils.safestring import mark_safe

import pagecache
from news import cards
from news.attachments import ArticleAttachment
from news.models import Article, Tag
from pagecache import fragments

# The lists under an article but its tags, each named by where its rows are.
_LISTS = {
    "threads": Article.threads,
    "related_articles": Article.related_articles,
    "documents": Article.documents,
    "albums": Article.albums,
}

# How many of a category's newest articles are kept for "Các tin khác": an article among
# the first `NEWEST_KEPT - shown - related` of its category reads its list from there.
NEWEST_KEPT = 30


def _list_tables() -> dict[str, tuple[str, str]]:
    tables = {
        name: (relation.through._meta.db_table, relation.field.m2m_column_name())
        for name, relation in _LISTS.items()
    }
    tables["attachments"] = (
        ArticleAttachment._meta.db_table,
        ArticleAttachment._meta.get_field("article").column,
    )
    return tables


@cache
def _lists_sql(alias: str) -> str:
    quote = connections[alias].ops.quote_name
    article_id = f"{quote(Article._meta.db_table)}.{quote(Article._meta.pk.column)}"
    return " || ".join(
        f"CASE WHEN EXISTS (SELECT 1 FROM {quote(table)} WHERE {quote(column)} = "  # noqa: S608 - the models' own tables, quoted; no input
        f"{article_id}) THEN '{name} ' ELSE '' END"
        for name, (table, column) in _list_tables().items()
    )


# The article's tags as one JSON array of [id, name, slug] (the model's field order, as
# `Model.from_db` takes them): every article page shows them, so they come with the
# article rather than in a query of their own.
_TAG_FIELDS = ("id", "name", "slug")
_TAGS_JSON = {
    "postgresql": "json_agg(json_build_array({id}, {name}, {slug}))::text",
    "sqlite": "json_group_array(json_array({id}, {name}, {slug}))",
}


@cache
def _tags_sql(alias: str) -> str:
    connection = connections[alias]
    quote = connection.ops.quote_name
    through = Article.tags.through
    tag_table = quote(Tag._meta.db_table)
    columns = {
        name: f"{tag_table}.{quote(Tag._meta.get_field(name).column)}" for name in _TAG_FIELDS
    }
    article_column = quote(Article.tags.field.m2m_column_name())
    tag_column = quote(Article.tags.field.m2m_reverse_name())
    return (
        f"SELECT {_TAGS_JSON[connection.vendor].format(**columns)} "  # noqa: S608 - the models' own tables, quoted; no input
        f"FROM {quote(through._meta.db_table)} INNER JOIN {tag_table} "
        f"ON {quote(through._meta.db_table)}.{tag_column} = {columns['id']} "
        f"WHERE {quote(through._meta.db_table)}.{article_column} = "
        f"{quote(Article._meta.db_table)}.{quote(Article._meta.pk.column)}"
    )


def with_lists_present(articles):
    """`articles` (a queryset) with, on each, `lists_present`: the names of its lists
    that have rows, space-separated ("threads albums "), read by `lists_of(article)`; and
    its tags, read by `tags_of(article)`.

    Raw expressions in the article's own query rather than an `Exists()` per list and a
    query for the tags: the six subqueries compiled by the ORM cost more (2.7 ms) than
    the queries they would save. A list that has rows may still show nothing (a draft
    related article, an internal document): its own query filters it.
    """
    lists, tags = _lists_sql(articles.db), _tags_sql(articles.db)
    return articles.annotate(
        lists_present=RawSQL(lists, ()),  # noqa: S611 - no input in it
        tag_facts=RawSQL(f"({tags})", (), output_field=JSONField()),  # noqa: S611 - no input in it
    )


def lists_of(article) -> set[str]:
    return set(article.lists_present.split())


def tags_of(article) -> list[Tag]:
    """The article's tags, in `Tag`'s order (by slug), from its own query."""
    facts = sorted(article.tag_facts or (), key=lambda fact: fact[2])
    return [Tag.from_db(article._state.db, _TAG_FIELDS, fact) for fact in facts]


@cache
def _code_version() -> str:
    """What a kept line is made with: part of its key, so a deploy never reads lines an
    older release stored under the same content state."""
    return fragments.code_version(templates=("includes/cards/article_item.html",), modules=(cards,))


def _newest_lines(category) -> list[tuple[int, str]]:
    articles = Article.objects.published().for_category(category).for_card().newest_first()
    return [(article.pk, mark_safe(cards.item(article))) for article in articles[:NEWEST_KEPT]]


def category_newest(category) -> list[tuple[int, str]]:
    """The category's `NEWEST_KEPT` newest public articles, newest first, as (id, its
    line in a list), kept per content state."""
    key = f"news:category-newest:{category.pk}:{NEWEST_KEPT}:{_code_version()}"
    return pagecache.per_content_state(key, lambda: _newest_lines(category))


def kept_other_news(article, *, exclude_ids, count) -> list[str] | None:
    """The lines of "Các tin khác" for `article` from its category's kept newest: the
    `count` published after it in the list (so before it), but `exclude_ids`. None when
    the article is not among them or they run out first: the caller queries."""
    newest = category_newest(article.category)
    position = next((i for i, (pk, _) in enumerate(newest) if pk == article.pk), None)
    if position is None:
        return None
    excluded = set(exclude_ids)
    lines = [line for pk, line in newest[position + 1 :] if pk not in excluded]
    if len(lines) < count and len(newest) == NEWEST_KEPT:
        return None  # older ones lie past what is kept
    return lines[:count]
