import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from news.models import Category
from pages import workflow
from pages.models import CONTACT_SLUG, Department, Page, PageRevision
from portal.menu import main_menu
from portal.models import SiteSettings
from sitewide.models import MenuEntry

pytestmark = pytest.mark.django_db

# The page cache's state, the page, its side menu, plus the site chrome (footer settings,
# the menu and what hangs under it; the notices come from the cache).
PAGE_QUERIES = 6


def page(title, parent=None, **fields) -> Page:
    return workflow.save_page(page=Page(title=title, parent=parent, **fields))


@pytest.fixture
def tree():
    about = page("Giới thiệu chung", order=1)
    duties = page("Chức năng, nhiệm vụ", about, order=2)
    history = page("Lịch sử hình thành và phát triển", about, order=1)
    contact = page("Liên hệ", order=9, slug=CONTACT_SLUG)
    return about, duties, history, contact


def test_urls():
    """Introduction pages live under /gioi-thieu/; "Liên hệ" is pages:page_detail lien-he."""
    assert reverse("pages:index") == "/gioi-thieu/"
    assert reverse("pages:page_detail", kwargs={"slug": CONTACT_SLUG}) == "/gioi-thieu/lien-he/"


def test_page_shows_its_siblings_in_order_as_side_menu(client, tree):
    """A page's side menu lists its level in the admin's order, the page marked current."""
    about, duties, _history, _ = tree
    response = client.get(duties.get_absolute_url())
    assert [p.title for p in response.context["siblings"]] == [
        "Lịch sử hình thành và phát triển",
        "Chức năng, nhiệm vụ",
    ]
    html = response.content.decode()
    assert f'href="{duties.get_absolute_url()}" aria-current="page"' in html
    assert f'href="{about.get_absolute_url()}">Giới thiệu chung</a>' in html  # breadcrumb


def test_body_is_sanitized(client):
    """Staff HTML is cleaned on save like an article's: no script, no event handlers."""
    p = page("Cơ cấu tổ chức", body='<p onclick="x()">Sơ đồ</p><script>alert(1)</script>')
    p.refresh_from_db()
    assert p.body == "<p>Sơ đồ</p>"


def test_edit_keeps_a_revision_and_old_slug_redirects(client, tree):
    """Saving a changed title keeps the old version; the old slug answers 301."""
    _, duties, _, _ = tree
    editor = User.objects.create_user("bt", is_staff=True)
    old_url = duties.get_absolute_url()
    duties.title = "Chức năng, nhiệm vụ, quyền hạn"
    duties.slug = "chuc-nang-nhiem-vu-quyen-han"
    workflow.save_page(page=duties, actor=editor)
    revision = PageRevision.objects.get(page=duties)
    assert (revision.version, revision.title, revision.created_by) == (
        1,
        "Chức năng, nhiệm vụ",
        editor,
    )
    assert duties.version == 2
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == duties.get_absolute_url()
    assert client.get(reverse("pages:page_detail", kwargs={"slug": "khong-co"})).status_code == 404


def test_unpublished_page_is_404_and_not_redirected(client, tree):
    _, duties, _, _ = tree
    duties.is_published = False
    workflow.save_page(page=duties)
    assert client.get(duties.get_absolute_url()).status_code == 404


def test_contact_page_shows_footer_settings_and_departments(client, tree):
    """ "Liên hệ" shows the footer's address, phone and e-mail and each department's contact."""
    SiteSettings(
        address="Số 1 đường Hùng Vương", phone="0233 3852 000", email="dukhoi@example.vn"
    ).save()
    Department.objects.create(name="Văn phòng Đảng ủy Khối", phone="0233 3852 111")
    response = client.get(reverse("pages:page_detail", kwargs={"slug": CONTACT_SLUG}))
    html = response.content.decode()
    for text in ("Số 1 đường Hùng Vương", "0233 3852 000", "dukhoi@example.vn", "0233 3852 111"):
        assert text in html


def test_menu_places_sections_among_categories_in_admin_order(client, tree):
    """Giới thiệu, Văn bản, Lịch công tác… sit among the categories in the order an admin sets."""
    Category.objects.create(name="Tin tức – Sự kiện", order=10)
    Category.objects.create(name="Xây dựng Đảng", order=20)
    MenuEntry.objects.filter(section=MenuEntry.Section.SCHEDULE).update(order=15)
    labels = [item.label for item in main_menu()]
    assert labels == [
        "Giới thiệu",
        "Tin tức – Sự kiện",
        "Lịch công tác",
        "Xây dựng Đảng",
        "Tổ chức đảng",
        "Văn bản",
        "Hỏi đáp",
    ]
    MenuEntry.objects.filter(section=MenuEntry.Section.DOCUMENTS).update(order=1)
    assert [item.label for item in main_menu()][:2] == ["Văn bản", "Giới thiệu"]
    intro, organizations = main_menu()[1], main_menu()[-2]
    # Top-level published pages hang under Giới thiệu, in order; the chart and the leaders
    # under Tổ chức đảng.
    assert [child.label for child in intro.menu_children] == ["Giới thiệu chung", "Liên hệ"]
    assert [child.label for child in organizations.menu_children] == [
        "Sơ đồ tổ chức",
        "Lãnh đạo Đảng ủy Khối",
    ]
    # The section of the page being shown is marked in the menu.
    current = [item.label for item in main_menu("/gioi-thieu/lien-he/") if item.is_current]
    assert current == ["Giới thiệu"]
    MenuEntry.objects.filter(section=MenuEntry.Section.SCHEDULE).update(is_shown=False)
    assert "Lịch công tác" not in [item.label for item in main_menu()]


@pytest.mark.parametrize("extra", [0, 20])
def test_page_query_count_is_constant(client, django_assert_num_queries, tree, extra):
    """An introduction page runs the same queries for a small tree as for a large one."""
    about, duties, _, _ = tree
    Category.objects.create(name="Tin tức")
    for n in range(extra):
        page(f"Trang con {n}", about)
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(duties.get_absolute_url()).status_code == 200


def test_body_pictures_are_shown_as_renditions(client):
    """A picture uploaded into an introduction page is shown from its renditions."""
    from tests.news.factories import stored_picture

    inside = stored_picture("uploads/2026/11/tru-so.jpg", size=(1200, 800))
    shown = page("Trụ sở", body=f'<p><img src="/media/{inside}" alt="Trụ sở"></p>')
    html = client.get(shown.get_absolute_url()).content.decode()
    assert f"/media/renditions/{inside}/640.webp 640w" in html
    assert 'width="1200" height="800" alt="Trụ sở"' in html
