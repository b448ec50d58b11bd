import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.news.factories import bulk_published, make_category, make_published, stored_picture

pytestmark = pytest.mark.django_db

# page-cache fingerprint, featured, latest, home categories, all blocks (one window
# query), featured threads, menu (2), footer, "Văn bản mới", related links
HOME_QUERIES = 11


def block_titles(html, category):
    start = html.index(f'id="khoi-{category.slug}"')
    end = html.find('class="cat-block"', start)
    section = html[start : end if end != -1 else len(html)]
    section = section[: section.index("</section>")]
    return re.findall(r'<a href="/bai-viet/[^"]+">([^<]+)</a>', section)


def test_lead_story_is_the_newest_featured_article_with_an_image(client):
    """The newest featured article with a cover leads; other featured ones sit beside it."""
    news = make_category("Tin tức")
    make_published(news, "Nổi bật không ảnh", is_featured=True, ago=timedelta(minutes=5))
    make_published(
        news, "Nổi bật có ảnh", is_featured=True, with_cover=True, ago=timedelta(hours=1)
    )
    make_published(news, "Nổi bật cũ", is_featured=True, ago=timedelta(days=1))
    make_published(news, "Tin thường mới nhất", ago=timedelta(minutes=1))

    response = client.get(reverse("portal:home"))

    assert response.status_code == 200
    assert response.context["lead"].title == "Nổi bật có ảnh"
    assert [a.title for a in response.context["top_stories"]] == [
        "Nổi bật không ảnh",
        "Nổi bật cũ",
        "Tin thường mới nhất",  # too few featured stories: the newest fill the top
    ]
    html = response.content.decode()
    assert 'class="lead-story"' in html
    assert html.index("Nổi bật có ảnh") < html.index("Nổi bật không ảnh")


def test_without_featured_articles_the_newest_lead(client):
    """With nothing featured the newest stories make the top of the page."""
    news = make_category("Tin tức")
    for hours in range(1, 8):
        make_published(news, f"Tin {hours} giờ trước", ago=timedelta(hours=hours))
    context = client.get(reverse("portal:home")).context
    assert context["lead"].title == "Tin 1 giờ trước"
    assert len(context["top_stories"]) == 4
    assert [a.title for a in context["latest"]] == ["Tin 6 giờ trước", "Tin 7 giờ trước"]


def test_one_block_per_home_category_with_its_newest_articles(client):
    """Each "show on home" category gets a block of its 5 newest, sub-categories included."""
    party = make_category("Xây dựng Đảng", show_on_home=True, order=1)
    inspection = make_category("Kiểm tra, giám sát", parent=party)
    study = make_category("Học tập và làm theo Bác", show_on_home=True, order=2)
    hidden = make_category("Văn bản", show_on_home=False, order=3)
    make_category("Chuyên mục trống", show_on_home=True, order=4)
    # Fill the top of the page first, so that the blocks are what is left.
    top = make_category("Thời sự")
    for minutes in range(1, 6):
        make_published(top, f"Tin đầu trang {minutes}", ago=timedelta(minutes=minutes))
    for day in range(1, 8):
        make_published(party, f"Xây dựng Đảng ngày {day}", ago=timedelta(days=day))
    make_published(inspection, "Giám sát chuyên đề", ago=timedelta(days=2, hours=12))
    make_published(study, "Làm theo Bác", ago=timedelta(days=1))
    make_published(hidden, "Hướng dẫn số 12", ago=timedelta(days=1))
    make_published(party, "Bản nháp", status=Article.Status.DRAFT)
    make_published(party, "Hẹn giờ", published_at=timezone.now() + timedelta(hours=1))

    response = client.get(reverse("portal:home"))
    html = response.content.decode()

    blocks = response.context["blocks"]
    assert [block["category"].name for block in blocks] == [
        "Xây dựng Đảng",
        "Học tập và làm theo Bác",
    ]
    assert block_titles(html, party) == [
        "Xây dựng Đảng ngày 1",
        "Xây dựng Đảng ngày 2",
        "Giám sát chuyên đề",
        "Xây dựng Đảng ngày 3",
        "Xây dựng Đảng ngày 4",
    ]
    assert block_titles(html, study) == ["Làm theo Bác"]
    assert 'id="khoi-van-ban"' not in html
    assert "Chuyên mục trống" not in [block["category"].name for block in blocks]
    assert "Bản nháp" not in html
    assert "Hẹn giờ" not in html


