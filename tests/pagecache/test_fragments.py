"""Fragments every page shares (the chrome: menu, header, footer) are kept per content
state: rendered once, never shown after a committed change, computed every time where the
state cannot be shared (pagecache/fragments.py, portal/chrome.py).

The search page is used because the page cache never stores it: what it shows fresh or
stale comes from the fragments alone.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pagecache
from pagecache import fragments
from portal.models import SiteSettings
from sitewide.models import MenuEntry
from tests.news.factories import make_category, make_published
from tests.pagecache.forms import post_admin_form

pytestmark = pytest.mark.django_db

SEARCH = reverse("news:search")
# The chrome's own queries: the footer settings and the menu (top level, then below it).
CHROME_TABLES = ("portal_sitesettings", "sitewide_menuentry", "pages_page")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def chrome_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured if any(t in q["sql"] for t in CHROME_TABLES)]


def test_the_chrome_is_not_rendered_again_on_the_next_page(client):
    """The first page of a content state builds the menu and footer; the next runs none
    of their queries, and shows the same chrome."""
    make_published(make_category("Xây dựng Đảng", show_in_menu=True), "Tin")
    assert len(chrome_queries(client, SEARCH)) == 3
    assert chrome_queries(client, reverse("portal:home")) == []
    html = client.get(SEARCH).content.decode()
    assert "Xây dựng Đảng" in html
    assert "Cơ quan quản lý:" in html


def test_a_category_renamed_in_the_admin_shows_at_once_in_the_menu(client, admin_client, commit):
    """A committed save moves the state: the next page renders the menu again."""
    category = make_category("Tên cũ chuyên mục", show_in_menu=True)
    make_published(category, "Tin")
    assert "Tên cũ chuyên mục" in client.get(SEARCH).content.decode()
    url = reverse("admin:news_category_change", args=[category.pk])
    commit(post_admin_form, admin_client, url, name="Tên mới chuyên mục")
    html = client.get(SEARCH).content.decode()
    assert "Tên mới chuyên mục" in html
    assert "Tên cũ chuyên mục" not in html


def test_the_footer_settings_saved_in_the_admin_show_at_once(client, admin_client, commit):
    """The footer (and the page's metadata) follow the settings saved in the admin."""
    row = SiteSettings.objects.create(address="Số 1 đường Cũ")
    assert "Số 1 đường Cũ" in client.get(SEARCH).content.decode()
    url = reverse("admin:portal_sitesettings_change", args=[row.pk])
    commit(post_admin_form, admin_client, url, address="Số 2 đường Mới")
    html = client.get(SEARCH).content.decode()
    assert "Số 2 đường Mới" in html
    assert "Số 1 đường Cũ" not in html


def test_the_menu_marks_the_page_being_shown(client):
    """One rendered menu per marked item: a category page marks its category only."""
    first = make_category("Chuyên mục một", show_in_menu=True)
    second = make_category("Chuyên mục hai", show_in_menu=True)
    make_published(first, "Tin một")
    make_published(second, "Tin hai")
    for shown, other in ((first, second), (second, first)):
        html = client.get(shown.get_absolute_url()).content.decode()
        assert f'is-active" href="{shown.get_absolute_url()}"' in html
        assert f'is-active" href="{other.get_absolute_url()}"' not in html


def test_without_a_shared_cache_the_chrome_is_built_every_time(client, settings):
    """Production on the local-memory cache (each worker its own): never kept."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SINGLE_PROCESS = False
    make_published(make_category("Thời sự", show_in_menu=True), "Tin")
    assert len(chrome_queries(client, SEARCH)) == 3
    assert len(chrome_queries(client, SEARCH)) == 3


def test_a_fragment_varies_by_what_it_is_given():
    """Each `vary` value is its own entry; the same values give the same entry."""
    assert fragments.key("nav", "a", "") == fragments.key("nav", "a", "")
    assert fragments.key("nav", "a", "") != fragments.key("nav", "a", "b")
    assert fragments.key("chrome") == "fragment:chrome"


def test_a_fragment_comes_in_the_content_states_own_cache_read(cache_calls):
    """Once stored, a fragment costs no cache read of its own: it is read with the state
    (one `get_many`), computed once per state, and again once the state moves."""
    computed = []

    def compute():
        computed.append(True)
        return "<p>chrome</p>"

    assert fragments.fragment("test", compute) == "<p>chrome</p>"
    cache_calls.clear()
    assert fragments.fragment("test", compute) == "<p>chrome</p>"
    assert cache_calls in (["get_many"], ["get_many_and_incr"])  # the second on Redis
    assert len(computed) == 1
    assert pagecache.move_generation()
    assert fragments.fragment("test", compute) == "<p>chrome</p>"
    assert len(computed) == 2


def test_the_menu_marks_the_section_a_page_lies_under(client):
    """The sections' links are marked from the paths kept with the chrome: the chart marks
    "Tổ chức đảng", the video list marks "Ảnh – Video", and neither marks the other."""
    MenuEntry.objects.filter(section=MenuEntry.Section.GALLERY).update(is_shown=True)
    chart, albums = reverse("organizations:chart"), reverse("gallery:album_list")
    for shown, marked, other in (
        (chart, chart, albums),
        (reverse("gallery:video_list"), albums, chart),
    ):
        html = client.get(shown).content.decode()
        assert f'is-active" href="{marked}"' in html
        assert f'is-active" href="{other}"' not in html


def test_a_searchs_words_fill_the_header_and_never_reach_the_stored_chrome(client):
    """The header kept with the chrome has a mark where a search page puts its words,
    escaped; the next page's search box is empty again."""
    html = client.get(SEARCH, {"q": 'x"><b>y'}).content.decode()
    assert 'maxlength="200" value="x&quot;&gt;&lt;b&gt;y">' in html
    assert "\x00" not in html
    html = client.get(reverse("portal:accessibility")).content.decode()
    assert 'maxlength="200" value="">' in html
