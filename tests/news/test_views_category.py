import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article
from tests.news.factories import bulk_published, make_category, make_draft, make_published

pytestmark = pytest.mark.django_db

# fingerprint for the page cache, category, count, page, menu (2), footer: the count and the
# page read the membership table (news/membership.py), sub-categories included, so no
# query for the sub-category ids (8 before it); the next renderings under the same content
# state read the count (and the chrome) from the cache
CATEGORY_PAGE_QUERIES = 7


@pytest.fixture
def tree():
    parent = make_category("Xây dựng Đảng", order=1)
    child = make_category("Kiểm tra, giám sát", parent=parent)
    other = make_category("Văn bản", order=2)
    return parent, child, other


def titles_in(html):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_category_lists_its_own_sub_category_and_tagged_articles_newest_first(client, tree):
    """Own, sub-category and extra-category articles appear, newest first; others do not."""
    parent, child, other = tree
    make_published(parent, "Tin cũ của chuyên mục", ago=timedelta(days=3))
    make_published(child, "Tin của chuyên mục con", ago=timedelta(days=2))
    tagged = make_published(other, "Tin gắn thêm chuyên mục", ago=timedelta(days=1))
    tagged.extra_categories.add(parent)
    make_published(other, "Tin chuyên mục khác")
    make_published(parent, "Bản nháp", status=Article.Status.DRAFT)
    make_published(parent, "Tin hẹn giờ", published_at=timezone.now() + timedelta(hours=2))
    make_published(parent, "Chờ duyệt", status=Article.Status.PENDING)

    response = client.get(parent.get_absolute_url())

    assert response.status_code == 200
    assert titles_in(response.content.decode()) == [
        "Tin gắn thêm chuyên mục",
        "Tin của chuyên mục con",
        "Tin cũ của chuyên mục",
    ]


def test_sub_category_page_shows_only_its_articles_with_a_breadcrumb_to_its_parent(client, tree):
    """A sub-category lists its own articles; the breadcrumb reads Trang chủ › parent › it."""
    parent, child, _ = tree
    make_published(parent, "Tin chuyên mục cha")
    make_published(child, "Tin kiểm tra")
    html = client.get(child.get_absolute_url()).content.decode()
    assert titles_in(html) == ["Tin kiểm tra"]
    breadcrumb = html[html.index('class="breadcrumb"') :]
    breadcrumb = breadcrumb[: breadcrumb.index("</ol>")]
    assert "Trang chủ" in breadcrumb
    assert f'href="{parent.get_absolute_url()}">Xây dựng Đảng</a>' in breadcrumb
    assert 'aria-current="page">Kiểm tra, giám sát</li>' in breadcrumb
    assert html.count("<h1") == 1


def test_cards_show_image_title_date_and_sapo(client, tree):
    """A card carries the cover image, the title link, the seed-style date and the sapo."""
    parent, _, _ = tree
    article = make_published(
        parent,
        "Hội nghị Ban Chấp hành lần thứ 5",
        sapo="Chiều 15/10/2021, Ban Chấp hành đã tổ chức Hội nghị.",
        published_at=timezone.now().replace(year=2021, month=10, day=18, hour=1, minute=43),
        with_cover=True,
    )
    html = client.get(parent.get_absolute_url()).content.decode()
    assert f'href="{article.get_absolute_url()}">Hội nghị Ban Chấp hành lần thứ 5</a>' in html
    assert article.cover_image.url in html
    assert "8:43, Thứ Hai, 18-10-2021" in html
    assert "Chiều 15/10/2021, Ban Chấp hành đã tổ chức Hội nghị." in html


def test_pages_hold_eighteen_cards_and_link_with_an_ellipsis(client, tree):
    """200 articles make 12 pages of 18; page links elide the middle; page 2 continues."""
    parent, _, _ = tree
    bulk_published(parent, 200)
    first = client.get(parent.get_absolute_url())
    html = first.content.decode()
    assert len(titles_in(html)) == 18
    assert first.context["paginator"].num_pages == 12
    assert 'class="pagination__gap">…</span>' in html
    assert 'href="?page=12">12</a>' in html
    assert 'rel="next" href="?page=2"' in html

    second = client.get(parent.get_absolute_url(), {"page": 2})
    assert second.status_code == 200
    assert titles_in(second.content.decode())[0] == "Tin hoạt động số 18"
    assert "<title>Xây dựng Đảng – Trang 2" in second.content.decode()


@pytest.mark.parametrize("page", ["13", "999999999999999999999", "0", "-1", "abc", "1.5", "\x00"])
def test_a_page_past_the_end_or_not_a_number_is_404(client, tree, page):
    """Page numbers that do not exist answer 404 with the portal's page, never 500."""
    parent, _, _ = tree
    bulk_published(parent, 200)
    response = client.get(parent.get_absolute_url(), {"page": page})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_empty_category_says_so_and_unknown_category_is_404(client, tree):
    """An empty category shows a friendly line; an unknown slug is a 404."""
    parent, _, _ = tree
    assert (
        "Chuyên mục này chưa có bài viết." in client.get(parent.get_absolute_url()).content.decode()
    )
    missing = reverse("news:category_detail", kwargs={"slug": "khong-co"})
    assert client.get(missing).status_code == 404


