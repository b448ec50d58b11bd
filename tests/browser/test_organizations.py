from datetime import date

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from playwright.sync_api import expect

from organizations.models import Organization, OrganizationEvent
from tests.browser.session import log_in
from tests.organizations import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def khoi():
    root = f.bloc(name="Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh Sơn Hà")
    health = f.committee(root, name="Đảng bộ Sở Y tế", member_count=4)
    f.subcell(health, name="Chi bộ Văn phòng Sở Y tế", member_count=9)
    education = f.committee(root, name="Đảng bộ Sở Giáo dục", member_count=3)
    f.subcell(education, name="Chi bộ Phòng Trung học", member_count=7)
    f.cell(root, name="Chi bộ Sở Tư pháp", member_count=21)
    return root


def test_chart_expands_with_the_keyboard(live_server, page, khoi):
    """A keyboard user opens a đảng bộ's sub-organizations with Tab and Enter; no console errors."""
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + reverse("organizations:chart"))
    hidden = page.get_by_role("link", name="Chi bộ Văn phòng Sở Y tế")
    assert not hidden.is_visible()
    toggle = page.locator("summary", has_text="1 chi bộ trực thuộc").first
    page.get_by_role("link", name="Đảng bộ Sở Giáo dục").focus()
    page.keyboard.press("Tab")
    assert toggle.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Chi bộ Phòng Trung học").is_visible()
    assert errors == []


def test_chart_expand_all_on_a_phone(live_server, phone_page, khoi):
    """At 390 px the "Mở rộng tất cả" button (added by script) opens every group."""
    phone_page.goto(live_server.url + reverse("organizations:chart"))
    phone_page.get_by_role("button", name="Mở rộng tất cả").click()
    assert phone_page.get_by_role("link", name="Chi bộ Văn phòng Sở Y tế").is_visible()
    assert phone_page.get_by_role("link", name="Chi bộ Phòng Trung học").is_visible()
    phone_page.get_by_role("button", name="Thu gọn tất cả").click()
    assert not phone_page.get_by_role("link", name="Chi bộ Phòng Trung học").is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing overflows sideways


def test_chart_date_form_shows_the_past(live_server, page, khoi):
    """Typing a date and pressing Xem shows the chart of that day."""
    page.goto(live_server.url + reverse("organizations:chart"))
    page.get_by_label("Xem sơ đồ tại ngày").fill("15/10/2018")
    page.get_by_role("button", name="Xem").click()
    assert "Chưa có Đảng bộ Khối vào ngày 15/10/2018." in page.content()
    page.get_by_label("Xem sơ đồ tại ngày").fill("ngày mai")
    page.get_by_role("button", name="Xem").click()
    assert page.get_by_role("alert").inner_text().startswith("«ngày mai» không phải là một ngày")


def log_in_as_keeper(live_server, page):
    user = User.objects.create_user("tochuc", password="mat-khau-dai-123", is_staff=True)
    # Transactional tests flush the data migrations' groups: give the permissions directly.
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="organizations"))
    log_in(page, live_server.url, "tochuc", "mat-khau-dai-123")


def test_admin_tree_collapses_and_moves_through_the_form(live_server, page, khoi):
    """In the admin tree a chi bộ is cut, pasted under another đảng bộ (only legal targets
    offer it), and the move form records the decision."""
    log_in_as_keeper(live_server, page)
    page.goto(live_server.url + reverse("admin:organizations_organization_changelist"))

    office_row = page.locator("#result_list tr", has_text="Chi bộ Văn phòng Sở Y tế")
    assert not office_row.is_visible()  # collapsed below its đảng bộ at first
    health_row = page.locator("#result_list tr", has_text="Đảng bộ Sở Y tế")
    toggle = health_row.locator(".collapse-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert office_row.is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"

    office_row.get_by_role("button", name="Chuyển «Chi bộ Văn phòng Sở Y tế»").click()
    assert "Đang chuyển «Chi bộ Văn phòng Sở Y tế»" in page.locator(".move-status").inner_text()
    education_row = page.locator("#result_list tr", has_text="Đảng bộ Sở Giáo dục")
    cell_row = page.locator("#result_list tr", has_text="Chi bộ Sở Tư pháp")
    assert education_row.locator(".move-paste").is_visible()
    assert not cell_row.locator(".move-paste").count()  # a chi bộ cơ sở holds nothing
    assert not health_row.locator(".move-paste").is_visible()  # already there
    education_row.locator(".move-paste").select_option("child")

    page.wait_for_url("**/chuyen/?parent=*")
    assert (
        page.locator("#id_parent option:checked")
        .inner_text()
        .endswith("Đảng bộ Sở Giáo dục (Đảng bộ cơ sở)")
    )
    page.fill("#id_decision_number", "88-QĐ/ĐUK")
    page.get_by_role("button", name="Chuyển").click()
    page.wait_for_url("**/change/")
    expect(page.locator(".messagelist")).to_contain_text("Đã chuyển «Chi bộ Văn phòng Sở Y tế»")

    office = Organization.objects.get(name="Chi bộ Văn phòng Sở Y tế")
    assert office.parent.name == "Đảng bộ Sở Giáo dục"
    event = OrganizationEvent.objects.get(organization=office)
    assert event.decision_number == "88-QĐ/ĐUK"
    assert event.date <= date.today()  # noqa: DTZ011 (today's default, any zone)


def test_new_organization_from_the_plus_beside_a_field(live_server, page, khoi):
    """On a new position, "+" beside "Tổ chức" opens the establish form in a popup; founding
    the organization there closes the popup and puts it in the field."""
    log_in_as_keeper(live_server, page)
    page.goto(live_server.url + reverse("admin:organizations_position_add"))
    with page.expect_popup() as opened:
        page.click("#add_id_organization")
    popup = opened.value
    popup.wait_for_load_state()
    assert not popup.locator(".breadcrumbs").count()
    popup.fill("#id_name", "Chi bộ Công ty Điện lực")
    popup.select_option("#id_kind", Organization.Kind.GRASSROOTS_CELL)
    popup.select_option("#id_parent", str(khoi.pk))
    popup.fill("#id_decision_number", "401-QĐ/ĐUK")
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Thành lập").click()
    created = Organization.objects.get(name="Chi bộ Công ty Điện lực")
    chosen = page.locator("#id_organization option:checked")
    assert chosen.get_attribute("value") == str(created.pk)
    assert chosen.inner_text() == "Chi bộ Công ty Điện lực"
    assert created.events.get().decision_number == "401-QĐ/ĐUK"
