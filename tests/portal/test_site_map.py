import pytest
from django.urls import reverse

from documents.models import Document, Kind
from news.models import Category
from pages.models import Page
from questions.models import Topic
from sitewide.models import Link
from tests.documents import factories as docs

pytestmark = pytest.mark.django_db

# The page cache's state, introduction pages (and their children), the documents' kinds,
# the Q&A topics, related links, plus the site chrome (footer settings, menu and what
# hangs under it; notices from the cache).
SITE_MAP_QUERIES = 9


@pytest.fixture
def portal():
    news = Category.objects.create(name="Tin tức – Sự kiện", order=10)
    Category.objects.create(name="Hoạt động cơ sở", parent=news)
    Category.objects.create(name="Lưu trữ", show_in_menu=False)
    about = Page.objects.create(title="Giới thiệu chung")
    Page.objects.create(title="Chức năng, nhiệm vụ", parent=about)
    Page.objects.create(title="Trang nháp", is_published=False)
    Link.objects.create(name="Cổng thông tin điện tử tỉnh", url="https://example.gov.vn/")
    docs.document(kind=docs.kind("Nghị quyết"))
    docs.document(kind=docs.kind("Chỉ thị"), status=Document.Status.DRAFT)
    Topic.objects.update(is_active=False)
    Topic.objects.create(name="Kiểm tra, giám sát", slug="kiem-tra-giam-sat")


def test_site_map_lists_every_section(client, portal):
    """Categories and sub-categories of the menu, introduction pages, the documents' kinds,
    Hỏi – đáp and its topics, schedule, chart."""
    html = client.get(reverse("portal:site_map")).content.decode()
    kinds = reverse("documents:document_list") + "?loai="
    assert f'href="{kinds}{Kind.objects.get(name="Nghị quyết").slug}"' in html
    assert f'href="{kinds}{Kind.objects.get(name="Chỉ thị").slug}"' not in html  # none public
    assert f'href="{reverse("questions:topic", kwargs={"topic": "kiem-tra-giam-sat"})}"' in html
    for text in (
        "Tin tức – Sự kiện",
        "Hoạt động cơ sở",
        "Giới thiệu chung",
        "Chức năng, nhiệm vụ",
        reverse("schedule:current"),
        reverse("organizations:chart"),
        reverse("organizations:leadership"),
        reverse("questions:list"),
        reverse("questions:ask"),
        "Cổng thông tin điện tử tỉnh",
    ):
        assert text in html
    assert "Trang nháp" not in html
    assert "Lưu trữ" not in html  # not a menu category


def test_footer_links_to_the_site_map(client, portal):
    html = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:site_map")}"' in html


def test_related_links_are_marked_external(client, portal):
    """Related portals open the other site and say so."""
    html = client.get(reverse("portal:site_map")).content.decode()
    assert 'href="https://example.gov.vn/" rel="external noopener" target="_blank"' in html
    assert "(trang ngoài, mở cửa sổ mới)" in html


def test_site_map_is_in_the_xml_sitemap_index(client, portal):
    index = client.get(reverse("portal:sitemap")).content.decode()
    for section in ("chuyen-trang", "gioi-thieu", "lich-cong-tac"):
        assert reverse("portal:sitemap_section", kwargs={"section": section}) in index
    sections = client.get(reverse("portal:sitemap_section", kwargs={"section": "chuyen-trang"}))
    assert reverse("portal:site_map") in sections.content.decode()


@pytest.mark.parametrize("extra", [0, 15])
def test_site_map_query_count_is_constant(client, portal, django_assert_num_queries, extra):
    about = Page.objects.get(title="Giới thiệu chung")
    for n in range(extra):
        Page.objects.create(title=f"Trang {n}", parent=about)
        Category.objects.create(name=f"Chuyên mục {n}")
    with django_assert_num_queries(SITE_MAP_QUERIES):
        assert client.get(reverse("portal:site_map")).status_code == 200
