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
    """Giới thiệu, Tổ chức đảng, Văn bản, Lịch công tác and Hỏi đáp fit one line at 1280 px,
    in the order an admin set."""
    page.goto(live_server.url + reverse("schedule:current"))
    labels = page.eval_on_selector_all(
        "#main-menu > li > a", "els => els.map(e => e.textContent.trim())"
    )
    sections = ["Giới thiệu", "Tổ chức đảng", "Văn bản", "Lịch công tác", "Hỏi đáp"]
    assert [label for label in labels if label in sections] == [
        "Giới thiệu",
        "Tổ chức đảng",
        "Lịch công tác",  # moved before Văn bản by the fixture
        "Văn bản",
        "Hỏi đáp",
    ]
    assert page.eval_on_selector_all("#main-menu > li", ROWS) == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280


def test_menu_sections_are_usable_on_a_phone(live_server, phone_page, menu):
    """At 390 px the folded menu opens on every section, the introduction pages included."""
    phone_page.goto(live_server.url + reverse("portal:home"))
    phone_page.get_by_role("button", name="Chuyên mục").click()
    menu = phone_page.locator("#main-menu")
    for name in (
        "Trang chủ",
        "Giới thiệu",
        "Chức năng, nhiệm vụ",
        "Tổ chức đảng",
        "Sơ đồ tổ chức",
        "Văn bản",
        "Lịch công tác",
        "Hỏi đáp",
    ):
        assert menu.get_by_role("link", name=name, exact=True).is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
