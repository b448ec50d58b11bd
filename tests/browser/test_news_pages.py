from datetime import timedelta

import pytest
from django.urls import reverse

from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article():
    party = make_category("Xây dựng Đảng", show_on_home=True)
    for day in range(1, 4):
        make_published(party, f"Tin cũ {day}", ago=timedelta(days=day))
    return make_published(
        party,
        "Đảng ủy Khối: Hội nghị Ban Chấp hành lần thứ 5, nhiệm kỳ 2020-2025",
        sapo="Chiều 15/10/2021, Ban Chấp hành Đảng bộ Khối đã tổ chức Hội nghị.",
        body="<p>" + "Nội dung hội nghị rất dài. " * 80 + "</p>",
        author_name="Xuân Hiền",
        source_name="Web Quảng Trị",
        ago=timedelta(hours=1),
    )


def collect_errors(page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_article_on_a_phone_fits_the_screen_and_copies_its_link(live_server, phone_page, article):
    """At 390 px nothing scrolls sideways; "Sao chép liên kết" copies the canonical URL."""
    errors = collect_errors(phone_page)
    phone_page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    phone_page.goto(live_server.url + article.get_absolute_url())
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone_page.locator("h1").count() == 1
    byline = phone_page.locator(".article__byline")
    assert byline.evaluate("el => getComputedStyle(el).textAlign") == "right"

    phone_page.get_by_role("button", name="Sao chép liên kết").click()
    phone_page.get_by_text("Đã sao chép liên kết.").wait_for()
    copied = phone_page.evaluate("navigator.clipboard.readText()")
    assert copied == live_server.url + article.get_absolute_url()
    assert errors == []


def test_print_shows_the_article_without_menus_or_lists(live_server, page, article):
    """The print stylesheet hides the menu, sharing and "Các tin khác", keeps the article."""
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator(".other-news").is_visible()
    page.emulate_media(media="print")
    for hidden in (".main-nav", ".share", ".other-news", ".breadcrumb", ".search-box"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".article__body").is_visible()
    assert page.locator(".article__print-source").is_visible()


def test_desktop_article_puts_other_news_beside_the_text(live_server, page, article):
    """At 1280 px "Các tin khác" sits in a column to the right of the article."""
    page.goto(live_server.url + article.get_absolute_url())
    text = page.locator("article.article").bounding_box()
    aside = page.locator(".other-news").bounding_box()
    assert aside["x"] >= text["x"] + text["width"]
    assert page.locator(".other-news li").count() == 3


def test_search_from_the_header_finds_articles_without_accents(live_server, page, article):
    """Typing "dang uy khoi" in the header box lists the article with the words marked."""
    errors = collect_errors(page)
    page.goto(live_server.url + reverse("portal:home"))
    page.locator("#search-q").fill("dang uy khoi")
    page.locator("#search-q").press("Enter")
    page.wait_for_url("**/tim-kiem/**")
    assert page.locator(".search-summary").inner_text().startswith("Tìm thấy 1 bài viết")
    assert page.locator(".search-results mark").first.inner_text() == "Đảng"
    assert errors == []


def test_home_and_category_pages_render_without_errors_on_a_phone(live_server, phone_page, article):
    """Home and category pages load at 390 px without console errors or sideways scrolling."""
    errors = collect_errors(phone_page)
    for url in (reverse("portal:home"), article.category.get_absolute_url()):
        phone_page.goto(live_server.url + url)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, url
    assert errors == []
