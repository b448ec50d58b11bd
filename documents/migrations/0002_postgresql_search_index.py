"""Search index on documents, PostgreSQL only (the pattern of news' 0003, docs/search.md).

`search_document`: a stored tsvector generated from the folded code, kind and title
(weight A) and the folded summary, signer and files' text (weight C) that
`Document.derive()` keeps; a GIN index on it; a trigram index on the folded head for
"did you mean". The files' text is capped (`DOCUMENT_TEXT_MAX_CHARS`) far below the
1 MB a tsvector may hold. SQLite searches the same folded columns with LIKE.
"""

from django.db import migrations

FORWARD_SQL = [
    """
    ALTER TABLE documents_document ADD COLUMN IF NOT EXISTS search_document tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, search_head), 'A')
            || setweight(to_tsvector('simple'::regconfig, search_body), 'C')
        ) STORED
    """,
    "CREATE INDEX IF NOT EXISTS documents_document_search_document"
    " ON documents_document USING gin (search_document)",
    "CREATE INDEX IF NOT EXISTS documents_document_search_head_trgm"
    " ON documents_document USING gin (search_head gin_trgm_ops)",
]

BACKWARD_SQL = [
    "DROP INDEX IF EXISTS documents_document_search_head_trgm",
    "DROP INDEX IF EXISTS documents_document_search_document",
    "ALTER TABLE documents_document DROP COLUMN IF EXISTS search_document",
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
        ("documents", "0001_documents_library_files_chain"),
        ("portal", "0002_postgresql_search_setup"),
    ]

    operations = [
        migrations.RunPython(_run_on_postgresql(FORWARD_SQL), _run_on_postgresql(BACKWARD_SQL)),
    ]
