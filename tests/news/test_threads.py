"""Dòng sự kiện: the thread page, the article's "Theo dòng sự kiện", the home page, feeds."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Article, Thread
from tests.news.factories import bulk_published, make_category, make_published

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# fingerprint for the page cache, thread, count, page, menu (2), footer
THREAD_PAGE_QUERIES = 7


@pytest.fixture
def party():
    return make_category("Xây dựng Đảng", show_on_home=True)


@pytest.fixture
def congress():
    return Thread.objects.create(
        name="Đại hội Đảng bộ Khối lần thứ VII",
        description="Các tin bài về Đại hội.",
        starts_on=date(2020, 1, 1),
    )


def titles_in(html):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_thread_page_lists_its_published_articles_newest_first(client, party, congress):
    """Only the thread's published articles, newest first; drafts and others stay out."""
    old = make_published(party, "Trù bị Đại hội", ago=timedelta(days=3))
    new = make_published(party, "Khai mạc Đại hội", ago=timedelta(days=1))
    draft = make_published(party, "Bản nháp", status=Article.Status.DRAFT)
    scheduled = make_published(party, "Hẹn giờ", ago=-timedelta(hours=2))
    make_published(party, "Tin khác")
    for article in (old, new, draft, scheduled):
        article.threads.add(congress)

    response = client.get(congress.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert titles_in(html) == ["Khai mạc Đại hội", "Trù bị Đại hội"]
    assert "Đại hội Đảng bộ Khối lần thứ VII" in html
    assert "Các tin bài về Đại hội." in html
    assert reverse("news:thread_feed", kwargs={"slug": congress.slug}) in html


def test_thread_page_is_paginated_and_unknown_thread_is_404(client, party, congress):
    """Eighteen a page; page 2 holds the rest; a thread that does not exist is 404."""
    for article in bulk_published(party, 20):
        article.threads.add(congress)
    assert len(titles_in(client.get(congress.get_absolute_url()).content.decode())) == 18
    second = client.get(congress.get_absolute_url(), {"page": 2})
    assert len(titles_in(second.content.decode())) == 2
    missing = reverse("news:thread_detail", kwargs={"slug": "khong-co"})
    assert client.get(missing).status_code == 404


@pytest.mark.parametrize("count", [3, 120])
def test_thread_page_query_count_does_not_grow(
    client, party, congress, django_assert_num_queries, count
):
    """The same few queries for 3 or 120 articles."""
    congress.articles.add(*bulk_published(party, count))
    with django_assert_num_queries(THREAD_PAGE_QUERIES):
        assert client.get(congress.get_absolute_url()).status_code == 200


def test_thread_list_shows_running_then_ended_threads(client, congress):
    """/dong-su-kien/: running threads under "Đang diễn ra", the ended ones apart."""
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=VIETNAM), tick=False):
        Thread.objects.create(
            name="Học tập và làm theo Bác năm 2025",
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 12, 31),
        )
        html = client.get(reverse("news:thread_list")).content.decode()
    running = html[html.index("Đang diễn ra") : html.index("Các dòng sự kiện khác")]
    assert "Đại hội Đảng bộ Khối lần thứ VII" in running
    assert "Học tập và làm theo Bác năm 2025" in html[html.index("Các dòng sự kiện khác") :]


def test_article_page_shows_theo_dong_su_kien_with_the_threads_other_articles(client, party):
    """Each of the article's threads, with its five newest other published articles."""
    article = make_published(party, "Bài đang xem")
    for number in range(2):
        thread = Thread.objects.create(name=f"Dòng sự kiện {number}", starts_on=date(2020, 1, 1))
        article.threads.add(thread)
        thread.articles.add(*bulk_published(party, 7))
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("Theo dòng sự kiện</span>") == 2
    box = html[html.index("Theo dòng sự kiện</span>") :]
    box = box[: box.index("</section>")]
    assert box.count('class="news-list__item"') == 5
    assert "Bài đang xem" not in box


def article_page_queries(client, article) -> int:
    cache.clear()  # the page cache: render it again
    with CaptureQueriesContext(connection) as captured:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(captured)


