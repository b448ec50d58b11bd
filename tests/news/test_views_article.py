import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from news import article_page, counters
from news.models import Article
from news.views import ArticleDetailView
from tests.news.factories import bulk_published, make_category, make_published, stored_picture

pytestmark = pytest.mark.django_db

# page-cache fingerprint, the article (with its tags and which of its lists have rows), "Các tin khác"
# (its category's newest articles, once per content state: news/article_page.py), menu (2),
# footer, and the first view of the minute moving its count to the database (the
# article's count, and its row of the day: an INSERT … ON CONFLICT DO NOTHING and an
# update). Each list that has rows adds its queries: threads (+ their articles),
# attachments, related, related documents, albums (+ their covers):
# tests/news/test_article_page.py.
ARTICLE_PAGE_QUERIES = 9

SEED_TITLE = (
    "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh: Hội nghị Ban Chấp hành lần thứ 5, "
    "nhiệm kỳ 2020-2025"
)
SEED_SAPO = (
    "Chiều 15/10/2021, Ban Chấp hành Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh đã tổ chức "
    "Hội nghị Ban Chấp hành lần thứ 5."
)


@pytest.fixture
def category():
    parent = make_category("Tin tức – Sự kiện")
    return make_category("Hoạt động Đảng ủy Khối", parent=parent)


@pytest.fixture
def seed(category):
    return make_published(
        category,
        SEED_TITLE,
        sapo=SEED_SAPO,
        body="<p>Hội nghị Ban Chấp hành Đảng bộ Khối lần này bàn, thảo luận.</p>"
        "<script>alert('x')</script><p>Kết luận Hội nghị.</p>",
        author_name="Xuân Hiền",
        source_name="Web Quảng Trị",
        cover_caption="Quang cảnh Hội nghị",
        cover_alt="Hội nghị Ban Chấp hành",
        published_at=datetime(2021, 10, 18, 1, 43, tzinfo=UTC),
        with_cover=True,
    )


def section(html, marker, end="</section>"):
    start = html.index(marker)
    return html[start : html.index(end, start)]


def test_article_page_reads_like_the_source_site(client, seed):
    """Breadcrumb, one h1, "8:43, Thứ Hai, 18-10-2021", "(Web Quảng Trị)" sapo, cover, body, byline."""
    response = client.get(seed.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()

    breadcrumb = section(html, 'class="breadcrumb"', "</ol>")
    assert re.findall(r">([^<>]+)</a>", breadcrumb) == [
        "Trang chủ",
        "Tin tức – Sự kiện",
        "Hoạt động Đảng ủy Khối",
    ]
    assert html.count("<h1") == 1
    assert f'<h1 class="article__title">{SEED_TITLE}</h1>' in html
    assert ">8:43, Thứ Hai, 18-10-2021</time>" in html
    sapo = section(html, 'class="article__sapo"', "</p>")
    assert '<span class="article__source">(Web Quảng Trị)</span>' in sapo
    assert SEED_SAPO in sapo
    cover = section(html, 'class="article__cover"', "</figure>")
    assert (
        f'<img src="{seed.cover_image.url}" width="48" height="27" alt="Hội nghị Ban Chấp hành"'
        in cover
    )
    assert "<figcaption>Quang cảnh Hội nghị</figcaption>" in html
    assert "<p>Hội nghị Ban Chấp hành Đảng bộ Khối lần này bàn, thảo luận.</p>" in html
    assert "alert(" not in html  # the body was sanitized on save and stays so
    assert '<p class="article__byline">Xuân Hiền</p>' in html
    assert "lượt xem" in html


def test_source_links_to_its_address_when_given(client, category):
    """A source with an address links to it, without passing ranking to it."""
    article = make_published(
        category, sapo="Sapo.", source_name="Báo Quảng Trị", source_url="https://baoquangtri.vn/"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '(<a href="https://baoquangtri.vn/" rel="noopener nofollow">Báo Quảng Trị</a>)' in html


def test_a_source_address_that_is_not_a_web_link_is_not_linked(client, category):
    """A javascript: address stored without validation shows the source as plain text."""
    article = make_published(category, sapo="Sapo.", source_name="Nguồn lạ")
    Article.objects.filter(pk=article.pk).update(source_url="javascript:alert(1)")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "javascript:" not in html
    assert '<span class="article__source">(Nguồn lạ)</span>' in html


def test_other_slug_redirects_permanently_to_the_canonical_address(client, seed):
    """An old or wrong slug answers 301 to the article's current URL."""
    url = reverse("news:article_detail", kwargs={"slug": "ten-cu", "pk": seed.pk})
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == seed.get_absolute_url()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PENDING},
        {"status": Article.Status.REJECTED},
        {"published_at": timezone.now() + timedelta(hours=3)},
    ],
    ids=["draft", "pending", "rejected", "scheduled"],
)
def test_unpublished_and_scheduled_articles_are_404(client, category, fields):
    """Drafts, pending, rejected and scheduled articles do not exist for the public."""
    article = make_published(category, "Chưa công bố", **fields)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Chưa công bố" not in response.content.decode()


