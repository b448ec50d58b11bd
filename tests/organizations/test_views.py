import io
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from PIL import Image

from news.models import Article, Category
from organizations import chart as charts
from organizations import views
from organizations.models import Organization, Position
from pagecache import content_state
from tests.documents import factories as documents
from tests.organizations import factories as f
from tests.organizations import ops as wf
from tests.pagecache.forms import post_admin_form

pytestmark = pytest.mark.django_db

K = Organization.Kind
P = Position
# Queries per page, pinned, and the same for a tree of a dozen nodes and one of a few
# hundred. Three of them are the site chrome (footer settings, menu and its children).
CHART_QUERIES = 5
ORGANIZATION_QUERIES = 9
LEADERSHIP_QUERIES = 5
CADRE_QUERIES = 5
# The chrome (footer settings, menu: 3 queries) is built by the first page of a content
# state and read from the cache by the next ones (portal/chrome.py).
CHROME_QUERIES = 3


@pytest.fixture
def khoi():
    """A small Khối with leadership, a đảng bộ cơ sở with a đảng bộ bộ phận, and history."""
    root = f.bloc(name="Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh Sơn Hà", member_count=2)
    health = f.committee(root, name="Đảng bộ Sở Y tế", member_count=4, host_unit="Sở Y tế")
    hospital = f.intermediate(health, name="Đảng bộ bộ phận Bệnh viện tỉnh", member_count=1)
    f.subcell(hospital, name="Chi bộ Khối Nội", member_count=12)
    f.subcell(health, name="Chi bộ Văn phòng Sở", member_count=9)
    f.cell(root, name="Chi bộ Sở Tư pháp", member_count=21)
    f.cell(root, name="Chi bộ Sở Xây dựng", member_count=1234)
    current = f.term(root, 2025, 2030, congress_number=2, congress_date=date(2025, 6, 18))
    past = f.term(root, 2020, 2025, congress_number=1)
    for name, body, title, order in [
        ("Trần Minh Đức", P.Body.THUONG_TRUC, P.Title.PHO_BI_THU_THUONG_TRUC, 2),
        ("Hoàng Thị Thu Hà", P.Body.BTV, P.Title.BI_THU, 1),
        ("Đặng Thị Mai", P.Body.BCH, P.Title.UY_VIEN_BCH, 10),
        ("Phan Thị Ngọc Ánh", P.Body.UBKT, P.Title.CHU_NHIEM_UBKT, 20),
        ("Cao Thị Lan", P.Body.VAN_PHONG, P.Title.CHANH_VAN_PHONG, 30),
    ]:
        f.position(
            root,
            f.cadre(full_name=name),
            body=body,
            title=title,
            order=order,
            term=current,
            started_on=date(2025, 6, 18),
        )
    f.position(
        root,
        f.cadre(full_name="Mai Xuân Trường"),
        body=P.Body.BTV,
        title=P.Title.BI_THU,
        term=past,
        started_on=date(2020, 7, 22),
        ended_on=date(2025, 6, 18),
    )
    return root


