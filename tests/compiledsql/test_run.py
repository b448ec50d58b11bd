"""compiledsql.run: the same objects and SQL as the plain queryset, refusals when unsafe."""

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import compiledsql
from news.models import Article, Category

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _fresh():
    compiledsql.clear()
    yield
    compiledsql.clear()


@pytest.fixture
def articles(django_user_model):
    user = django_user_model.objects.create(username="w")
    parent = Category.objects.create(name="Tin tức")
    child = Category.objects.create(name="Trong nước", parent=parent)
    made = []
    for i in range(12):
        made.append(
            Article.objects.create(
                title=f"Bài {i}",
                category=child if i % 2 else parent,
                status=Article.Status.PUBLISHED,
                published_at=NOW - datetime.timedelta(hours=i),
                created_by=user,
            )
        )
    return made


def by_pk(pk, now):
    return (
        Article.objects.filter(pk=pk, status=Article.Status.PUBLISHED, published_at__lte=now)
        .select_related("category__parent")
        .defer("body")
    )


def facts(rows):
    return [
        (a.pk, a.title, a.category.name, a.category.parent and a.category.parent.name) for a in rows
    ]


def test_same_objects_and_sql_over_many_values(articles):
    for article in articles:
        for now in (NOW, NOW - datetime.timedelta(hours=5)):
            kept = compiledsql.run("by_pk", by_pk, pk=article.pk, now=now)
            plain = by_pk(article.pk, now)
            with CaptureQueriesContext(connection) as queries:
                got = list(kept)
            assert len(queries) == 1
            assert facts(got) == facts(plain)
            with CaptureQueriesContext(connection) as plain_queries:
                list(by_pk(article.pk, now))
            assert queries[0]["sql"] == plain_queries[0]["sql"]
    entry = compiledsql._kept[("by_pk", "default", connection.vendor)]
    assert entry["verified"]


def test_a_hidden_parameter_is_refused(articles):
    def hidden(pk):
        return Article.objects.filter(pk=pk, published_at__lte=timezone.now())

    for article in articles[:3]:
        assert facts(compiledsql.run("hidden", hidden, pk=article.pk)) == facts(hidden(article.pk))
    assert compiledsql._kept[("hidden", "default", connection.vendor)] is compiledsql.REFUSED


def test_an_ambiguous_value_is_refused(articles):
    def two(pk, other):
        return Article.objects.filter(pk__in=[pk, other])

    compiledsql.run("two", two, pk=articles[0].pk, other=articles[0].pk)
    assert compiledsql._kept[("two", "default", connection.vendor)] is compiledsql.REFUSED


def by_title(title, now):
    return Article.objects.filter(title=title, published_at__lte=now)


def test_ints_and_datetimes_are_verified_at_the_first_call(articles):
    """A second compile with each value changed verifies the entry at once."""
    got = compiledsql.run("by_pk", by_pk, pk=articles[0].pk, now=NOW)
    assert facts(got) == facts(by_pk(articles[0].pk, NOW))
    assert compiledsql._kept[("by_pk", "default", connection.vendor)]["verified"]
    got = compiledsql.run("by_pk", by_pk, pk=articles[0].pk, now=NOW)  # the same values
    assert facts(got) == facts(by_pk(articles[0].pk, NOW))


def test_other_values_wait_until_every_value_has_changed(articles):
    """A value kept between the first two calls may share its position with a constant."""
    compiledsql.run("by_title", by_title, title=articles[0].title, now=NOW)
    compiledsql.run("by_title", by_title, title=articles[1].title, now=NOW)
    assert not compiledsql._kept[("by_title", "default", connection.vendor)]["verified"]
    compiledsql.run(
        "by_title", by_title, title=articles[1].title, now=NOW - datetime.timedelta(hours=1)
    )
    assert compiledsql._kept[("by_title", "default", connection.vendor)]["verified"]
    got = compiledsql.run("by_title", by_title, title=articles[2].title, now=NOW)
    assert facts(got) == facts(by_title(articles[2].title, NOW))


def test_a_constant_equal_to_the_first_value_is_refused(articles):
    """The first call cannot tell the value from a constant equal to it; the varied
    second compile can."""
    constant = articles[0].pk

    def either(pk):
        return Article.objects.filter(Q(pk=pk) | Q(pk=constant)).order_by("pk")

    compiledsql.run("either", either, pk=articles[0].pk)
    assert compiledsql._kept[("either", "default", connection.vendor)] is compiledsql.REFUSED
    got = compiledsql.run("either", either, pk=articles[1].pk)
    assert facts(got) == facts(either(articles[1].pk))
    assert len(facts(got)) == 2
