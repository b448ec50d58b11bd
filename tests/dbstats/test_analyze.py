from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import dbstats
from news.models import Article
from organizations import register
from organizations.models import Organization

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's"
    ),
]


def planner_rows(queryset) -> float:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    return plan[0]["Plan"]["Plan Rows"]


@pytest.mark.slow
def test_planner_knows_the_published_articles_after_seed_demo():
    """After seed_demo the planner's estimate of the public article query is within 2× of the truth."""
    call_command("seed_demo", "--anchor", "2026-11-27", "--articles", "600", stdout=StringIO())
    published = Article.objects.published()
    truth = published.count()
    assert truth >= 600
    estimate = planner_rows(published)
    assert truth / 2 <= estimate <= truth * 2, (estimate, truth)


def test_csv_import_analyzes_the_organizations_table():
    """A CSV import that wrote rows ends with ANALYZE on the organizations table."""
    Organization.objects.create(
        name="Đảng bộ Khối", slug="dang-bo-khoi", kind=Organization.Kind.BLOC
    )
    csv = ("slug,name,kind,parent\nchi-bo-so-1,Chi bộ Sở Một,Chi bộ cơ sở,dang-bo-khoi\n").encode()
    with CaptureQueriesContext(connection) as queries:
        register.import_csv(csv)
    analyzed = [q["sql"] for q in queries if q["sql"].startswith("ANALYZE")]
    assert analyzed == ['ANALYZE "organizations_organization"']


def test_tables_of_includes_many_to_many_tables():
    """An article's analyze covers its own table and its auto-created link tables."""
    tables = dbstats.tables_of(Article)
    assert "news_article" in tables
    assert "news_article_organizations" in tables
