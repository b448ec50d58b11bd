import pytest
from django.urls import reverse

from portal.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_home_renders_without_site_settings(client):
    """Before anyone fills in the footer, the home page still renders with the defaults."""
    assert not SiteSettings.objects.exists()
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh" in html
    assert "Cơ quan chủ quản" not in html  # empty lines are left out, not shown blank


def test_home_footer_shows_site_settings(client):
    """The footer shows every legally required item filled in the admin."""
    SiteSettings.objects.create(
        owner_name="Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Quảng Trị",
        supervising_body="Tỉnh ủy Quảng Trị",
        responsible_person="Nguyễn Văn An – Phó Bí thư Thường trực",
        address="Số 1 Hùng Vương, Đông Hà",
        phone="0233 3852 000",
        email="dukcqdn@example.vn",
        licence="Giấy phép số 12/GP-TTĐT ngày 01/02/2022",
        attribution_note="Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
    )
    html = client.get(reverse("portal:home")).content.decode()
    for text in [
        "Cơ quan chủ quản:",
        "Tỉnh ủy Quảng Trị",
        "Chịu trách nhiệm chính:",
        "Nguyễn Văn An – Phó Bí thư Thường trực",
        "Số 1 Hùng Vương, Đông Hà",
        "0233 3852 000",
        "dukcqdn@example.vn",
        "Giấy phép số 12/GP-TTĐT ngày 01/02/2022",
        "Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
    ]:
        assert text in html


def test_site_settings_is_a_single_record():
    """Saving a second record updates the one that exists instead of adding another."""
    SiteSettings.objects.create(owner_name="A")
    SiteSettings(owner_name="B").save()
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.load().owner_name == "B"


def test_header_shows_today_in_vietnamese(client):
    """The header carries today's date with a Vietnamese weekday."""
    html = client.get(reverse("portal:home")).content.decode()
    assert any(
        day in html
        for day in ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
    )


def test_404_page_is_vietnamese(client):
    """An unknown path answers 404 with the portal's Vietnamese page."""
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Về trang chủ" in html


def test_500_page_is_vietnamese_and_standalone():
    """The 500 page renders without a request context and speaks Vietnamese."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in html


def test_admin_login_is_vietnamese(client):
    """The admin login page is titled for the portal and speaks Vietnamese."""
    html = client.get(reverse("admin:login")).content.decode()
    assert "Quản trị Trang Thông tin điện tử Đảng ủy Khối" in html
    assert "Đăng nhập" in html
    assert "Mật khẩu" in html


def test_site_settings_admin_leads_to_the_single_record(admin_client):
    """The SiteSettings list opens the add form first, then the one record."""
    url = reverse("admin:portal_sitesettings_changelist")
    assert admin_client.get(url)["Location"] == reverse("admin:portal_sitesettings_add")
    SiteSettings.objects.create()
    assert admin_client.get(url)["Location"] == reverse(
        "admin:portal_sitesettings_change", args=[SiteSettings.SINGLETON_ID]
    )