def test_unknown_article_is_404(client):
    """An id that does not exist is a 404, whatever the slug."""
    url = reverse("news:article_detail", kwargs={"slug": "bat-ky", "pk": 987654})
    assert client.get(url).status_code == 404


@pytest.fixture(params=["kept", "queried"])
def other_news_from(request, monkeypatch):
    """ "Các tin khác" from the category's kept newest articles, or queried for an article
    older than those (one kept here: the newest)."""
    if request.param == "queried":
        monkeypatch.setattr(article_page, "NEWEST_KEPT", 1)
    return request.param


def test_other_news_lists_older_articles_of_the_category_newest_first(
    client, category, other_news_from
):
    """ "Các tin khác": same category, published before, newest first, at most 10."""
    sibling = make_category("Hoạt động cơ sở", parent=category.parent)
    article = make_published(category, "Bài đang đọc", ago=timedelta(days=5))
    for day in range(6, 18):  # twelve older ones; ten are shown
        make_published(category, f"Tin cũ {day} ngày", ago=timedelta(days=day))
    make_published(category, "Tin mới hơn", ago=timedelta(days=1))
    make_published(category, "Bản nháp cũ", status=Article.Status.DRAFT)
    make_published(category, "Chờ duyệt", status=Article.Status.PENDING)
    make_published(category, "Hẹn giờ", published_at=timezone.now() + timedelta(days=1))
    make_published(sibling, "Tin chuyên mục khác", ago=timedelta(days=6, hours=1))

    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    others = section(html, 'class="layout__aside other-news"', "</aside>")
    titles = re.findall(r'<a href="/bai-viet/[^"]+">([^<]+)</a>', others)
    assert titles == [f"Tin cũ {day} ngày" for day in range(6, 16)]
    assert (
        "(" + (timezone.localtime(timezone.now() - timedelta(days=6))).strftime("%d/%m/%Y") + ")"
        in others
    )


def test_other_news_breaks_ties_on_the_same_minute_by_id(client, category, other_news_from):
    """Two articles published at the same instant: the older id counts as "before"."""
    moment = timezone.now() - timedelta(hours=2)
    make_published(category, "Cùng giờ, đăng trước", published_at=moment)
    article = make_published(category, "Bài đang đọc", published_at=moment)
    make_published(category, "Cùng giờ, đăng sau", published_at=moment)
    html = client.get(article.get_absolute_url()).content.decode()
    others = section(html, 'class="layout__aside other-news"', "</aside>")
    titles = re.findall(r'<a href="/bai-viet/[^"]+">([^<]+)</a>', others)
    assert titles == ["Cùng giờ, đăng trước"]


def test_other_news_leaves_out_the_related_articles(client, category, other_news_from):
    """An article listed under "Tin liên quan" is not listed again beside it."""
    article = make_published(category, "Bài đang đọc", ago=timedelta(days=1))
    related = make_published(category, "Tin liên quan", ago=timedelta(days=2))
    make_published(category, "Tin cũ", ago=timedelta(days=3))
    article.related_articles.add(related)
    html = client.get(article.get_absolute_url()).content.decode()
    others = section(html, 'class="layout__aside other-news"', "</aside>")
    assert re.findall(r'<a href="/bai-viet/[^"]+">([^<]+)</a>', others) == ["Tin cũ"]