def png_bytes(size=(60, 75)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def grow(root, n):
    """Add n Chi bộ cơ sở and n Đảng bộ cơ sở with two chi bộ each: 4n more nodes."""
    for i in range(n):
        f.cell(root, name=f"Chi bộ thêm {i}", member_count=5)
        committee = f.committee(root, name=f"Đảng bộ thêm {i}")
        f.subcell(committee, member_count=3)
        f.subcell(committee, member_count=3)


def test_urls_resolve_to_the_organization_views():
    """The four public paths are Vietnamese ASCII and named app:thing."""
    assert reverse("organizations:chart") == "/to-chuc/"
    assert reverse("organizations:leadership") == "/lanh-dao/"
    assert reverse("organizations:organization_detail", kwargs={"slug": "a"}) == "/to-chuc/a/"
    assert reverse("organizations:cadre_detail", kwargs={"slug": "b"}) == "/can-bo/b/"
    assert resolve("/to-chuc/").func.view_class is views.ChartView
    assert resolve("/to-chuc/a/").func.view_class is views.OrganizationDetailView


def test_chart_shows_the_bloc_its_tccs_by_kind_and_member_totals(client, khoi):
    """The chart leads with the Đảng bộ Khối, then Đảng bộ cơ sở and Chi bộ cơ sở apart."""
    page = html(client, reverse("organizations:chart"))
    assert "Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh Sơn Hà" in page
    assert page.index("Đảng bộ cơ sở <span") < page.index("Chi bộ cơ sở <span")
    assert page.index("Đảng bộ Sở Y tế") < page.index("Chi bộ Sở Tư pháp")
    # Totals over the subtree, Vietnamese thousands: 4 + 1 + 12 + 9 = 26; 1.234.
    assert "26 đảng viên" in page
    assert "1.234 đảng viên" in page
    assert "1.283</strong> đảng viên" in page  # the whole Khối: 2 + 26 + 21 + 1.234
    assert "<strong>3</strong> tổ chức cơ sở đảng" in page


def test_chart_sub_organizations_expand_without_javascript(client, khoi):
    """Sub-organizations sit in <details>/<summary>: keyboard-accessible, no script needed."""
    page = html(client, reverse("organizations:chart"))
    assert '<details class="org-node__more">' in page
    assert "2 tổ chức trực thuộc (1 đảng bộ bộ phận, 2 chi bộ)</summary>" in page
    assert "Chi bộ Khối Nội" in page


@pytest.mark.parametrize("value", ["abc", "31/02/2021", "2021-13-45", "<script>x</script>"])
def test_chart_with_a_bad_date_explains_and_shows_today(client, khoi, value):
    """A date that is not one gets a Vietnamese message and today's chart, never a 500."""
    response = client.get(reverse("organizations:chart"), {"ngay": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "không phải là một ngày hợp lệ" in page
    assert "Đang hiển thị sơ đồ hiện nay" in page
    assert "Chi bộ Sở Tư pháp" in page
    assert "<script>x" not in page


def test_chart_refuses_a_future_date_politely(client, khoi):
    """The future has no chart yet."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = html(client, reverse("organizations:chart") + f"?ngay={tomorrow:%d/%m/%Y}")
    assert "Không thể xem sơ đồ tại một ngày trong tương lai." in page


def test_chart_as_of_a_past_date_uses_the_names_of_then(client):
    """/to-chuc/?ngay=… shows names and kinds as they were, and says which day it shows."""
    root = wf.establish(name="Đảng bộ Khối", kind=K.BLOC, parent=None, date=date(2019, 6, 26))
    cell = wf.establish(
        name="Chi bộ Sở Lao động", kind=K.GRASSROOTS_CELL, parent=root, date=date(2019, 7, 1)
    )
    wf.rename(organization=cell, name="Chi bộ Sở Nội vụ", date=date(2025, 3, 1))
    page = html(client, reverse("organizations:chart") + "?ngay=15/10/2021")
    assert "Chi bộ Sở Lao động" in page
    assert "Chi bộ Sở Nội vụ" not in page
    assert "Thứ Sáu, 15/10/2021" in page
    assert 'value="15/10/2021"' in page
    assert "đảng viên</li>" not in page  # member counts are today's only
    assert "Chi bộ Sở Nội vụ" in html(client, reverse("organizations:chart"))


def test_chart_lists_ended_organizations_apart(client, khoi):
    """Dissolved and merged organizations stay findable below the chart."""
    cell = Organization.objects.get(name="Chi bộ Sở Tư pháp")
    wf.dissolve(organization=cell, date=date(2023, 1, 2))
    page = html(client, reverse("organizations:chart"))
    assert "Tổ chức đã giải thể, hợp nhất (1)" in page
    assert "Đã giải thể từ 02/01/2023" in page


def test_empty_chart(client):
    """Before any data the chart says so."""
    assert "Chưa có dữ liệu về tổ chức đảng." in html(client, reverse("organizations:chart"))


def test_chart_escapes_the_names_it_shows(client, khoi):
    """The tree is built in Python: names are escaped there as a template would."""
    health = Organization.objects.get(name="Đảng bộ Sở Y tế")
    f.cell(khoi, name="Chi bộ <b>Sở A & B</b>")
    f.subcell(health, name='Chi bộ "Kho" <i>')
    page = html(client, reverse("organizations:chart"))
    assert "Chi bộ &lt;b&gt;Sở A &amp; B&lt;/b&gt;</a>" in page
    assert "Chi bộ &quot;Kho&quot; &lt;i&gt;</a>" in page
    assert "<b>Sở" not in page
    assert "<i>" not in page


@pytest.fixture
def rendered(settings):
    """Every request renders, as on a page-cache miss; what pages share stays cached."""
    settings.PAGE_CACHE_SECONDS = 0


def chart_queries(client, url) -> tuple[str, list[str]]:
    """The page, and the queries its request ran on the organizations' tables."""
    with CaptureQueriesContext(connection) as queries:
        page = html(client, url)
    return page, [q["sql"] for q in queries.captured_queries if "organizations_" in q["sql"]]


def test_a_rendered_chart_reads_the_tree_once_until_something_changes(client, khoi, rendered):
    """Today's chart is kept under the content state: a second rendering runs no chart query."""
    first, queries = chart_queries(client, reverse("organizations:chart"))
    assert len(queries) == 2  # the organizations, the roll-ups
    second, queries = chart_queries(client, reverse("organizations:chart"))
    assert queries == []
    assert second == first
    assert "1.283</strong> đảng viên" in second
    assert "Chi bộ Khối Nội" in second


def test_a_deploy_that_changes_the_chart_markup_is_not_served_the_old_one(
    client, khoi, rendered, monkeypatch, tmp_path
):
    """The cached chart is keyed by its code too: a new template is used at once."""
    html(client, reverse("organizations:chart"))
    changed = tmp_path / "chart_tree.html"
    original = charts.get_template("organizations/includes/chart_tree.html")
    changed.write_text(Path(original.origin.name).read_text() + "{# a new release #}")
    monkeypatch.setattr(
        charts, "get_template", lambda name: SimpleNamespace(origin=SimpleNamespace(name=changed))
    )
    charts._code_fingerprint.cache_clear()
    try:
        _, queries = chart_queries(client, reverse("organizations:chart"))
    finally:
        charts._code_fingerprint.cache_clear()
    assert len(queries) == 2


def test_a_past_chart_is_rebuilt_for_every_request(client, khoi, rendered):
    """?ngay= is never served from the cached chart: each request reads the history."""
    url = reverse("organizations:chart") + "?ngay=15/10/2021"
    html(client, reverse("organizations:chart"))  # today's chart is cached
    for _ in range(2):
        page, queries = chart_queries(client, url)
        assert len(queries) == 2  # the organizations, the events
        assert "Thứ Sáu, 15/10/2021" in page
        assert "đảng viên</li>" not in page


def test_the_cached_chart_follows_a_workflow_operation_at_once(
    client, khoi, rendered, django_capture_on_commit_callbacks
):
    """A rename through the organization workflow is on the next rendered chart."""
    cell = Organization.objects.get(name="Chi bộ Sở Tư pháp")
    assert "Chi bộ Sở Tư pháp" in html(client, reverse("organizations:chart"))
    with django_capture_on_commit_callbacks(execute=True):
        wf.rename(organization=cell, name="Chi bộ Sở Tư pháp tỉnh", date=timezone.localdate())
    page = html(client, reverse("organizations:chart"))
    assert "Chi bộ Sở Tư pháp tỉnh</a>" in page


def test_the_cached_chart_follows_an_admin_save_at_once(
    client, admin_client, khoi, rendered, django_capture_on_commit_callbacks
):
    """Members saved in an organization's admin form change the totals of the next chart."""
    assert "1.234 đảng viên" in html(client, reverse("organizations:chart"))
    cell = Organization.objects.get(name="Chi bộ Sở Xây dựng")
    change = reverse("admin:organizations_organization_change", args=[cell.pk])
    with django_capture_on_commit_callbacks(execute=True):
        post_admin_form(admin_client, change, member_count="1300")
    page = html(client, reverse("organizations:chart"))
    assert "1.300 đảng viên" in page
    assert "1.349</strong> đảng viên" in page  # the whole Khối: 1.283 - 1.234 + 1.300


def test_organization_page_shows_profile_leaders_subtree_history_terms(client, khoi):
    """A đảng bộ cơ sở's page: facts, leaders with a placeholder portrait, its subtree,
    its timeline with the decision, its terms."""
    health = Organization.objects.get(name="Đảng bộ Sở Y tế")
    f.term(health, 2025, 2030, congress_number=5, congress_date=date(2025, 5, 8))
    f.position(
        health,
        f.cadre(full_name="Bùi Đức Thịnh"),
        body=P.Body.BTV,
        title=P.Title.BI_THU,
        started_on=date(2025, 5, 8),
    )
    f.position(health, f.cadre(full_name="Người Cũ"), ended_on=date(2024, 1, 1))
    wf.rename(
        organization=health,
        name="Đảng bộ Sở Y tế tỉnh",
        date=date(2025, 3, 1),
        decision=wf.Decision("3125-QĐ/ĐUK", date(2025, 2, 27), "Ban Thường vụ Đảng ủy Khối"),
    )
    page = html(client, health.get_absolute_url())
    assert '<h1 class="org-title">Đảng bộ Sở Y tế tỉnh</h1>' in page
    assert "Sở Y tế" in page
    assert "Bùi Đức Thịnh" in page
    assert "Người Cũ" not in page  # a past position is not current leadership
    # No photo: a placeholder portrait, decorative inside the link that names the person.
    assert '<span class="portrait portrait--placeholder" aria-hidden="true">' in page
    assert "Đảng bộ bộ phận Bệnh viện tỉnh" in page
    assert "Chi bộ Khối Nội" in page
    assert "Đổi tên từ «Đảng bộ Sở Y tế» thành «Đảng bộ Sở Y tế tỉnh»" in page
    assert "Quyết định số 3125-QĐ/ĐUK ngày 27/02/2025 của Ban Thường vụ Đảng ủy Khối" in page
    assert "Đại hội lần thứ V, ngày 08/05/2025" in page
    assert "26</dd>" in page  # members over its subtree


def test_organization_page_lists_its_published_news_newest_first(client, khoi):
    """News about it: published only, newest first, at most six."""
    health = Organization.objects.get(name="Đảng bộ Sở Y tế")
    category = Category.objects.create(name="Hoạt động cơ sở")
    now = timezone.now()
    for i in range(8):
        article = Article.objects.create(
            title=f"Tin số {i}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(days=i),
        )
        article.organizations.add(health)
    draft = Article.objects.create(title="Bản nháp bí mật", category=category)
    draft.organizations.add(health)
    scheduled = Article.objects.create(
        title="Tin hẹn giờ",
        category=category,
        status=Article.Status.PUBLISHED,
        published_at=now + timedelta(days=1),
    )
    scheduled.organizations.add(health)
    page = html(client, health.get_absolute_url())
    assert page.index("Tin số 0") < page.index("Tin số 5")
    assert "Tin số 6" not in page
    assert "Bản nháp bí mật" not in page
    assert "Tin hẹn giờ" not in page


def test_dissolved_organization_stays_browsable(client, khoi):
    """A dissolved organization's page says since when, and keeps its history."""
    cell = Organization.objects.get(name="Chi bộ Sở Tư pháp")
    wf.dissolve(organization=cell, date=date(2023, 1, 2), decision=wf.Decision("2210-QĐ/ĐUK"))
    page = html(client, cell.get_absolute_url())
    assert "Đã giải thể từ 02/01/2023." in page
    assert "Quyết định số 2210-QĐ/ĐUK" in page
    assert "Lãnh đạo hiện nay" not in page


def test_merged_organization_links_to_where_it_went(client, khoi):
    """A merged organization's page links to the one it merged into."""
    source = Organization.objects.get(name="Chi bộ Sở Tư pháp")
    target = Organization.objects.get(name="Chi bộ Sở Xây dựng")
    wf.merge(sources=[source], into=target, date=date(2025, 3, 1))
    page = html(client, source.get_absolute_url())
    assert (
        f'Đã hợp nhất vào <a href="{target.get_absolute_url()}">Chi bộ Sở Xây dựng</a> '
        "từ 01/03/2025." in page
    )
    target_page = html(client, target.get_absolute_url())
    assert f'Tiếp nhận: <a href="{source.get_absolute_url()}">Chi bộ Sở Tư pháp</a>' in target_page


def test_bloc_page_shows_the_standing_committee_and_links_to_the_chart(client, khoi):
    """The Đảng bộ Khối's page shows its BTV (the full list is /lanh-dao/) and TCCS counts."""
    page = html(client, khoi.get_absolute_url())
    assert "Hoàng Thị Thu Hà" in page
    assert "Đặng Thị Mai" not in page  # BCH only: on /lanh-dao/
    assert "3 tổ chức cơ sở đảng: 1 đảng bộ cơ sở và 2 chi bộ cơ sở." in page


def test_unknown_organization_is_404(client):
    """An unknown slug is a 404, not a 500."""
    response = client.get(reverse("organizations:organization_detail", kwargs={"slug": "khong-co"}))
    assert response.status_code == 404


def test_leadership_page_orders_bodies_and_positions(client, khoi):
    """BTV first (Bí thư before Phó Bí thư by position order), BCH including the BTV, UBKT,
    then the staff departments; "Lãnh đạo qua các thời kỳ" by term, newest first."""
    page = html(client, reverse("organizations:leadership"))
    btv, bch, ubkt, staff = (
        page.index(">Ban Thường vụ<"),
        page.index(">Ban Chấp hành<"),
        page.index(">Ủy ban Kiểm tra<"),
        page.index(">Các ban tham mưu, giúp việc<"),
    )
    assert btv < bch < ubkt < staff
    assert btv < page.index("Hoàng Thị Thu Hà") < page.index("Trần Minh Đức") < bch
    assert bch < page.index("Đặng Thị Mai", bch) < ubkt
    assert page.index("Hoàng Thị Thu Hà", bch) < ubkt  # BTV members are in the BCH too
    assert ubkt < page.index("Phan Thị Ngọc Ánh", ubkt) < staff
    history = page.index("Lãnh đạo qua các thời kỳ")
    assert (
        history
        < page.index("Nhiệm kỳ 2025–2030", history)
        < page.index("Nhiệm kỳ 2020–2025", history)
    )
    assert page.index("Mai Xuân Trường") > page.index("Nhiệm kỳ 2020–2025", history)
    assert page.count("Mai Xuân Trường") == 1  # a past Bí thư is history only


def test_leaders_with_a_photo_show_it(client, khoi):
    """A cadre's uploaded portrait is shown instead of the placeholder."""
    person = Position.objects.get(title=P.Title.BI_THU, ended_on__isnull=True).cadre
    person.photo.save("chan-dung.png", ContentFile(png_bytes()), save=True)
    page = html(client, reverse("organizations:leadership"))
    assert (
        f'<img class="portrait portrait--large" src="{person.photo.url}" width="60" height="75" alt=""'
        in page
    )


def test_leadership_page_without_a_bloc(client):
    """No Đảng bộ Khối yet: a friendly empty page."""
    assert "Chưa cập nhật thông tin lãnh đạo." in html(client, reverse("organizations:leadership"))


def test_cadre_page_shows_public_profile_and_positions(client, khoi):
    """A cadre's page: name, biography, current positions, then positions held before."""
    person = f.cadre(full_name="Lê Văn Hùng", biography="Sinh tại Sơn Hà.\n\nThạc sĩ Kinh tế.")
    f.position(
        khoi, person, body=P.Body.BTV, title=P.Title.PHO_BI_THU, started_on=date(2025, 6, 18)
    )
    cell = Organization.objects.get(name="Chi bộ Sở Tư pháp")
    f.position(
        cell,
        person,
        body=P.Body.BCH,
        title=P.Title.BI_THU,
        started_on=date(2015, 1, 1),
        ended_on=date(2020, 1, 1),
    )
    page = html(client, person.get_absolute_url())
    assert "Lê Văn Hùng" in page
    assert 'role="img" aria-label="Chưa có ảnh chân dung Lê Văn Hùng"' in page
    assert "<p>Sinh tại Sơn Hà.</p>" in page
    assert (
        page.index("Phó Bí thư")
        < page.index("Chức vụ đã đảm nhiệm")
        < page.index("Chi bộ Sở Tư pháp")
    )
    assert "01/2015 – 01/2020" in page


PRIVATE = {
    "birth_date": date(1961, 2, 3),
    "phone": "0999 888 777",
    "email": "bi-mat-rieng-tu@example.vn",
    "party_joined_on": date(1983, 4, 5),
}
PRIVATE_TEXT = [
    "0999 888 777",
    "0999888777",
    "bi-mat-rieng-tu",
    "1961",
    "03/02",
    "02/03",
    "1983",
    "05/04",
    "04/05",
]


def test_private_cadre_fields_appear_on_no_public_page(client, khoi):
    """Birth date, phone, e-mail and party joining date never reach public HTML."""
    person = f.cadre(full_name="Nguyễn Bảo Mật", **PRIVATE, biography="Tiểu sử công khai.")
    f.position(
        khoi, person, body=P.Body.BTV, title=P.Title.UY_VIEN_BTV, started_on=date(2025, 6, 18)
    )
    health = Organization.objects.get(name="Đảng bộ Sở Y tế")
    f.position(health, person, body=P.Body.BTV, title=P.Title.BI_THU, started_on=date(2025, 1, 1))
    urls = [
        reverse("organizations:chart"),
        khoi.get_absolute_url(),
        health.get_absolute_url(),
        reverse("organizations:leadership"),
        person.get_absolute_url(),
    ]
    for url in urls:
        page = html(client, url)
        assert "Nguyễn Bảo Mật" in page or url == reverse("organizations:chart")
        for text in PRIVATE_TEXT:
            assert text not in page, (url, text)


@pytest.mark.parametrize("extra", [0, 60])
def test_public_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, khoi, extra):
    """Chart, organization, leadership and cadre pages: the same few queries at any size."""
    Category.objects.create(name="Tin tức")  # the menu is part of every page
    grow(khoi, extra)
    health = Organization.objects.get(name="Đảng bộ Sở Y tế")
    for i in range(extra // 10):
        f.position(health, started_on=date(2025, 1, 1), order=i)
        f.position(khoi, body=P.Body.BCH, started_on=date(2025, 6, 18))
    person = Position.objects.filter(organization=khoi).first().cadre
    for i in range(extra // 10):
        f.position(f.cell(khoi, name=f"Nơi công tác {i}"), person, started_on=date(2010 + i, 1, 1))
    assert Organization.objects.count() == 7 + 4 * extra + extra // 10
    pages = [
        (reverse("organizations:chart"), CHART_QUERIES),
        (reverse("organizations:chart") + "?ngay=2021-10-15", CHART_QUERIES),
        (health.get_absolute_url(), ORGANIZATION_QUERIES),
        (khoi.get_absolute_url(), ORGANIZATION_QUERIES),
        (reverse("organizations:leadership"), LEADERSHIP_QUERIES),
        (person.get_absolute_url(), CADRE_QUERIES),
    ]
    content_state()  # the page cache's state is stored, as after any first request
    for i, (url, expected) in enumerate(pages):
        assert expected <= 10
        with django_assert_num_queries(expected - (CHROME_QUERIES if i else 0)):
            html(client, url)
    for url, _ in pages:
        # from the page cache, but for the past date, which is always rendered
        with django_assert_num_queries(CHART_QUERIES - CHROME_QUERIES if "ngay=" in url else 0):
            html(client, url)


@pytest.mark.parametrize("issued", [1, 6])
def test_organization_page_lists_the_documents_it_issued_in_one_query(
    client, django_assert_num_queries, khoi, issued
):
    """The "Văn bản ban hành" panel costs one query, whatever the number of documents."""
    Category.objects.create(name="Tin tức")  # the menu is part of every page
    issuer = documents.issuer()
    issuer.organization = khoi
    issuer.save()
    for _ in range(issued):
        documents.document(issuer=issuer)
    content_state()
    with django_assert_num_queries(ORGANIZATION_QUERIES + 1):
        page = html(client, khoi.get_absolute_url())
    assert page.count('class="org-news__item"') >= issued
