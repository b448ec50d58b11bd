"""The article page queries only the lists it shows, and reads "Các tin khác" from its
category's newest articles kept per content state (news/article_page.py)."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from documents.models import Document
from gallery.models import Album
from news import article_page, workflow
from news.models import Article, ArticleAttachment, Tag, Thread
from tests.documents.factories import document, pdf_upload
from tests.gallery.factories import make_album
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db

# The article's own query (with which of its lists have rows) on a rendering where the
# chrome, the next scheduled time and the category's newest articles are kept.
ARTICLE_ONLY = 1


@pytest.fixture
def party():
    return make_category("Xây dựng Đảng")


@pytest.fixture(autouse=True)
def rendered(settings):
    """Every request rendered, as `make bench`'s rendered server: no page kept, but what
    is kept per content state still is (the chrome, a category's newest articles)."""
    settings.PAGE_CACHE_SECONDS = 0


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def other_news(client, article) -> list[str]:
    html = page(client, article)
    aside = html[html.index('class="layout__aside other-news"') : html.index("</aside>")]
    return re.findall(r'<a href="/bai-viet/[^"]+">([^<]+)</a>', aside)


def add_tag(article):
    article.tags.add(Tag.objects.create(name="Chuyển đổi số"))
    return "Chuyển đổi số"


def add_thread(article):
    thread = Thread.objects.create(name="Đại hội Đảng bộ Khối", starts_on=timezone.localdate())
    article.threads.add(thread)
    return "Đại hội Đảng bộ Khối"


def add_attachment(article):
    attachment = ArticleAttachment(
        article=article, file=pdf_upload("thong-cao.pdf"), label="Thông cáo báo chí"
    )
    attachment.full_clean()
    attachment.save()
    return "Thông cáo báo chí"


def add_related(article):
    related = make_published(article.category, "Tin liên quan đã đăng", ago=timedelta(days=400))
    article.related_articles.add(related)
    return "Tin liên quan đã đăng"


def add_document(article):
    article.documents.add(document(title="Nghị quyết về chuyển đổi số"))
    return "Nghị quyết về chuyển đổi số"


def add_album(article):
    article.albums.add(make_album(title="Ảnh Đại hội", published=True))
    return "Ảnh Đại hội"


@pytest.mark.parametrize(
    "add",
    [add_tag, add_thread, add_attachment, add_related, add_document, add_album],
    ids=["tag", "thread", "attachment", "related", "document", "album"],
)
def test_a_list_added_to_an_article_shows_on_its_next_rendering(client, party, add):
    """Which lists have rows is read with the article on every rendering, never kept."""
    article = make_published(party, "Bài đang đọc")
    page(client, article)
    shown = add(article)
    assert shown in page(client, article)


def test_an_article_with_every_list_runs_one_query_per_list(
    client, party, django_assert_num_queries
):
    """Threads (+ their articles), attachments, related, documents, albums (+ their
    covers): the lists that have rows are queried, and only those; the tags come with
    the article."""
    article = make_published(party, "Bài đang đọc")
    page(client, article)
    with django_assert_num_queries(ARTICLE_ONLY):
        page(client, article)
    for add in (add_tag, add_thread, add_attachment, add_related, add_document, add_album):
        add(article)
    with django_assert_num_queries(ARTICLE_ONLY + 7):
        html = page(client, article)
    for shown in ("Chuyển đổi số", "Đại hội Đảng bộ Khối", "Thông cáo báo chí", "Ảnh Đại hội"):
        assert shown in html


def test_tags_come_with_the_article_in_their_order(client, party):
    """By slug, as `Tag`'s ordering, whatever order the database aggregates them in."""
    article = make_published(party, "Bài đang đọc")
    article.tags.add(*(Tag.objects.create(name=name) for name in ("Đảng ủy", "An ninh", "Kết nạp")))
    html = page(client, article)
    tags = html[html.index('class="article-tags__list"') :]
    assert re.findall(r'class="tag-link" href="[^"]+">([^<]+)</a>', tags) == [
        "An ninh",
        "Đảng ủy",
        "Kết nạp",
    ]


def test_a_list_with_rows_the_public_may_not_see_shows_nothing(client, party):
    """A draft related article, an internal document, an unpublished album: queried, not
    shown, as before."""
    article = make_published(party, "Bài đang đọc")
    article.related_articles.add(make_published(party, "Nháp liên quan", status="draft"))
    article.documents.add(document(title="Văn bản nội bộ", visibility=Document.Visibility.INTERNAL))
    article.albums.add(make_album(title="Album chưa đăng"))
    html = page(client, article)
    for hidden in ("Nháp liên quan", "Văn bản nội bộ", "Album chưa đăng"):
        assert hidden not in html
    assert Album.objects.count() == 1


def test_other_news_comes_from_the_kept_lines_on_the_next_rendering(
    client, party, django_assert_num_queries
):
    """The category's newest articles are read once per content state; an article older
    than those kept queries its own, still right."""
    older = [
        make_published(party, f"Tin cũ {day} ngày", ago=timedelta(days=day)) for day in range(1, 8)
    ]
    page(client, older[0])
    with django_assert_num_queries(ARTICLE_ONLY):
        assert other_news(client, older[0]) == [f"Tin cũ {day} ngày" for day in range(2, 8)]
    with mock.patch.object(article_page, "NEWEST_KEPT", 3):
        page(client, older[4])
        with django_assert_num_queries(ARTICLE_ONLY + 1):
            assert other_news(client, older[4]) == ["Tin cũ 6 ngày", "Tin cũ 7 ngày"]


def test_a_listed_article_renamed_shows_at_once(
    client, party, editor, django_capture_on_commit_callbacks
):
    article = make_published(party, "Bài đang đọc", ago=timedelta(days=1))
    listed = make_published(party, "Tiêu đề cũ", ago=timedelta(days=2))
    assert other_news(client, article) == ["Tiêu đề cũ"]
    listed.title = "Tiêu đề mới"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_article(article=listed, actor=editor, changed_fields=["title"])
    assert other_news(client, article) == ["Tiêu đề mới"]


def test_an_unpublished_article_leaves_at_once(
    client, party, editor, django_capture_on_commit_callbacks
):
    article = make_published(party, "Bài đang đọc", ago=timedelta(days=1))
    listed = make_published(party, "Sẽ bị gỡ", ago=timedelta(days=2))
    assert other_news(client, article) == ["Sẽ bị gỡ"]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish_article(article=listed, actor=editor)
    assert other_news(client, article) == []


def test_a_new_article_in_the_category_shows_at_once(
    client, party, editor, django_capture_on_commit_callbacks
):
    """Published now with an earlier time (a late report of a past event)."""
    article = make_published(party, "Bài đang đọc", ago=timedelta(days=1))
    make_published(party, "Tin cũ", ago=timedelta(days=3))
    assert other_news(client, article) == ["Tin cũ"]
    late = make_published(party, "Tin gửi muộn", status=Article.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_article(
            article=late, actor=editor, publish_at=timezone.now() - timedelta(days=2)
        )
    assert other_news(client, article) == ["Tin gửi muộn", "Tin cũ"]


def test_a_scheduled_article_shows_at_its_time(client, party, django_assert_num_queries):
    """Two scheduled articles: at the later one's time it lists the earlier one, from the
    kept lines read again after the scheduled times, not from the ones kept before."""
    make_published(party, "Tin đã đăng", ago=timedelta(days=1))
    reading = make_published(party, "Bài đang đọc", ago=timedelta(hours=2))
    now = timezone.now()
    make_published(party, "Hẹn giờ sớm", published_at=now + timedelta(minutes=30))
    later = make_published(party, "Hẹn giờ muộn", published_at=now + timedelta(minutes=40))
    assert other_news(client, reading) == ["Tin đã đăng"]
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=41)):
        assert other_news(client, later) == ["Hẹn giờ sớm", "Bài đang đọc", "Tin đã đăng"]
        with django_assert_num_queries(ARTICLE_ONLY):
            assert other_news(client, later)[0] == "Hẹn giờ sớm"