def test_a_sub_category_with_its_own_block_is_left_out_of_its_parents(client):
    """A sub-category shown on home has its own block; the parent's block skips its articles."""
    party = make_category("Xây dựng Đảng", show_on_home=True, order=1)
    inspection = make_category("Kiểm tra, giám sát", parent=party, show_on_home=True)
    propaganda = make_category("Tuyên giáo", parent=party)
    top = make_category("Thời sự")
    for minutes in range(1, 6):
        make_published(top, f"Tin đầu trang {minutes}", ago=timedelta(minutes=minutes))
    make_published(party, "Tin Xây dựng Đảng", ago=timedelta(days=1))
    make_published(inspection, "Tin kiểm tra", ago=timedelta(days=2))
    make_published(propaganda, "Tin tuyên giáo", ago=timedelta(days=3))
    blocks = {
        block["category"].name: [a.title for a in block["articles"]]
        for block in client.get(reverse("portal:home")).context["blocks"]
    }
    assert blocks == {
        "Xây dựng Đảng": ["Tin Xây dựng Đảng", "Tin tuyên giáo"],
        "Kiểm tra, giám sát": ["Tin kiểm tra"],
    }


def test_stories_at_the_top_are_not_repeated_in_the_blocks(client):
    """An article shown as a top story is left out of its category's block."""
    party = make_category("Xây dựng Đảng", show_on_home=True)
    featured = make_published(party, "Tin nổi bật", is_featured=True, with_cover=True)
    make_published(party, "Tin thường", ago=timedelta(days=30))
    elsewhere = make_category("Thời sự")
    for minutes in range(1, 5):  # the newest stories fill the rest of the top
        make_published(elsewhere, f"Thời sự {minutes}", ago=timedelta(minutes=minutes))
    response = client.get(reverse("portal:home"))
    assert response.context["lead"] == featured
    [block] = response.context["blocks"]
    assert [a.title for a in block["articles"]] == ["Tin thường"]


def test_home_without_content_says_so(client):
    """A fresh portal shows a friendly line instead of empty boxes."""
    html = client.get(reverse("portal:home")).content.decode()
    assert "Chưa có tin bài nào được xuất bản." in html


def test_menu_has_two_levels(client):
    """The main menu lists top-level categories and their sub-categories."""
    party = make_category("Xây dựng Đảng")
    make_category("Kiểm tra, giám sát", parent=party)
    make_category("Ẩn khỏi menu", show_in_menu=False)
    html = client.get(reverse("portal:home")).content.decode()
    nav = html[html.index('id="main-menu"') : html.index("</nav>", html.index('id="main-menu"'))]
    assert ">Xây dựng Đảng</a>" in nav
    assert 'class="main-nav__sub"' in nav
    assert ">Kiểm tra, giám sát</a>" in nav
    assert "Ẩn khỏi menu" not in nav


def test_home_has_canonical_open_graph_and_rss(client):
    """The home page names its canonical URL, Open Graph data and the RSS feed."""
    html = client.get(reverse("portal:home")).content.decode()
    assert '<link rel="canonical" href="http://testserver/">' in html
    assert '<meta property="og:type" content="website">' in html
    assert f'type="application/rss+xml" title="Tin mới nhất" href="{reverse("news:feed")}"' in html


@pytest.mark.parametrize("count", [5, 200])
def test_home_runs_the_same_few_queries_for_5_or_200_articles(
    client, django_assert_num_queries, count
):
    """Featured, latest and every category block: a fixed count for 5 or 200 articles each,
    covers included (their sizes come from the file and the cache, docs/images.md)."""
    categories = [make_category(f"Khối {i}", show_on_home=True, order=i) for i in range(4)]
    child = make_category("Chuyên mục con", parent=categories[0])
    cover = stored_picture()
    for category in [*categories, child]:
        bulk_published(category, count, is_featured=category == child, cover_image=cover)
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert len(response.context["blocks"]) == 4
    assert response.content.decode().count("<picture>") > 4