def test_article_page_query_count_is_the_same_for_one_or_six_threads(client, party):
    """Pinned: more threads, more articles in them, and not one more query."""
    article = make_published(party, "Bài đang xem")
    queries = []
    for number in range(6):
        thread = Thread.objects.create(name=f"Dòng {number}", starts_on=date(2020, 1, 1))
        article.threads.add(thread)
        thread.articles.add(*bulk_published(party, 3 + 10 * number))
        if number in (0, 5):
            queries.append(article_page_queries(client, article))
    assert queries[0] == queries[1]


def test_featured_running_thread_is_on_the_home_page_until_it_ends(client, party):
    """An active featured thread shows on the home page; the day after its end it does not."""
    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=VIETNAM), tick=False):
        make_published(party, "Tin trang chủ")
    Thread.objects.create(
        name="Tháng hành động phòng chống ma túy",
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 6, 30),
        is_featured=True,
    )
    Thread.objects.create(name="Không nổi bật", starts_on=date(2026, 6, 1))
    with time_machine.travel(datetime(2026, 6, 30, 23, 59, tzinfo=VIETNAM), tick=False):
        html = client.get(reverse("portal:home")).content.decode()
        assert "Tháng hành động phòng chống ma túy" in html
        assert "Không nổi bật" not in html
    with time_machine.travel(datetime(2026, 7, 1, 0, 1, tzinfo=VIETNAM), tick=False):
        # Served from the page cache if it outlived the thread's last day: it must not.
        assert "Tháng hành động" not in client.get(reverse("portal:home")).content.decode()


def test_a_thread_cannot_end_before_it_starts():
    """The dates' order is a database constraint, reported in Vietnamese."""
    thread = Thread(name="Sai ngày", starts_on=date(2026, 5, 2), ends_on=date(2026, 5, 1))
    with pytest.raises(ValidationError) as error:
        thread.full_clean()
    assert "Ngày kết thúc phải sau" in str(error.value)


def test_thread_feed_and_sitemap(client, party, congress):
    """The thread has an RSS feed of its articles and is listed in the sitemap."""
    article = make_published(party, "Bế mạc Đại hội")
    article.threads.add(congress)
    make_published(party, "Tin không thuộc dòng")
    feed = client.get(reverse("news:thread_feed", kwargs={"slug": congress.slug}))
    assert feed.status_code == 200
    body = feed.content.decode()
    assert "Bế mạc Đại hội" in body
    assert "Tin không thuộc dòng" not in body
    sitemap = client.get(reverse("portal:sitemap_section", kwargs={"section": "dong-su-kien"}))
    assert congress.get_absolute_url() in sitemap.content.decode()


def test_thread_page_metadata(client, party, congress):
    """Canonical link, CollectionPage JSON-LD, breadcrumbs and the thread as a keyword."""
    make_published(party, "Khai mạc").threads.add(congress)
    html = client.get(congress.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{congress.get_absolute_url()}">' in html
    assert '"@type": "CollectionPage"' in html
    assert '<meta name="keywords" content="Đại hội Đảng bộ Khối lần thứ VII">' in html
    assert "Dòng sự kiện" in html[html.index('class="breadcrumb"') :]


def test_saving_a_thread_in_the_admin_refreshes_cached_pages(
    client, party, congress, editor, django_capture_on_commit_callbacks
):
    """A cached thread page shows the new name as soon as an editor saves it."""
    make_published(party, "Khai mạc").threads.add(congress)
    url = congress.get_absolute_url()
    assert "lần thứ VII" in client.get(url).content.decode()
    admin = client.__class__()
    admin.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("admin:news_thread_change", args=[congress.pk]),
            {
                "name": "Đại hội đại biểu Đảng bộ Khối lần thứ VIII",
                "slug": congress.slug,
                "description": "",
                "starts_on": "01/01/2020",
                "ends_on": "",
                "banner_alt": "",
            },
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    html = client.get(url).content.decode()
    assert "lần thứ VIII" in html
    assert "lần thứ VII<" not in html
