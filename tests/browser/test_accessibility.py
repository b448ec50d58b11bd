"""WCAG 2.1 AA in a real browser: axe on every public page type, focus, hover, menus.

What is checked and how to add a page: docs/accessibility.md.
"""

import importlib
from datetime import date, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, Issuer
from news.models import Article, Category, Tag, Thread
from organizations.models import Cadre, Organization, Position
from pages.models import CONTACT_SLUG, Page
from questions.models import Question, Topic
from sitewide.models import MenuEntry, Notice
from sitewide.notices import notices_changed
from tests.browser.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)

_questions_data = importlib.import_module(
    "questions.migrations.0002_keeper_group_topics_departments"
)
_documents_data = importlib.import_module(
    "documents.migrations.0003_document_keeper_role_and_kinds"
)
_menu_entries = importlib.import_module("sitewide.migrations.0002_menu_sections").ENTRIES
ANCHOR = date(2026, 6, 1)  # the demo's; its schedule weeks lie around it

# Composited background behind an element and WCAG contrast, computed in the page.
CONTRAST_JS = """
(el) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
  });
  const layers = [];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg && bg.a > 0) { layers.push(bg); if (bg.a >= 1) break; }
  }
  let bg = {r: 255, g: 255, b: 255, a: 1};
  for (const layer of layers.reverse()) bg = over(layer, bg);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const style = getComputedStyle(el);
  const ring = parse(style.outlineColor);
  const [a, b] = [lum(over(ring, bg)), lum(bg)].sort((x, y) => y - x);
  return {
    ratio: (a + 0.05) / (b + 0.05),
    width: parseFloat(style.outlineWidth) || 0,
    style: style.outlineStyle,
    what: el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""),
  };
}
"""


def seed_demo():
    if not Topic.objects.exists():  # rows of a data migration, gone when a test flushed them
        _questions_data.create(apps, None)
    if not Issuer.objects.exists():  # the same for the documents' kinds and issuers
        _documents_data.create(apps, None)
    for section, order in _menu_entries:  # and the menu's section entries
        MenuEntry.objects.get_or_create(section=section, defaults={"order": order})
    call_command(
        "seed_demo",
        "--anchor",
        ANCHOR.isoformat(),
        "--articles",
        "24",
        "--organizations",
        "12",
        stdout=StringIO(),
    )


def _this_week() -> dict:
    iso = ANCHOR.isocalendar()
    return {"year": iso.year, "week": iso.week}


def public_paths():
    """One path per public page type, taken from the demo content."""
    article = Article.objects.published().exclude(cover_image="").first()
    category = article.category
    organization = Organization.objects.exclude(parent=None).order_by("pk").first()
    cadre = Cadre.objects.filter(positions__body=Position.Body.BTV).first()
    assert Category.objects.filter(parent__isnull=False).exists()  # the menu has dropdowns
    search = reverse("news:search")
    thread = Thread.objects.filter(articles__isnull=False).exclude(banner="").first()
    in_thread = thread.articles.published().filter(attachments__isnull=False).first()
    tag = Tag.objects.filter(articles__isnull=False).first()
    return {
        "home": reverse("portal:home"),
        "category list": reverse("news:category_list"),
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "article in a thread, with tags and attachments": in_thread.get_absolute_url(),
        "threads": reverse("news:thread_list"),
        "thread": thread.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "search form": search,
        "search with results": search + "?q=dang+uy+khoi",
        "search without results": search + "?q=khongcobaivietnaonhuvay",
        "chart": reverse("organizations:chart"),
        "organization": organization.get_absolute_url(),
        "leadership": reverse("organizations:leadership"),
        "cadre": cadre.get_absolute_url(),
        "accessibility": reverse("portal:accessibility"),
        "questions": reverse("questions:list"),
        "question": Question.objects.published().first().get_absolute_url(),
        "ask a question": reverse("questions:ask"),
        "look up a question": reverse("questions:lookup"),
        "introduction": reverse("pages:index"),
        "introduction page": (
            Page.objects.published().exclude(slug=CONTACT_SLUG).first().get_absolute_url()
        ),
        "contact": reverse("pages:page_detail", kwargs={"slug": CONTACT_SLUG}),
        "schedule week": reverse("schedule:week", kwargs=_this_week()),
        "schedule print": reverse("schedule:week_print", kwargs=_this_week()),
        "site map": reverse("portal:site_map"),
        "questions of a topic": Question.objects.published().first().topic.get_absolute_url(),
        "question search": reverse("questions:list") + "?q=dang+vien",
        "documents": reverse("documents:document_list"),
        "documents searched": reverse("documents:document_list") + "?q=ke+hoach&cap=dang-uy-khoi",
        "document": Document.objects.public()
        .filter(replaces__isnull=False)
        .first()
        .get_absolute_url(),
        "404": "/khong-co-trang-nay/",
    }


def test_every_public_page_type_has_no_axe_violation(live_server, chromium, axe):
    """axe (WCAG 2.0/2.1 A+AA and best practices) finds nothing on any page, at 390 and 1280 px."""
    seed_demo()
    # The demo's downtime notice shows around its anchor; one showing now puts the
    # banner on every page checked.
    Notice.objects.create(
        title="Tạm ngừng hoạt động để nâng cấp hệ thống",
        message="Mong bạn đọc thông cảm.",
        level=Notice.Level.DOWNTIME,
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(days=1),
        downtime_starts_at=timezone.now() + timedelta(hours=20),
        downtime_ends_at=timezone.now() + timedelta(hours=22),
        restored_at=timezone.now() + timedelta(hours=22),
    )
    notices_changed()  # as the admin does (the tests start with an empty list cached)
    paths = public_paths()
    axe.check_paths(chromium, live_server.url, list(dict.fromkeys(paths.values())))


