import importlib

import pytest
from django.urls import reverse

from news.models import Category
from pages.models import Page
from sitewide.models import MenuEntry

pytestmark = pytest.mark.django_db(transaction=True)

# The demo's menu: the longest category names readers of such portals know.
CATEGORIES = [
    ("Tin tức – Sự kiện", "Tin tức", 10),
    ("Xây dựng Đảng", "", 20),
    (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Học tập và làm theo Bác",
        30,
    ),
    ("Bảo vệ nền tảng tư tưởng của Đảng", "Bảo vệ nền tảng", 40),
    ("Gương người tốt, việc tốt", "Người tốt, việc tốt", 50),
]
# Sections whose apps are not installed yet, added the way their menu entries will be drawn.
LATER = """(names) => {
  const list = document.getElementById('main-menu');
  const shown = Array.from(list.children, item => item.querySelector('a').textContent.trim());
  for (const name of names.filter(name => !shown.includes(name))) {
    const item = list.children[2].cloneNode(true);
    item.querySelector('a').textContent = name;
    item.querySelector('ul')?.remove();
    list.appendChild(item);
  }
}"""
ENTRIES = importlib.import_module("sitewide.migrations.0002_menu_sections").ENTRIES
ROWS = "els => new Set(els.map(e => e.offsetTop)).size"


@pytest.fixture
def menu():
    # Transactional tests empty the tables the migrations filled: lay the entries again.
    for section, order in ENTRIES:
        MenuEntry.objects.get_or_create(section=section, defaults={"order": order})
    for name, short, order in CATEGORIES:
        Category.objects.create(name=name, short_name=short, order=order)
    Page.objects.create(title="Chức năng, nhiệm vụ")
    MenuEntry.objects.filter(section=MenuEntry.Section.SCHEDULE).update(order=60)


def test_menu_fits_one_line_at_1280_with_every_section(live_server, page, menu):
    """Giới thiệu, Lịch công tác, and later Văn bản and Hỏi đáp, fit one line at 1280 px."""
    page.goto(live_server.url + reverse("schedule:current"))
    items = page.locator("#main-menu > li")
    assert "Giới thiệu" in items.nth(1).text_content()
    assert "Lịch công tác" in page.locator("#main-menu").text_content()
    page.evaluate(LATER, ["Văn bản", "Hỏi đáp"])
    labels = page.eval_on_selector_all(
        "#main-menu > li > a", "els => els.map(e => e.textContent.trim())"
    )
    assert {"Giới thiệu", "Lịch công tác", "Văn bản", "Hỏi đáp"} <= set(labels)
    assert page.eval_on_selector_all("#main-menu > li", ROWS) == 1


def test_menu_sections_are_usable_on_a_phone(live_server, phone_page, menu):
    """At 390 px the folded menu opens on every section, the introduction pages included."""
    phone_page.goto(live_server.url + reverse("portal:home"))
    phone_page.get_by_role("button", name="Chuyên mục").click()
    menu = phone_page.locator("#main-menu")
    for name in (
        "Trang chủ",
        "Giới thiệu",
        "Chức năng, nhiệm vụ",
        "Sơ đồ tổ chức",
        "Lịch công tác",
    ):
        assert menu.get_by_role("link", name=name, exact=True).is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
