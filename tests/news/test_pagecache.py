import logging
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from news import counters, workflow
from news.models import Article
from news.pagecache import GENERATION_KEY, content_changed
from pagecache import outage
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def party():
    return make_category("Xây dựng Đảng", show_on_home=True)


def test_a_repeated_anonymous_visit_is_served_without_a_query(
    client, party, django_assert_num_queries
):
    """The second visit to the home page runs no SQL: the state is in the cache too."""
    make_published(party, "Hội nghị Ban Chấp hành", with_cover=True)
    first = client.get(reverse("portal:home"))
    with django_assert_num_queries(0):
        second = client.get(reverse("portal:home"))
    assert second.status_code == 200
    assert second.content == first.content


def test_tracking_parameters_share_the_cached_page(client, party, django_assert_num_queries):
    """?fbclid=… or ?utm_source=… from shared links hit the same stored page; ?page= does not."""
    article = make_published(party, "Tin được chia sẻ")
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        client.get(article.get_absolute_url(), {"fbclid": "IwAR0abc"})
    with django_assert_num_queries(0):
        client.get(article.get_absolute_url(), {"utm_source": "zalo"})
    client.get(party.get_absolute_url())
    response = client.get(party.get_absolute_url(), {"page": 2})
    assert response.status_code == 404  # rendered for page 2, not page 1 replayed


def test_saving_an_article_shows_at_once(client, party, editor, django_capture_on_commit_callbacks):
    """An edited title appears on the next visit, although the page was cached."""
    article = make_published(party, "Tiêu đề cũ")
    assert "Tiêu đề cũ" in client.get(reverse("portal:home")).content.decode()
    article.title = "Tiêu đề mới"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_article(article=article, actor=editor, changed_fields=["title"])
    html = client.get(reverse("portal:home")).content.decode()
    assert "Tiêu đề mới" in html
    assert "Tiêu đề cũ" not in html


