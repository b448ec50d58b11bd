import pytest
from django.test import override_settings

from news import counters
from news.models import Article
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_published(make_category(), "Hội nghị Ban Chấp hành", view_count=100)


def stored_views(article):
    return Article.objects.values_list("view_count", flat=True).get(pk=article.pk)


def test_first_view_is_written_at_once_and_later_ones_are_buffered(client, article):
    """One database write per interval: the first view goes in, the next ones wait in the cache."""
    for _ in range(5):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert stored_views(article) == 101
    assert counters.pending_views(article.pk) == 4


def test_pending_views_reach_the_database_on_flush(client, article):
    """Flushing moves exactly the pending views into the row, atomically."""
    for _ in range(5):
        client.get(article.get_absolute_url())
    assert counters.flush_views(article.pk) == 4
    assert stored_views(article) == 105
    assert counters.pending_views(article.pk) == 0
    assert counters.flush_views(article.pk) == 0


def test_views_counted_while_flushing_are_kept(article):
    """A flush subtracts only what it read: views counted meanwhile stay pending."""
    counters.record_view(article.pk)  # written at once (first of the interval)
    counters.record_view(article.pk)
    counters.record_view(article.pk)
    pending = counters.pending_views(article.pk)
    counters.record_view(article.pk)  # arrives "during" the flush below
    moved = counters.flush_views(article.pk)
    assert moved == pending + 1
    assert stored_views(article) == 100 + 1 + moved


@override_settings(VIEW_COUNT_FLUSH_SECONDS=0)
def test_every_view_is_written_when_the_interval_is_zero(client, article):
    """VIEW_COUNT_FLUSH_SECONDS=0 writes each view straight to the database."""
    for _ in range(3):
        client.get(article.get_absolute_url())
    assert stored_views(article) == 103
    assert counters.pending_views(article.pk) == 0


@override_settings(PAGE_CACHE_SECONDS=0)
def test_page_shows_stored_plus_pending_views(client, article):
    """The count on the page includes views not yet written to the database."""
    for _ in range(2):
        client.get(article.get_absolute_url())
    html = client.get(article.get_absolute_url()).content.decode()
    assert stored_views(article) == 101
    assert "103 lượt xem" in html


def test_views_served_from_the_page_cache_still_count(client, article, django_assert_num_queries):
    """A reader served a cached page is counted like any other."""
    client.get(article.get_absolute_url())
    with django_assert_num_queries(1):  # a cached page: only the state query
        client.get(article.get_absolute_url())
    assert counters.pending_views(article.pk) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
    ],
)
def test_robots_are_not_counted(client, article, agent):
    """Crawlers and link-preview fetchers add no views, cached page or not."""
    client.get(article.get_absolute_url(), headers={"user-agent": agent})
    client.get(article.get_absolute_url(), headers={"user-agent": agent})
    assert stored_views(article) == 100
    assert counters.pending_views(article.pk) == 0


@override_settings(PAGE_CACHE_SECONDS=0)
def test_large_counts_are_grouped_the_vietnamese_way(client, article):
    """12,345 views read "12.346 lượt xem" after one more visit."""
    Article.objects.filter(pk=article.pk).update(view_count=12345)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "12.346 lượt xem" in html


def test_redirects_and_404s_are_not_counted(client, article):
    """Only an article page actually shown counts: not the redirect from an old slug."""
    client.get(article.get_absolute_url().replace(article.slug, "ten-cu"))
    assert stored_views(article) == 100
    assert counters.pending_views(article.pk) == 0
