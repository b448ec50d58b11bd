"""Planner statistics after bulk loads (docs/performance.md, "Bulk loads").

PostgreSQL chooses its plans from table statistics that only `ANALYZE` refreshes, and
autovacuum (off on development machines, lagging on a busy server) may not run for a
while after a bulk load. Without them the planner estimated 7 published articles out of
10,000 and sorted the whole table for "Tin mới nhất". So every bulk load (the demo, the
CSV imports) ends with `analyze(...)` on what it filled. Other databases: nothing.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def tables_of(*models) -> list[str]:
    """The tables of these models, with the auto-created tables of their many-to-many fields."""
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables.add(through._meta.db_table)
    return sorted(tables)


def analyze(*models, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Refresh the planner's statistics for these models' tables (all tables when none).

    Returns the tables analyzed ("*" for the whole database); an empty list where the
    database is not PostgreSQL.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    tables = tables_of(*models)
    with connection.cursor() as cursor:
        if tables:
            cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, tables)))
        else:
            cursor.execute("ANALYZE")
    return tables or ["*"]