def test_related_articles_show_only_published_ones(client, seed, category):
    """ "Tin liên quan" lists the editor's picks that the public may see."""
    picked = make_published(category, "Tin liên quan đã đăng", ago=timedelta(days=2000))
    hidden = make_published(category, "Tin liên quan còn nháp", status=Article.Status.DRAFT)
    seed.related_articles.add(picked, hidden)
    html = client.get(seed.get_absolute_url()).content.decode()
    related = section(html, 'class="related"')
    assert "Tin liên quan đã đăng" in related
    assert "Tin liên quan còn nháp" not in html


def test_meta_tags_canonical_open_graph_and_twitter(client, seed):
    """Canonical URL and Open Graph / Twitter tags carry title, sapo and the cover image."""
    html = client.get(seed.get_absolute_url()).content.decode()
    canonical = f"http://testserver{seed.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{SEED_TITLE}">' in html
    assert f'<meta property="og:description" content="{SEED_SAPO}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert f'<meta property="og:image" content="http://testserver{seed.cover_image.url}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:title" content="{SEED_TITLE}">' in html


def test_json_ld_describes_a_news_article(client, seed):
    """The page carries schema.org NewsArticle JSON-LD with headline, dates, author, image."""
    html = client.get(seed.get_absolute_url()).content.decode()
    [payload] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [data] = [node for node in json.loads(payload)["@graph"] if node["@type"] == "NewsArticle"]
    assert data["headline"] == SEED_TITLE[:110]
    assert data["datePublished"] == "2021-10-18T08:43:00+07:00"
    assert data["author"] == [{"@type": "Person", "name": "Xuân Hiền", "url": "http://testserver/"}]
    crops = f"http://testserver/media/renditions/{seed.cover_image.name}"
    assert data["image"][0]["url"] == f"{crops}/16x9-48.jpg"
    assert data["mainEntityOfPage"] == f"http://testserver{seed.get_absolute_url()}"


def test_json_ld_cannot_be_broken_out_of_by_article_text(client, category):
    """A title with </script> and quotes stays inside the JSON-LD and decodes unchanged."""
    title = 'Tiêu đề </script><script>alert("xss")</script> & "trích dẫn"'
    article = make_published(category, title, sapo="<b>đậm</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    [payload] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [data] = [node for node in json.loads(payload)["@graph"] if node["@type"] == "NewsArticle"]
    assert data["headline"] == title
    assert data["description"] == "<b>đậm</b>"


def test_share_links_need_no_third_party_script(client, seed):
    """Facebook and Zalo are plain links to the canonical URL; copy and print are buttons."""
    html = client.get(seed.get_absolute_url()).content.decode()
    encoded = quote(f"http://testserver{seed.get_absolute_url()}", safe="")
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'href="https://sp.zalo.me/share_inline?url={encoded}"' in html
    assert f'data-copy-link="http://testserver{seed.get_absolute_url()}"' in html
    assert "data-print" in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert all(src.startswith("/static/") for src in scripts)


def preview(article, user=None):
    request = RequestFactory().get(article.get_absolute_url())
    request.user = user or AnonymousUser()
    view = ArticleDetailView.as_view(allow_unpublished=True)
    return view(request, slug=article.slug, pk=article.pk)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PENDING},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "pending", "scheduled"],
)
def test_preview_shows_unpublished_articles_marked_and_uncached(category, fields):
    """With allow_unpublished the page renders, says "Bản xem trước", is noindex and never cached."""
    article = make_published(category, "Bài chờ xem trước", **fields)
    response = preview(article)
    response.render()
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context_data["is_preview"] is True
    assert "Bản xem trước" in html
    assert article.get_status_display() in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_preview_counts_no_view(category):
    """Previewing, even a published article, adds no view."""
    article = make_published(category, "Đã đăng")
    for _ in range(3):
        preview(article).render()
    article.refresh_from_db()
    assert article.view_count == 0
    assert counters.pending_views(article.pk) == 0


