import pytest
from django.urls import reverse

from portal.models import SiteSettings

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_chrome_in_a_real_browser(live_server, page):
    """Header, date, search box and legal footer render in Chromium without console errors."""
    SiteSettings.objects.create(responsible_person="Nguyễn Văn An")
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + reverse("portal:home"))
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator(".brand__name").inner_text().strip() != ""
    assert page.get_by_role("search").is_visible()
    assert "Chịu trách nhiệm chính" in page.locator(".site-footer").inner_text()
    assert errors == []


def test_menu_toggles_on_a_phone(live_server, phone_page):
    """At 390 px the menu is folded behind a button that opens it."""
    phone_page.goto(live_server.url + reverse("portal:home"))
    menu = phone_page.locator("#main-menu")
    assert not menu.is_visible()
    phone_page.get_by_role("button", name="Chuyên mục").click()
    assert menu.is_visible()
