import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from documents import workflow as document_workflow
from news import workflow
from news.models import Article, Category, Thread
from portal import home
from sitewide import notices
from sitewide.models import Link
from tests.documents import factories as document_factories
from tests.news.factories import (
    bulk_published,
    make_category,
    make_published,
    make_user,
    stored_picture,
)
from tests.pagecache.forms import post_admin_form

pytestmark = pytest.mark.django_db

# The first page of a content state: the page-cache state's next changes, featured,
# latest, then what is built once per state: the chrome (footer settings, menu: 2) and the
# home blocks (home categories, all blocks' articles in one query, featured threads,
# "Văn bản mới", related links).
HOME_QUERIES = 11
# A home page rendered under a state whose chrome and blocks are built: its own content.
HOME_OWN_QUERIES = 2  # featured, latest
HOME = reverse("portal:home")


def block_slugs(html) -> list[str]:
    """The categories with a block on the page, in order."""
    return re.findall(r'<h2 class="section-title" id="khoi-([^"]+)"', html)


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

    assert block_slugs(html) == [party.slug, study.slug]
    assert block_titles(html, party) == [
        "Xây dựng Đảng ngày 1",
        "Xây dựng Đảng ngày 2",
        "Giám sát chuyên đề",
        "Xây dựng Đảng ngày 3",
        "Xây dựng Đảng ngày 4",
    ]
    assert block_titles(html, study) == ["Làm theo Bác"]
    assert 'id="khoi-van-ban"' not in html
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
    html = client.get(reverse("portal:home")).content.decode()
    assert block_slugs(html) == [party.slug, inspection.slug]
    assert block_titles(html, party) == ["Tin Xây dựng Đảng", "Tin tuyên giáo"]
    assert block_titles(html, inspection) == ["Tin kiểm tra"]


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
    html = response.content.decode()
    assert block_slugs(html) == [party.slug]
    assert block_titles(html, party) == ["Tin thường"]


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


def home_with_blocks(count):
    """Four home categories (one with a sub-category) of `count` articles each, covers
    on every article; the sub-category's are featured, so they make the top."""
    categories = [make_category(f"Khối {i}", show_on_home=True, order=i) for i in range(4)]
    child = make_category("Chuyên mục con", parent=categories[0])
    cover = stored_picture()
    for category in [*categories, child]:
        bulk_published(category, count, is_featured=category == child, cover_image=cover)


@pytest.mark.parametrize("count", [5, 200])
def test_home_runs_the_same_few_queries_for_5_or_200_articles(
    client, django_assert_num_queries, count
):
    """Featured, latest and every category block: a fixed count for 5 or 200 articles each,
    covers included (their sizes come from the file and the cache, docs/images.md)."""
    home_with_blocks(count)
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(HOME)
    assert response.status_code == 200
    assert len(block_slugs(response.content.decode())) == 4
    assert response.content.decode().count("<picture>") > 4


@pytest.mark.parametrize("count", [5, 200])
def test_a_rendered_home_queries_only_its_own_content_once_the_state_has_its_blocks(
    client, django_assert_num_queries, settings, count
):
    """Page cache off (as `make bench`'s rendered server): the first home page of a state
    builds the chrome and the blocks, the next ones query only the featured stories and
    the latest, and show the same page."""
    settings.PAGE_CACHE_SECONDS = 0
    home_with_blocks(count)
    with django_assert_num_queries(HOME_QUERIES):
        first = client.get(HOME).content.decode()
    for _ in range(2):
        with django_assert_num_queries(HOME_OWN_QUERIES):
            assert client.get(HOME).content.decode() == first
    assert len(block_slugs(first)) == 4


