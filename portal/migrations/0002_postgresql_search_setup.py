"""PostgreSQL-only database setup for Vietnamese full-text search.

The same migrations must apply on SQLite (the zero-setup default), so every step here
runs only when the connection is PostgreSQL; on SQLite this migration does nothing.
This is the pattern for any database-specific migration in the project: a RunPython
that checks `schema_editor.connection.vendor` (see docs/search.md).

- `unaccent` and `pg_trgm` are trusted extensions (PostgreSQL 13+), so the database
  owner may create them without superuser rights.
- `vi_unaccent` is a text-search configuration that folds diacritics (đ included) while
  parsing; unlike the `unaccent()` function it is usable in indexes and generated columns.
- `immutable_unaccent()` wraps `unaccent` with an explicit dictionary so that trigram
  indexes on folded text are allowed.
"""

from django.db import migrations

FORWARD_SQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vi_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION vi_unaccent (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION vi_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
]

BACKWARD_SQL = [
    "DROP FUNCTION IF EXISTS immutable_unaccent(text)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vi_unaccent",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_site_settings")]

    operations = [
        migrations.RunPython(_run_on_postgresql(FORWARD_SQL), _run_on_postgresql(BACKWARD_SQL)),
    ]