def test_preview_ignores_an_old_slug_instead_of_redirecting_to_a_404(category):
    """A preview with an outdated slug still renders (the public URL would be a 404)."""
    article = make_published(category, "Nháp", status=Article.Status.DRAFT)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = ArticleDetailView.as_view(allow_unpublished=True)(
        request, slug="slug-cu", pk=article.pk
    )
    assert response.status_code == 200


def test_public_page_is_not_a_preview(client, seed):
    """The public page has no preview banner and may be indexed."""
    response = client.get(seed.get_absolute_url())
    html = response.content.decode()
    assert response.context["is_preview"] is False
    assert "Bản xem trước" not in html
    assert "noindex" not in html


@pytest.mark.parametrize("count", [5, 200])
def test_article_page_runs_the_same_few_queries_for_5_or_200_articles(
    client, category, django_assert_num_queries, count
):
    """Article, related, other news, menu, footer: the same count for 5 or 200 articles,
    with a cover and a picture in the body shown as renditions."""
    inside = stored_picture("uploads/2026/11/trong-bai.jpg")
    body = f'<p>Mở đầu.</p><p><img src="/media/{inside}" alt="Ảnh trong bài"></p>'
    articles = bulk_published(category, count, cover_image=stored_picture(), body=body)
    article = articles[1]
    article.related_articles.add(*articles[2:5])
    for other in articles[-3:]:
        other.extra_categories.add(category.parent)
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES + 1):  # related
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("<picture>") == 5  # cover, body, 3 related


@pytest.mark.parametrize("count", [60, 200])
def test_an_article_older_than_its_categorys_kept_newest_runs_one_query_more(
    client, category, django_assert_num_queries, count
):
    """Its "Các tin khác" is queried: once per content state the category's newest are
    read too, to find it is not among them."""
    article = bulk_published(category, count)[40]
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES + 1):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="news-list__item"') == 10


def test_an_article_without_a_cover_shares_a_png_picture(client):
    """Link previews (Facebook, Zalo) show no SVG: the fallback picture is a PNG."""
    article = make_published(make_category("Tin tức"), "Bài không có ảnh")
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.search(
        r'<meta property="og:image" content="http://testserver/static/[^"]+\.png">', html
    )


def test_body_pictures_are_shown_as_renditions_and_stored_as_written(client, category):
    """A picture inside the text gets <picture>/srcset on the page; the stored body keeps
    the sanitized <img> the editor saved (docs/images.md)."""
    inside = stored_picture("uploads/2026/11/trong-bai.jpg", size=(1600, 900))
    written = f'<p><img src="/media/{inside}" alt="Toàn cảnh"></p>'
    article = make_published(category, "Bài có ảnh trong bài", body=written)
    html = client.get(article.get_absolute_url()).content.decode()
    body = section(html, 'class="article__body"', "</div>")
    assert body.count('<picture><source type="image/webp"') == 1
    assert f"/media/renditions/{inside}/640.webp 640w" in body
    assert 'width="1600" height="900" alt="Toàn cảnh" loading="lazy"' in body
    assert Article.objects.get(pk=article.pk).body == written


def test_category_links_point_to_the_article_s_own_category(client, category):
    """ "Xem tất cả tin" and the breadcrumb's last step lead to the article's category, its
    parent's step to the parent (the view builds the category's address once for both)."""
    article = make_published(category, "Bài đang đọc", ago=timedelta(days=1))
    make_published(category, "Tin cũ hơn", ago=timedelta(days=2))
    html = client.get(article.get_absolute_url()).content.decode()
    others = section(html, 'class="layout__aside other-news"', "</aside>")
    assert f'<a href="{category.get_absolute_url()}">Xem tất cả tin {category.name} ›</a>' in others
    [payload] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [trail] = [node for node in json.loads(payload)["@graph"] if node["@type"] == "BreadcrumbList"]
    steps = [(item["name"], item.get("item")) for item in trail["itemListElement"]]
    assert steps[1:] == [
        (category.parent.name, f"http://testserver{category.parent.get_absolute_url()}"),
        (category.name, f"http://testserver{category.get_absolute_url()}"),
    ]
