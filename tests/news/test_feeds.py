import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.news.factories import bulk_published, make_category, make_published

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse_xml(content: bytes) -> ET.Element:
    """Parse our own responses; parsing at all proves the XML is well-formed."""
    return ET.fromstring(content)  # noqa: S314 (the portal's own output, not untrusted input)


@pytest.fixture
def content():
    party = make_category("Xây dựng Đảng")
    child = make_category("Kiểm tra, giám sát", parent=party)
    other = make_category("Văn bản")
    return {
        "party": party,
        "child": child,
        "other": other,
        "published": make_published(
            party,
            "Hội nghị Ban Chấp hành lần thứ 5",
            sapo="Chiều 15/10, Ban Chấp hành họp & thảo luận <nội dung>.",
            author_name="Xuân Hiền",
            ago=timedelta(hours=2),
        ),
        "child_article": make_published(child, "Giám sát chuyên đề", ago=timedelta(hours=3)),
        "other_article": make_published(other, "Hướng dẫn số 12", ago=timedelta(hours=4)),
        "draft": make_published(party, "Bản nháp bí mật", status=Article.Status.DRAFT),
        "pending": make_published(party, "Chờ duyệt bí mật", status=Article.Status.PENDING),
        "scheduled": make_published(
            party, "Hẹn giờ bí mật", published_at=timezone.now() + timedelta(days=1)
        ),
    }


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    return channel, channel.findall("item")


def test_rss_lists_published_articles_newest_first_as_valid_xml(client, content):
    """/rss/ is well-formed RSS 2.0 with only published articles, newest first."""
    channel, items = rss_items(client.get(reverse("news:feed")))
    assert [item.findtext("title") for item in items] == [
        "Hội nghị Ban Chấp hành lần thứ 5",
        "Giám sát chuyên đề",
        "Hướng dẫn số 12",
    ]
    first = items[0]
    assert first.findtext("link") == f"http://testserver{content['published'].get_absolute_url()}"
    # Text, escaped for HTML inside the XML: a feed reader shows "& <nội dung>" as written.
    assert first.findtext("description") == (
        "Chiều 15/10, Ban Chấp hành họp &amp; thảo luận &lt;nội dung&gt;."
    )
    assert first.findtext("category") == "Xây dựng Đảng"
    assert "Xuân Hiền" in first.findtext("{http://purl.org/dc/elements/1.1/}creator", "") + (
        first.findtext("author") or ""
    )
    assert first.findtext("pubDate")
    assert channel.findtext("language") == "vi"


def test_category_rss_includes_sub_categories_only(client, content):
    """/chuyen-muc/<slug>/rss/ lists that category and its sub-categories, published only."""
    url = reverse("news:category_feed", kwargs={"slug": content["party"].slug})
    channel, items = rss_items(client.get(url))
    assert [item.findtext("title") for item in items] == [
        "Hội nghị Ban Chấp hành lần thứ 5",
        "Giám sát chuyên đề",
    ]
    assert channel.findtext("title").startswith("Xây dựng Đảng – ")


@pytest.mark.parametrize("field", ["title", "sapo"])
def test_markup_in_text_fields_reaches_feed_readers_as_text(client, content, field):
    """A title or sapo holding markup arrives escaped twice: readers render it as text."""
    payload = '<img src=x onerror="alert(1)"> & <b>đậm</b>'
    make_published(
        content["party"], ago=timedelta(minutes=1), **{"title": "Tin mới", field: payload}
    )
    response = client.get(reverse("news:feed"))
    _, items = rss_items(response)
    element = "title" if field == "title" else "description"
    html = items[0].findtext(element)
    assert "<" not in html
    assert html == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;"
    assert b"<img" not in response.content
    assert b"&lt;img" not in response.content.replace(b"&amp;lt;img", b"")


def test_category_rss_of_an_unknown_category_is_404(client):
    """A feed for a category that does not exist answers 404."""
    assert client.get(reverse("news:category_feed", kwargs={"slug": "khong-co"})).status_code == 404


def test_control_characters_in_titles_do_not_break_the_feed(client, content):
    """A title pasted with a control character still yields well-formed XML."""
    make_published(content["party"], "Tiêu đề\x0bcó ký tự lạ\x1f", ago=timedelta(minutes=1))
    _, items = rss_items(client.get(reverse("news:feed")))
    assert items[0].findtext("title") == "Tiêu đềcó ký tự lạ"