def test_without_a_shared_cache_the_blocks_are_built_for_every_page(
    client, django_assert_num_queries, settings
):
    """Production on the local-memory cache (each worker its own): never kept."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SINGLE_PROCESS = False
    notices.remember([])  # a warm site's list of notices, in this cache too (tests/conftest.py)
    home_with_blocks(5)
    for _ in range(2):  # everything but the content state, which it cannot have
        with django_assert_num_queries(HOME_QUERIES - 1):
            assert len(block_slugs(client.get(HOME).content.decode())) == 4


# --- the blocks kept per content state are never stale ----------------------------------
#
# Each test renders the home page with the page cache off, so that what it shows fresh
# or stale comes from the blocks kept per content state alone; makes a change the way
# staff make it, committed (its on-commit hooks run); and reads the next rendered page.

NOON = datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(change, /, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def frozen():
    """A fixed noon: the tests' times never depend on today's date."""
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def party(settings, frozen):
    """A home category with two articles, below five featured stories that fill the top."""
    settings.PAGE_CACHE_SECONDS = 0
    news = make_category("Thời sự")
    for minutes in range(1, 6):
        make_published(
            news, f"Tin nổi bật {minutes}", is_featured=True, ago=timedelta(minutes=minutes)
        )
    party = make_category("Xây dựng Đảng", show_on_home=True, order=1)
    make_published(party, "Tin Xây dựng Đảng cũ", ago=timedelta(days=2))
    make_published(party, "Tin Xây dựng Đảng", ago=timedelta(days=1))
    return party


@pytest.fixture
def editor():
    return make_user("bientap", "Biên tập viên")


def rendered(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_an_article_published_shows_in_its_block_at_once(client, party, editor, commit):
    """Approved through the workflow: the next home page has it in its category's block."""
    draft = make_published(party, "Tin vừa duyệt", status=Article.Status.PENDING)
    assert block_titles(rendered(client), party) == ["Tin Xây dựng Đảng", "Tin Xây dựng Đảng cũ"]
    commit(workflow.approve_article, article=draft, actor=editor)
    assert block_titles(rendered(client), party)[0] == "Tin vừa duyệt"


def test_an_article_unpublished_leaves_its_block_at_once(client, party, editor, commit):
    """Unpublished through the workflow: gone from the next home page's block."""
    article = Article.objects.get(title="Tin Xây dựng Đảng")
    assert "Tin Xây dựng Đảng" in block_titles(rendered(client), party)
    commit(workflow.unpublish_article, article=article, actor=editor)
    assert block_titles(rendered(client), party) == ["Tin Xây dựng Đảng cũ"]


def test_an_article_moved_to_another_category_moves_block_at_once(
    client, party, admin_client, commit
):
    """Its category changed in the admin: the article is in the other block next time."""
    study = make_category("Học tập và làm theo Bác", show_on_home=True, order=2)
    make_published(study, "Làm theo Bác", ago=timedelta(days=3))
    article = Article.objects.get(title="Tin Xây dựng Đảng")
    assert block_titles(rendered(client), study) == ["Làm theo Bác"]
    url = reverse("admin:news_article_change", args=[article.pk])
    commit(post_admin_form, admin_client, url, category=str(study.pk))
    html = rendered(client)
    assert block_titles(html, study) == ["Tin Xây dựng Đảng", "Làm theo Bác"]
    assert block_titles(html, party) == ["Tin Xây dựng Đảng cũ"]


def test_a_scheduled_article_shows_in_its_block_at_its_time(client, party, editor, commit, frozen):
    """Scheduled for 12:30: not in the block half a minute before, in it at 12:30 without
    any commit (sooner than the blocks' own 60 seconds in the cache)."""
    draft = make_published(party, "Tin hẹn giờ", status=Article.Status.PENDING)
    commit(
        workflow.approve_article,
        article=draft,
        actor=editor,
        publish_at=NOON + timedelta(minutes=30),
    )
    frozen.move_to(NOON + timedelta(minutes=29, seconds=30))
    assert "Tin hẹn giờ" not in block_titles(rendered(client), party)
    frozen.move_to(NOON + timedelta(minutes=30))
    assert block_titles(rendered(client), party)[0] == "Tin hẹn giờ"


def test_a_scheduled_story_leads_the_page_at_its_time(client, party, frozen):
    """The page's own two queries (compiled once per process) take each request's clock:
    a featured story due at 12:30, in no block, is on the page at 12:30, not before."""
    news = Category.objects.get(name="Thời sự")
    make_published(
        news, "Tin nổi bật hẹn giờ", is_featured=True, published_at=NOON + timedelta(minutes=30)
    )
    for _ in range(2):  # the queries compiled and kept before the story is due
        frozen.move_to(NOON + timedelta(minutes=29, seconds=30))
        assert "Tin nổi bật hẹn giờ" not in rendered(client)
    frozen.move_to(NOON + timedelta(minutes=30))
    assert "Tin nổi bật hẹn giờ" in rendered(client)


