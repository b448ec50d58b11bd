import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_postgresql_search_setup_exists_only_on_postgresql():
    """On PostgreSQL the vi_unaccent configuration folds Vietnamese; SQLite migrates without it."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only setup; the SQLite run proves the migration is a no-op there")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('vi_unaccent', 'Đảng ủy Khối đổi mới')::text")
        assert cursor.fetchone()[0] == "'dang':1 'doi':4 'khoi':3 'moi':5 'uy':2"
        cursor.execute("SELECT immutable_unaccent('Đảng uỷ Khối')")
        assert cursor.fetchone()[0] == "Dang uy Khoi"