def test_sitemap_index_points_to_every_section(client, content):
    """/sitemap.xml is a sitemap index listing the article, category and page sections."""
    response = client.get(reverse("portal:sitemap"))
    assert response.status_code == 200
    root = parse_xml(response.content)
    locations = [node.text for node in root.findall("s:sitemap/s:loc", SITEMAP_NS)]
    for section in ("bai-viet", "chuyen-muc", "trang"):
        assert f"http://testserver/sitemap-{section}.xml" in locations
    [articles] = [
        node
        for node in root.findall("s:sitemap", SITEMAP_NS)
        if "bai-viet" in node.findtext("s:loc", namespaces=SITEMAP_NS)
    ]
    latest_change = max(max(a.updated_at, a.published_at) for a in Article.objects.published())
    lastmod = articles.findtext("s:lastmod", namespaces=SITEMAP_NS)
    assert datetime.fromisoformat(lastmod) == latest_change


def sitemap_urls(client, section):
    response = client.get(reverse("portal:sitemap_section", kwargs={"section": section}))
    assert response.status_code == 200
    return parse_xml(response.content).findall("s:url", SITEMAP_NS)


def test_article_sitemap_lists_published_articles_with_lastmod(client, content):
    """The article section lists published articles only, each with its last change."""
    urls = sitemap_urls(client, "bai-viet")
    locations = [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in urls]
    expected = [content[key] for key in ("published", "child_article", "other_article")]
    assert locations == [f"http://testserver{a.get_absolute_url()}" for a in expected]
    assert all(url.findtext("s:lastmod", namespaces=SITEMAP_NS) for url in urls)
    body = client.get(reverse("portal:sitemap_section", kwargs={"section": "bai-viet"}))
    for secret in ("draft", "pending", "scheduled"):
        assert content[secret].get_absolute_url() not in body.content.decode()


def test_category_and_page_sitemaps(client, content):
    """Categories and the fixed pages (home, category list) are in their sections."""
    categories = [
        url.findtext("s:loc", namespaces=SITEMAP_NS) for url in sitemap_urls(client, "chuyen-muc")
    ]
    assert f"http://testserver{content['child'].get_absolute_url()}" in categories
    assert len(categories) == 3
    pages = [url.findtext("s:loc", namespaces=SITEMAP_NS) for url in sitemap_urls(client, "trang")]
    assert "http://testserver/" in pages
    assert f"http://testserver{reverse('news:category_list')}" in pages


def test_unknown_sitemap_section_is_404(client):
    """A section name that does not exist answers 404."""
    response = client.get(reverse("portal:sitemap_section", kwargs={"section": "khong-co"}))
    assert response.status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_out_admin_and_search(client):
    """robots.txt disallows /admin/ and /tim-kiem/ and names the sitemap."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /tim-kiem/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("count", [5, 200])
def test_feeds_and_sitemaps_run_the_same_queries_for_5_or_200_articles(
    client, django_assert_num_queries, count
):
    """Feeds and sitemaps run a fixed number of queries, whatever the number of articles."""
    party = make_category("Xây dựng Đảng")
    bulk_published(party, count)
    bulk_published(make_category("Kiểm tra", parent=party), count)
    # the page cache's next scheduled publication (read once per generation; the notices'
    # next start or end comes from their cached list) + items
    with django_assert_num_queries(2):
        client.get(reverse("news:feed"))
    # category, items (sub-categories included by the membership table)
    with django_assert_num_queries(2):
        client.get(reverse("news:category_feed", kwargs={"slug": party.slug}))
    # category count, article count, the newest publication and change,
    # then a count and the latest change for each organization section (to-chuc, can-bo),
    # for the published questions (hoi-dap-cau-hoi), the documents (van-ban), the
    # introduction pages (gioi-thieu) and the schedule's weeks (lich-cong-tac), a count and
    # the latest change of the threads (dong-su-kien), a count of the tags in use (tu-khoa),
    # the albums (thu-vien-anh) and the videos (video)
    with django_assert_num_queries(23):
        client.get(reverse("portal:sitemap"))
    # count, page
    with django_assert_num_queries(2):
        client.get(reverse("portal:sitemap_section", kwargs={"section": "bai-viet"}))
    # and each of them again, from the page cache
    for url in [
        reverse("news:feed"),
        reverse("news:category_feed", kwargs={"slug": party.slug}),
        reverse("portal:sitemap"),
        reverse("portal:sitemap_section", kwargs={"section": "bai-viet"}),
    ]:
        with django_assert_num_queries(0):
            client.get(url)
