from io import StringIO

import pytest
from django.core.management import CommandError, call_command
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
    counters.views.add(article.pk)
    counters.views.add(article.pk)
    pending = counters.pending_views(article.pk)
    original_write = counters.views.write

    def write_while_a_reader_arrives(article_id, amount):
        counters.views.add(article_id)  # arrives "during" the flush
        original_write(article_id, amount)

    counters.views.write = write_while_a_reader_arrives
    try:
        moved = counters.flush_views(article.pk)
    finally:
        counters.views.write = original_write
    assert moved == pending == 2
    assert stored_views(article) == 102
    assert counters.pending_views(article.pk) == 1


@override_settings(VIEW_COUNT_FLUSH_SECONDS=0, PAGE_CACHE_SECONDS=0)
def test_every_view_is_written_when_the_interval_is_zero(client, article):
    """VIEW_COUNT_FLUSH_SECONDS=0 writes each rendered view straight to the database."""
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
    assert "102 lượt xem" in html  # the views before this one


def test_views_served_from_the_page_cache_still_count(client, article, django_assert_num_queries):
    """A reader served a cached page is counted like any other."""
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):  # a cached page, counted and not flushed
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
    """12,345 views read "12.345 lượt xem"."""
    Article.objects.filter(pk=article.pk).update(view_count=12345)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "12.345 lượt xem" in html


def test_redirects_and_404s_are_not_counted(client, article):
    """Only an article page actually shown counts: not the redirect from an old slug."""
    client.get(article.get_absolute_url().replace(article.slug, "ten-cu"))
    assert stored_views(article) == 100
    assert counters.pending_views(article.pk) == 0


def test_run_periodic_flushes_every_pending_count(client, article):
    """`manage.py run_periodic` moves every article's pending views; again, it moves nothing."""
    other = make_published(article.category, "Tin khác", view_count=7)
    for _ in range(3):
        client.get(article.get_absolute_url())
    client.get(other.get_absolute_url())
    client.get(other.get_absolute_url())
    assert (stored_views(article), stored_views(other)) == (101, 8)  # the misses flushed
    out = StringIO()
    call_command("run_periodic", "news.flush_views", stdout=out)
    assert "news.flush_views: xong (3)" in out.getvalue()
    assert (stored_views(article), stored_views(other)) == (103, 9)
    call_command("run_periodic", "news.flush_views", "--force", stdout=StringIO())
    assert (stored_views(article), stored_views(other)) == (103, 9)
    assert counters.pending_views(article.pk) == counters.pending_views(other.pk) == 0


def test_run_periodic_skips_a_job_whose_interval_has_not_passed(client, article):
    """Run every minute by cron, a job runs once per its interval."""
    call_command("run_periodic", stdout=StringIO())
    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())
    out = StringIO()
    call_command("run_periodic", stdout=out)
    assert "news.flush_views: chưa đến hạn" in out.getvalue()
    assert counters.pending_views(article.pk) == 1


def test_the_apps_register_their_periodic_jobs():
    """The counters' flush, the outbox's retries and the askers' anonymisation all run."""
    import periodic

    names = {job.name for job in periodic.jobs()}
    assert {
        "news.flush_views",
        "documents.flush_downloads",
        "outbox.send_due",
        "questions.anonymise",
    } <= names


def test_a_failing_job_does_not_stop_the_others(monkeypatch):
    """One job's error is reported (non-zero exit) after the other jobs ran."""
    import periodic

    ran = []
    monkeypatch.setattr(periodic, "_jobs", {})
    periodic.register("a.broken", lambda: 1 / 0)
    periodic.register("b.fine", lambda: ran.append(1) or "ok")
    with pytest.raises(CommandError, match=r"a\.broken"):
        call_command("run_periodic", stdout=StringIO(), stderr=StringIO())
    assert ran == [1]


def test_a_hit_on_an_article_is_one_read_with_its_view(client, article, cache_calls):
    """From the page cache: the state, the page and the view in one operation on Redis
    (get_many_and_incr, one round trip), or a get_many and an incr on a backend without
    it; no flush, no write to the database."""
    from django.core.cache import caches

    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())  # the counter key exists from here on
    cache_calls.clear()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    combined = hasattr(caches["default"], "get_many_and_incr")
    assert sorted(cache_calls) == (["get_many_and_incr"] if combined else ["get_many", "incr"])
    assert stored_views(article) == 101
    assert counters.pending_views(article.pk) == 2