def test_a_low_contrast_style_makes_the_check_fail(live_server, page, axe):
    """Proof that the check bites: grey-on-white text added to a clean page is reported."""
    Category.objects.create(name="Tin tức")
    page.goto(live_server.url + reverse("portal:home"))
    axe.check(page)
    page.evaluate(
        """() => { const p = document.createElement('p'); p.textContent = 'Chữ mờ khó đọc';
        p.style.color = '#bbbbbb'; p.style.background = '#ffffff';
        document.querySelector('main').appendChild(p); }"""
    )
    with pytest.raises(AssertionError, match="color-contrast"):
        axe.check(page)


def test_focus_ring_is_visible_against_what_surrounds_it(live_server, page):
    """Every stop of the Tab order shows a ring of 3 px with at least 3:1 contrast."""
    seed_demo()
    page.goto(live_server.url + reverse("portal:home"))
    weak = []
    for _ in range(45):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body", focused):
            break
        ring = page.evaluate(CONTRAST_JS, focused)
        if ring["style"] == "none" or ring["width"] < 2 or ring["ratio"] < 3:
            weak.append(ring)
    assert weak == []


HOVER_AND_FOCUS = {
    "home": [
        ".main-nav__link",
        ".main-nav__sub a",
        ".lead-story__title a",
        ".card__title a",
        ".thumb__title a",
        ".news-list__item a",
        ".latest-list__item a",
        ".section-title a",
        ".site-footer a",
        ".search-box button",
        ".text-size__button",
    ],
    "category": [".subnav__link", ".pagination__link", ".rss-link", ".breadcrumb a"],
    "article": [".share__button", ".other-news__more a", ".article__source a"],
    "chart": [".org-node__name", ".org-root__name a", ".org-root__links a", ".button"],
}


def test_links_and_buttons_keep_their_contrast_on_hover_and_focus(live_server, page):
    """Hovered and focused, the portal's links and buttons still pass axe's contrast rule."""
    seed_demo()
    paths = public_paths()
    failures = []
    for name, selectors in HOVER_AND_FOCUS.items():
        page.goto(live_server.url + paths[name])
        for selector in selectors:
            element = page.locator(selector).locator("visible=true").first
            if not element.count():
                continue
            for state in ("hover", "focus"):
                getattr(element, state)()
                found = violations(page, context=selector, rules=["color-contrast"])
                failures += [f"{name} {selector} {state}: {v}" for v in found]
            page.mouse.move(0, 0)
    assert failures == []


def test_dropdowns_open_and_close_with_the_keyboard(live_server, page):
    """Enter and Space open a dropdown (aria-expanded follows); Escape closes it and
    gives focus back to its button, also from inside the list."""
    seed_demo()
    page.goto(live_server.url + reverse("portal:home"))
    item = page.locator(".main-nav__item.has-children").last
    button, sub = item.locator(".main-nav__subtoggle"), item.locator(".main-nav__sub")
    assert button.get_attribute("aria-expanded") == "false"
    assert not sub.is_visible()

    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert sub.is_visible()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not sub.is_visible()
    assert page.evaluate("document.activeElement.className") == "main-nav__subtoggle"

    page.keyboard.press("Space")
    assert sub.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.main-nav__sub') !== null")
    page.keyboard.press("Escape")
    assert not sub.is_visible()
    assert page.evaluate("document.activeElement.className") == "main-nav__subtoggle"


def test_phone_menu_closes_with_escape(live_server, phone_page):
    """On a phone the folded menu opens with its button and Escape folds it again."""
    seed_demo()
    phone_page.goto(live_server.url + reverse("portal:home"))
    toggle = phone_page.locator(".main-nav__toggle")
    toggle.focus()
    phone_page.keyboard.press("Enter")
    assert phone_page.locator("#main-menu").is_visible()
    phone_page.keyboard.press("Escape")
    assert not phone_page.locator("#main-menu").is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("width", [360, 600, 899, 900, 1024, 1280, 1440, 1920])
def test_menu_never_overflows_the_window(live_server, chromium, width):
    """At any width from 360 to 1920 px, every open dropdown stays inside the window and
    the page never scrolls sideways."""
    seed_demo()
    context = chromium.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + reverse("portal:home"))
    if page.locator(".main-nav__toggle").is_visible():
        page.locator(".main-nav__toggle").click()
    outside = []
    for index in range(page.locator(".main-nav__item.has-children").count()):
        item = page.locator(".main-nav__item.has-children").nth(index)
        button = item.locator(".main-nav__subtoggle")
        if button.is_visible():
            button.click()
        box = item.locator(".main-nav__sub").bounding_box()
        if box["x"] < 0 or box["x"] + box["width"] > width:
            outside.append((index, box))
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert outside == []


def test_text_size_control_scales_the_page_and_is_remembered(live_server, page):
    """A+ twice makes the text 125 %, survives a reload (localStorage, no cookie),
    stops at its largest step; A returns to the default."""
    seed_demo()
    page.goto(live_server.url + reverse("portal:home"))
    size = "() => parseFloat(getComputedStyle(document.body).fontSize)"
    default = page.evaluate(size)
    bigger = page.get_by_role("button", name="Tăng cỡ chữ")
    bigger.click()
    bigger.click()
    assert page.evaluate(size) == pytest.approx(default * 1.25)
    assert bigger.is_disabled()
    page.reload()
    assert page.evaluate(size) == pytest.approx(default * 1.25)
    assert page.context.cookies() == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    assert page.evaluate(size) == pytest.approx(default)
    assert page.evaluate("localStorage.getItem('portal.textSize')") is None