def block_heading(html, category) -> str:
    start = html.index(f'<h2 class="section-title" id="khoi-{category.slug}">')
    return html[start : html.index("</h2>", start)]


def test_a_category_renamed_in_the_admin_shows_on_its_block_at_once(
    client, party, admin_client, commit
):
    """The block's heading follows the name saved in the admin."""
    assert ">Xây dựng Đảng</a>" in block_heading(rendered(client), party)
    url = reverse("admin:news_category_change", args=[party.pk])
    commit(post_admin_form, admin_client, url, name="Công tác Đảng")
    heading = block_heading(rendered(client), party)
    assert ">Công tác Đảng</a>" in heading
    assert "Xây dựng Đảng" not in heading


def test_a_category_taken_off_the_home_loses_its_block_at_once(client, party, admin_client, commit):
    """ "Show on home" unticked in the admin: the next home page has no block for it."""
    assert block_slugs(rendered(client)) == [party.slug]
    url = reverse("admin:news_category_change", args=[party.pk])
    commit(post_admin_form, admin_client, url, show_on_home="")
    assert block_slugs(rendered(client)) == []


def test_a_thread_renamed_in_the_admin_shows_at_once(client, party, admin_client, commit):
    """ "Dòng sự kiện" follows a featured thread saved in the admin."""
    thread = Thread.objects.create(
        name="Đại hội Đảng bộ Khối", starts_on=NOON.date(), is_featured=True
    )
    assert "Đại hội Đảng bộ Khối" in rendered(client)
    url = reverse("admin:news_thread_change", args=[thread.pk])
    commit(post_admin_form, admin_client, url, name="Kỷ niệm ngày thành lập Đảng")
    html = rendered(client)
    assert 'id="dong-su-kien"' in html
    assert "Kỷ niệm ngày thành lập Đảng" in html
    assert "Đại hội Đảng bộ Khối" not in html


def test_a_document_published_shows_in_new_documents_at_once(client, party, commit):
    """ "Văn bản mới" follows a document published through its workflow."""
    keeper = make_user("vanthu", "Quản trị văn bản")
    document = document_factories.document(code="7-KH/ĐUK", status="draft")
    assert "7-KH/ĐUK" not in rendered(client)
    commit(document_workflow.publish_document, document=document, actor=keeper)
    html = rendered(client)
    assert 'id="van-ban-moi"' in html
    assert "7-KH/ĐUK" in html


def test_a_link_changed_in_the_admin_shows_at_once(client, party, admin_client, commit):
    """ "Liên kết website" follows a link saved in the admin."""
    link = Link.objects.create(name="Cổng thông tin tỉnh", url="https://example.gov.vn/")
    assert "Cổng thông tin tỉnh" in rendered(client)
    url = reverse("admin:sitewide_link_change", args=[link.pk])
    commit(post_admin_form, admin_client, url, name="Báo điện tử Đảng")
    html = rendered(client)
    assert "Báo điện tử Đảng" in html
    assert "Cổng thông tin tỉnh" not in html


def test_the_blocks_are_kept_under_the_code_that_made_them():
    """A digest of their templates and code is part of the key: a deploy never reads
    blocks an older release stored under the same content state."""
    version = home.code_version()
    assert re.fullmatch("[0-9a-f]{12}", version)
    home.code_version.cache_clear()
    assert home.code_version() == version


@pytest.mark.parametrize("count", [5, 200])
def test_without_home_categories_the_latest_stand_in_with_their_category(
    client, django_assert_num_queries, count
):
    """No block to show: the latest are cards naming their category, the categories read
    in one query for them all."""
    for name in ("Thời sự", "Tin tức"):
        bulk_published(make_category(name), count)
    # No blocks' articles to read, one query for the latest's categories instead.
    with django_assert_num_queries(HOME_QUERIES):
        html = client.get(HOME).content.decode()
    assert block_slugs(html) == []
    main = html[html.index('id="tin-moi"') : html.index('class="layout__aside"')]
    assert main.count('class="card__category"') == min(10, 2 * count - 5)  # below the top 5
    assert "Thời sự" in main