def test_sub_categories_are_offered_as_links(client, tree):
    """The parent's page links to its sub-categories (from the two-level menu)."""
    parent, child, _ = tree
    html = client.get(parent.get_absolute_url()).content.decode()
    assert 'class="subnav"' in html
    assert f'href="{child.get_absolute_url()}">Kiểm tra, giám sát</a>' in html


def test_the_menu_lists_mark_the_category_shown_and_escape_the_names(client, tree):
    """On a sub-category's page its link is the current one among the sub-categories and
    "Tất cả" leads to the parent; the side list names every top category, escaped; on the
    parent's page "Tất cả" and the parent's entry are the current ones."""
    parent, child, other = tree
    other.name = "Văn bản & <i>tài liệu</i>"
    other.save()
    html = client.get(child.get_absolute_url()).content.decode()
    subnav = html[html.index('<nav class="subnav"') :]
    subnav = subnav[: subnav.index("</nav>")]
    assert f'<a class="subnav__link" href="{parent.get_absolute_url()}">Tất cả</a>' in subnav
    assert (
        f'<a class="subnav__link is-active" href="{child.get_absolute_url()}"'
        ' aria-current="page">Kiểm tra, giám sát</a>'
    ) in subnav
    side = html[html.index('id="cac-chuyen-muc"') :]
    side = side[: side.index("</ul>")]
    assert f'<li><a href="{parent.get_absolute_url()}">Xây dựng Đảng</a></li>' in side
    assert (
        f'<li><a href="{other.get_absolute_url()}">Văn bản &amp; &lt;i&gt;tài liệu&lt;/i&gt;</a></li>'
    ) in side
    parent_page = client.get(parent.get_absolute_url()).content.decode()
    assert (
        f'<li><a href="{parent.get_absolute_url()}" aria-current="page">Xây dựng Đảng</a></li>'
    ) in parent_page
    assert "is-active" in parent_page.split(">Tất cả</a>")[0].rsplit("<a ", 1)[1]


def test_category_page_has_canonical_and_rss_links(client, tree):
    """The page names its canonical address and its RSS feed."""
    parent, _, _ = tree
    html = client.get(parent.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{parent.get_absolute_url()}">' in html
    assert reverse("news:category_feed", kwargs={"slug": parent.slug}) in html


def test_category_list_shows_top_levels_with_their_children(client, tree):
    """/chuyen-muc/ lists every top-level category with its sub-categories."""
    parent, child, other = tree
    html = client.get(reverse("news:category_list")).content.decode()
    for category in (parent, child, other):
        assert f'href="{category.get_absolute_url()}">{category.name}</a>' in html


@pytest.mark.parametrize("count", [5, 200])
def test_category_page_runs_the_same_few_queries_for_5_or_200_articles(
    client, tree, django_assert_num_queries, count
):
    """The query count does not grow with the content (pinned for 5 and 200 articles)."""
    parent, child, _ = tree
    bulk_published(parent, count)
    bulk_published(child, count)
    with django_assert_num_queries(CATEGORY_PAGE_QUERIES):
        response = client.get(parent.get_absolute_url())
    assert response.status_code == 200


def test_category_list_page_query_count_is_fixed(client, tree, django_assert_num_queries):
    """The category directory runs a fixed number of queries."""
    # fingerprint, categories, their children, menu (2), footer
    with django_assert_num_queries(6):
        assert client.get(reverse("news:category_list")).status_code == 200


def test_category_count_is_kept_until_an_article_is_published_into_it(
    client, tree, editor, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The count is read once per content state (page 2 runs no count), and an article
    published into a sub-category changes the count and the first page at once."""
    parent, child, _ = tree
    bulk_published(parent, 20)
    assert client.get(parent.get_absolute_url()).context["paginator"].count == 20
    with django_assert_num_queries(2):  # category, page: the count and the chrome are kept
        second = client.get(parent.get_absolute_url(), {"page": 2})
    assert second.context["paginator"].count == 20
    article = make_draft(category=child, title="Tin vừa duyệt", status=Article.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_article(article=article, actor=editor)
    response = client.get(parent.get_absolute_url())
    assert response.context["paginator"].count == 21
    assert titles_in(response.content.decode())[0] == "Tin vừa duyệt"


def test_category_count_changes_when_a_scheduled_article_comes_out(client, tree):
    """A count kept for the content state is not read past a scheduled publication."""
    parent, _, _ = tree
    bulk_published(parent, 20)
    # Due within the minute a kept value may live at most, so that only the content state
    # can make the count move (docs/performance.md, "Why never stale").
    due = timezone.now() + timedelta(seconds=20)
    make_published(parent, "Tin hẹn giờ", published_at=due)
    assert client.get(parent.get_absolute_url()).context["paginator"].count == 20
    with time_machine.travel(due + timedelta(seconds=1), tick=False):
        response = client.get(parent.get_absolute_url(), {"page": 2})
    assert response.context["paginator"].count == 21