def test_unpublishing_removes_the_article_from_cached_pages_at_once(
    client, party, editor, django_capture_on_commit_callbacks
):
    """An unpublished article disappears from the home page and its page 404s at once."""
    article = make_published(party, "Sẽ bị gỡ")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Sẽ bị gỡ" in client.get(reverse("portal:home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish_article(article=article, actor=editor)
    assert client.get(url).status_code == 404
    assert "Sẽ bị gỡ" not in client.get(reverse("portal:home")).content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, party):
    """A cached page is never served past the next scheduled publication."""
    make_published(party, "Tin đã đăng")
    make_published(party, "Tin hẹn giờ", published_at=timezone.now() + timedelta(minutes=30))
    assert "Tin hẹn giờ" not in client.get(reverse("portal:home")).content.decode()
    later = timezone.now() + timedelta(minutes=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        html = client.get(reverse("portal:home")).content.decode()
    assert "Tin hẹn giờ" in html


def test_cache_control_lets_a_cdn_keep_pages_briefly(client, party):
    """Anonymous pages are public for shared caches, with stale-while-revalidate."""
    make_published(party, "Tin")
    response = client.get(reverse("portal:home"))
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {
        "public",
        "max-age=0",
        f"s-maxage={settings.PAGE_CACHE_SECONDS}",
        "stale-while-revalidate=30",
    }


def test_cache_lifetime_stops_at_the_next_scheduled_publication(client, party):
    """With an article due in 10 seconds, shared caches may keep the page 10 seconds at most."""
    make_published(party, "Tin")
    make_published(party, "Sắp đăng", published_at=timezone.now() + timedelta(seconds=10))
    response = client.get(reverse("portal:home"))
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    [s_maxage] = [d for d in directives if d.startswith("s-maxage=")]
    assert 1 <= int(s_maxage.removeprefix("s-maxage=")) <= 10
    assert not any(d.startswith("stale-while-revalidate") for d in directives)


def test_logged_in_editors_always_get_fresh_private_pages(
    admin_client, party, django_assert_max_num_queries
):
    """With a session the cache is bypassed: every visit renders, marked private."""
    make_published(party, "Tin")
    admin_client.get(reverse("portal:home"))
    with django_assert_max_num_queries(20) as captured:
        response = admin_client.get(reverse("portal:home"))
    assert len(captured) > 1
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_search_is_never_served_from_the_page_cache(client, party, django_assert_num_queries):
    """Search pages are rendered every time (robots.txt keeps crawlers away from them)."""
    make_published(party, "Hội nghị")
    client.get(reverse("news:search"), {"q": "hoi nghi"})
    response = client.get(reverse("news:search"), {"q": "hoi nghi"})
    assert "public" not in response.get("Cache-Control", "")
    assert response.context is not None  # rendered by the view, not replayed


def test_error_pages_and_redirects_are_not_stored(client, party, django_assert_max_num_queries):
    """Only 200 pages are stored: a repeated 404 or 301 is worked out by the view again."""
    article = make_published(party, "Tin")
    missing = reverse("news:category_detail", kwargs={"slug": "khong-co"})
    old_slug = reverse("news:article_detail", kwargs={"slug": "ten-cu", "pk": article.pk})
    for url, status in [(missing, 404), (old_slug, 301)]:
        assert client.get(url).status_code == status
        with django_assert_max_num_queries(10) as captured:
            assert client.get(url).status_code == status
        # the view's own lookups (a stored page needs none)
        assert len(captured) >= 1


@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_page_cache_can_be_turned_off(client, party, django_assert_num_queries):
    """PAGE_CACHE_SECONDS=0 renders every page, with no state query and no public header."""
    make_published(party, "Tin")
    client.get(reverse("portal:home"))
    response = client.get(reverse("portal:home"))
    assert response.context is not None
    assert "public" not in response.get("Cache-Control", "")


def test_a_change_committed_late_still_empties_the_cache(
    client, party, django_capture_on_commit_callbacks
):
    """An unpublish whose row time is older than the newest save (it committed late, or
    another server's clock is behind) still takes the article off cached pages."""
    retracted = make_published(party, "Bài phải gỡ gấp")
    make_published(party, "Bài lưu sau")  # the newest updated_at from here on
    url = retracted.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Bài phải gỡ gấp" in client.get(reverse("portal:home")).content.decode()
    # The retraction lands without moving the newest updated_at, as in the race…
    Article.objects.filter(pk=retracted.pk).update(
        status=Article.Status.DRAFT, updated_at=retracted.updated_at
    )
    assert client.get(url).status_code == 200  # …so the state alone cannot see it,
    with django_capture_on_commit_callbacks(execute=True):
        content_changed()  # …but the workflow's commit hook can.
    assert client.get(url).status_code == 404
    assert "Bài phải gỡ gấp" not in client.get(reverse("portal:home")).content.decode()


def test_the_workflow_moves_the_cache_generation_on_commit(
    party, django_capture_on_commit_callbacks
):
    """Unpublishing through the workflow schedules the cache generation to move on commit."""
    from django.contrib.auth.models import User

    from news import workflow

    editor = User.objects.create_superuser("bientap", password="x-mat-khau-dai")
    article = make_published(party, "Tin")
    before = cache.get(GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.unpublish_article(article=article, actor=editor)
    assert callbacks
    assert cache.get(GENERATION_KEY) != before


def test_pages_are_served_when_the_cache_is_down(client, party):
    """With Redis unreachable, public pages still render (and views are simply not counted)."""
    article = make_published(party, "Tin khi Redis hỏng")
    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=broken):
        for url in [
            reverse("portal:home"),
            article.get_absolute_url(),
            party.get_absolute_url(),
            reverse("news:feed"),
            reverse("portal:sitemap"),
        ]:
            assert client.get(url).status_code == 200, url


def test_junk_page_numbers_do_not_fill_the_cache(client, party, django_assert_num_queries):
    """ "?page=x1", "?page=x2"… on a page that has no pages replay one stored page, and a
    list's non-numeric or huge page numbers are answered by the view, never stored."""
    make_published(party, "Tin")
    client.get(reverse("portal:home"))
    for junk in ["x1", "x2", "999999"]:
        with django_assert_num_queries(0):
            client.get(reverse("portal:home"), {"page": junk})
    for junk in ["x1", "999999", "٣"]:
        assert client.get(party.get_absolute_url(), {"page": junk}).status_code == 404
    client.get(party.get_absolute_url())
    with django_assert_num_queries(0):  # "?page=0001" is page 1, already stored
        client.get(party.get_absolute_url(), {"page": "0001"})


def test_head_requests_are_not_counted_as_views(client, party):
    """A HEAD probe (link checkers, monitors) is not a reader."""
    article = make_published(party, "Tin")
    for _ in range(3):
        client.head(article.get_absolute_url())
    article.refresh_from_db()
    assert article.view_count == 0
    assert counters.pending_views(article.pk) == 0


def test_a_stored_page_keeps_its_headers(client, party):
    """Served from the cache, a sitemap keeps X-Robots-Tag and a feed its type."""
    make_published(party, "Tin")
    for url in [reverse("portal:sitemap"), reverse("news:feed")]:
        first = client.get(url)
        second = client.get(url)
        assert second.context is None  # replayed from the cache
        for header in ["Content-Type", "X-Robots-Tag", "Last-Modified"]:
            assert second.get(header) == first.get(header), (url, header)


def test_a_scheduled_articles_404_is_not_kept_past_its_time(client, party):
    """Before its time an article's URL is a 404 that a CDN may keep only until that time."""
    soon = make_published(party, "Sắp đăng", published_at=timezone.now() + timedelta(seconds=20))
    response = client.get(soon.get_absolute_url())
    assert response.status_code == 404
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    [s_maxage] = [d for d in directives if d.startswith("s-maxage=")]
    assert int(s_maxage.removeprefix("s-maxage=")) <= 20
    assert not any(d.startswith("stale-while-revalidate") for d in directives)


def test_stale_while_revalidate_never_reaches_past_a_scheduled_time(client, party):
    """With an article due in 75 s, s-maxage 60 may stand, but not 30 s more of staleness."""
    make_published(party, "Tin")
    make_published(party, "Sắp đăng", published_at=timezone.now() + timedelta(seconds=75))
    directives = {
        part.strip() for part in client.get(reverse("portal:home"))["Cache-Control"].split(",")
    }
    assert f"s-maxage={settings.PAGE_CACHE_SECONDS}" in directives
    assert not any(d.startswith("stale-while-revalidate") for d in directives)


def test_http_and_https_are_stored_apart(client, party):
    """A page first rendered over HTTP does not hand its http:// canonical URL to HTTPS readers."""
    article = make_published(party, "Tin")
    client.get(article.get_absolute_url())
    html = client.get(article.get_absolute_url(), secure=True).content.decode()
    assert f'href="https://testserver{article.get_absolute_url()}"' in html


def test_a_cache_outage_is_logged_once_not_per_request(client, party, caplog):
    """Redis down: the first failure is logged with its traceback, the next requests add
    nothing, and the first success afterwards says the cache is back."""
    article = make_published(party, "Tin khi Redis hỏng")
    outage.answered()  # an outage left over by an earlier test is over
    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with caplog.at_level(logging.WARNING, logger="pagecache"), override_settings(CACHES=broken):
        for _ in range(3):
            for url in [reverse("portal:home"), article.get_absolute_url()]:
                assert client.get(url).status_code == 200
    down = [r for r in caplog.records if r.name.startswith("pagecache")]
    assert len(down) == 1
    assert "cache unavailable" in down[0].getMessage()
    assert down[0].exc_info
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        client.get(reverse("portal:home"))
        client.get(reverse("portal:home"))
    assert [r.getMessage() for r in caplog.records] == ["cache available again"]
