"""Search indexes on articles, PostgreSQL only, and the page cache's index on both.

- `search_document`: a stored tsvector generated from the folded title (weight A) and
  the folded sapo + body (weight C) that `news.fields.FoldedTextField` keeps. The
  columns are already ASCII, so the plain `simple` configuration is enough and the
  expression is immutable. A stored column (rather than an expression index) lets
  `ts_rank` read the vector instead of re-parsing every matching body.
  PostgreSQL computes it on every INSERT/UPDATE; Django never names it, so the model
  state does not know it and `makemigrations --check` stays clean.
- a GIN index on it, used by `search_document @@ to_tsquery(...)` (news/search.py);
- a trigram GIN index on the folded title, for "did you mean" titles (`%>`).

On every database: a b-tree index on `updated_at`, so that the page cache's "what changed
last?" query (news/pagecache.py) reads one index entry instead of scanning the table.

Adding a stored generated column rewrites the table once; on a large existing table run
this migration in a quiet hour. Pattern and EXPLAIN output: docs/search.md.
"""

from django.db import migrations, models

FORWARD_SQL = [
    """
    ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_document tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, search_title), 'A')
            || setweight(to_tsvector('simple'::regconfig, search_body), 'C')
        ) STORED
    """,
    "CREATE INDEX IF NOT EXISTS news_article_search_document"
    " ON news_article USING gin (search_document)",
    "CREATE INDEX IF NOT EXISTS news_article_search_title_trgm"
    " ON news_article USING gin (search_title gin_trgm_ops)",
]

BACKWARD_SQL = [
    "DROP INDEX IF EXISTS news_article_search_title_trgm",
    "DROP INDEX IF EXISTS news_article_search_document",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_document",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_editorial_roles"),
        ("portal", "0002_postgresql_search_setup"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["updated_at"], name="news_article_updated_at"),
        ),
        migrations.RunPython(_run_on_postgresql(FORWARD_SQL), _run_on_postgresql(BACKWARD_SQL)),
    ]
