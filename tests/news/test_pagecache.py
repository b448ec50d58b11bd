from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.news.content import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def party():
    return make_category("Xây dựng Đảng", show_on_home=True)


def test_a_repeated_anonymous_visit_is_served_with_one_query(
    client, party, django_assert_num_queries
):
    """The second visit to the home page costs only the "has anything changed?" query."""
    make_article(party, "Hội nghị Ban Chấp hành", with_cover=True)
    first = client.get(reverse("portal:home"))
    with django_assert_num_queries(1):
        second = client.get(reverse("portal:home"))
    assert second.status_code == 200
    assert second.content == first.content


def test_tracking_parameters_share_the_cached_page(client, party, django_assert_num_queries):
    """?fbclid=… or ?utm_source=… from shared links hit the same stored page; ?page= does not."""
    article = make_article(party, "Tin được chia sẻ")
    client.get(article.get_absolute_url())
    with django_assert_num_queries(1):
        client.get(article.get_absolute_url(), {"fbclid": "IwAR0abc"})
    with django_assert_num_queries(1):
        client.get(article.get_absolute_url(), {"utm_source": "zalo"})
    client.get(party.get_absolute_url())
    response = client.get(party.get_absolute_url(), {"page": 2})
    assert response.status_code == 404  # rendered for page 2, not page 1 replayed


def test_saving_an_article_shows_at_once(client, party):
    """An edited title appears on the next visit, although the page was cached."""
    article = make_article(party, "Tiêu đề cũ")
    assert "Tiêu đề cũ" in client.get(reverse("portal:home")).content.decode()
    article.title = "Tiêu đề mới"
    article.save()
    html = client.get(reverse("portal:home")).content.decode()
    assert "Tiêu đề mới" in html
    assert "Tiêu đề cũ" not in html


def test_unpublishing_removes_the_article_from_cached_pages_at_once(client, party):
    """An unpublished article disappears from the home page and its page 404s at once."""
    article = make_article(party, "Sẽ bị gỡ")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Sẽ bị gỡ" in client.get(reverse("portal:home")).content.decode()
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(url).status_code == 404
    assert "Sẽ bị gỡ" not in client.get(reverse("portal:home")).content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, party):
    """A cached page is never served past the next scheduled publication."""
    make_article(party, "Tin đã đăng")
    make_article(party, "Tin hẹn giờ", published_at=timezone.now() + timedelta(minutes=30))
    assert "Tin hẹn giờ" not in client.get(reverse("portal:home")).content.decode()
    later = timezone.now() + timedelta(minutes=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        html = client.get(reverse("portal:home")).content.decode()
    assert "Tin hẹn giờ" in html


def test_cache_control_lets_a_cdn_keep_pages_briefly(client, party):
    """Anonymous pages are public for shared caches, with stale-while-revalidate."""
    make_article(party, "Tin")
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
    make_article(party, "Tin")
    make_article(party, "Sắp đăng", published_at=timezone.now() + timedelta(seconds=10))
    response = client.get(reverse("portal:home"))
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    [s_maxage] = [d for d in directives if d.startswith("s-maxage=")]
    assert 1 <= int(s_maxage.removeprefix("s-maxage=")) <= 10
    assert not any(d.startswith("stale-while-revalidate") for d in directives)


def test_logged_in_editors_always_get_fresh_private_pages(
    admin_client, party, django_assert_max_num_queries
):
    """With a session the cache is bypassed: every visit renders, marked private."""
    make_article(party, "Tin")
    admin_client.get(reverse("portal:home"))
    with django_assert_max_num_queries(20) as captured:
        response = admin_client.get(reverse("portal:home"))
    assert len(captured) > 1
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_search_is_never_served_from_the_page_cache(client, party, django_assert_num_queries):
    """Search pages are rendered every time (robots.txt keeps crawlers away from them)."""
    make_article(party, "Hội nghị")
    client.get(reverse("news:search"), {"q": "hoi nghi"})
    response = client.get(reverse("news:search"), {"q": "hoi nghi"})
    assert "public" not in response.get("Cache-Control", "")
    assert response.context is not None  # rendered by the view, not replayed


def test_error_pages_and_redirects_are_not_stored(client, party, django_assert_max_num_queries):
    """Only 200 pages are stored: a repeated 404 or 301 is worked out by the view again."""
    article = make_article(party, "Tin")
    missing = reverse("news:category_detail", kwargs={"slug": "khong-co"})
    old_slug = reverse("news:article_detail", kwargs={"slug": "ten-cu", "pk": article.pk})
    for url, status in [(missing, 404), (old_slug, 301)]:
        assert client.get(url).status_code == status
        with django_assert_max_num_queries(10) as captured:
            assert client.get(url).status_code == status
        # the state query, then the view's own lookups (a stored page needs only the first)
        assert len(captured) >= 2


@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_page_cache_can_be_turned_off(client, party, django_assert_num_queries):
    """PAGE_CACHE_SECONDS=0 renders every page, with no state query and no public header."""
    make_article(party, "Tin")
    client.get(reverse("portal:home"))
    response = client.get(reverse("portal:home"))
    assert response.context is not None
    assert "public" not in response.get("Cache-Control", "")
