"""What a phone downloads: renditions no wider than the screen needs (docs/images.md).

Measured from the requests Chromium makes. At 390 px and a device scale factor of 1 the
home, article and event-thread pages take at most the 640-wide rendition of each
picture; at the phones' usual factor of 2 at most the 800 (docs/images.md). The
thread's banner and cards and the related websites' logos (scrolled to, they are lazy)
are among the pictures measured.
"""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image, ImageDraw

from news.models import Article
from news.threads import Thread
from safeimage import renditions
from sitewide.models import Link
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db(transaction=True)

RENDITION = re.compile(r"/media/renditions/.+/(\d+)\.(webp|jpg|png)$")


def photo(seed: int, size=(1600, 900), image_format="JPEG") -> bytes:
    image = Image.new("RGB", size, (150 + seed * 9 % 100, 40, 40))
    ImageDraw.Draw(image).ellipse([size[0] // 8, 0, size[0] // 2, size[1]], fill=(230, 190, 40))
    out = io.BytesIO()
    image.save(out, image_format, **({"quality": 85} if image_format == "JPEG" else {}))
    return out.getvalue()


def stored_photo(name: str, seed: int, **drawn) -> str:
    stored = default_storage.save(name, ContentFile(photo(seed, **drawn)))
    renditions.make(stored)
    return stored


@pytest.fixture
def pages():
    party = make_category("Xây dựng Đảng", show_on_home=True)
    news = make_category("Tin tức", show_on_home=True)
    for index in range(6):
        make_published(
            news if index % 2 else party,
            f"Tin số {index}",
            ago=timedelta(hours=index + 2),
            cover_image=stored_photo(f"articles/tin-{index}.jpg", index),
            is_featured=index < 2,
        )
    inside = stored_photo("uploads/2026/11/hoi-nghi.jpg", 9)
    article = make_published(
        party,
        "Hội nghị Ban Chấp hành Đảng bộ Khối",
        sapo="Chiều 15/10/2021, Ban Chấp hành Đảng bộ Khối đã tổ chức Hội nghị.",
        body=(
            f'<p>Mở đầu.</p><p><img src="/media/{inside}" alt="Toàn cảnh hội nghị"></p>'
            + "<p>Nội dung. </p>" * 5
        ),
        cover_image=stored_photo("articles/hoi-nghi.jpg", 20),
        ago=timedelta(hours=1),
        is_featured=True,
    )
    thread = Thread.objects.create(
        name="Đại hội Đảng bộ Khối lần thứ IV",
        banner=stored_photo("threads/dai-hoi.jpg", 30, size=(1600, 400)),
        banner_alt="Băng rôn Đại hội",
        is_featured=True,  # its card, banner and all, is on the home page too
    )
    thread.articles.set(Article.objects.all())
    for order in range(3):
        Link.objects.create(
            name=f"Trang liên kết {order}",
            url=f"https://lienket{order}.example.vn/",
            order=order,
            logo=stored_photo(
                f"links/logo-{order}.png", 40 + order, size=(400, 400), image_format="PNG"
            ),
        )
    return {
        "home": reverse("portal:home"),
        "article": article.get_absolute_url(),
        "thread": thread.get_absolute_url(),
    }


def media_requests(chromium, url, *, scale, scroll=False):
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=scale,
        is_mobile=True,
        locale="vi-VN",
    )
    page = context.new_page()
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(url, wait_until="networkidle")
    if scroll:  # to the end, row by row, so that lazy pictures (the links' logos) load
        page.evaluate(
            """async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) {
                scrollTo(0, y); await new Promise(r => requestAnimationFrame(r)); } }"""
        )
        page.wait_for_load_state("networkidle")
    shown = page.evaluate(
        """() => [...document.images].filter(img => img.complete && img.currentSrc
            && (scroll || img.getBoundingClientRect().top < innerHeight))
            .map(img => img.currentSrc)"""
    )
    context.close()
    return [u for u in seen if "/media/" in u], [u for u in shown if "/media/" in u]


@pytest.mark.parametrize("name", ["home", "article", "thread"])
@pytest.mark.parametrize(("scale", "widest"), [(1, 640), (2, 800)])
def test_a_phone_downloads_renditions_its_screen_needs(
    live_server, chromium, pages, name, scale, widest
):
    """Every picture requested is a WebP rendition at most `widest` pixels wide."""
    requested, shown = media_requests(chromium, live_server.url + pages[name], scale=scale)
    assert shown, "the first screen shows pictures"
    assert requested
    for url in requested:
        match = RENDITION.search(url)
        assert match, f"an original was downloaded: {url}"
        assert int(match.group(1)) <= widest, url
        assert match.group(2) == "webp", url
    assert set(shown) <= set(requested)


@pytest.mark.parametrize("name", ["home", "thread"])
def test_the_whole_page_takes_renditions_logos_included(live_server, chromium, pages, name):
    """Scrolled to the end at 390 px ×1: every picture, thread banners and the links' logos
    included, is a WebP rendition no wider than the 640; each logo (shown at 24 px) is the
    smallest (96 wide)."""
    requested, shown = media_requests(chromium, live_server.url + pages[name], scale=1, scroll=True)
    logos = [url for url in requested if "/links/" in url]
    if name == "home":
        assert len(logos) == 3, requested
        assert any("/threads/" in url for url in requested), requested
    else:
        assert any("/threads/" in url for url in shown), shown
    for url in requested:
        match = RENDITION.search(url)
        assert match, f"an original was downloaded: {url}"
        assert int(match.group(1)) <= 640, url
        assert match.group(2) == "webp", url
    assert all(RENDITION.search(url).group(1) == "96" for url in logos), logos
    assert set(shown) <= set(requested)


def test_body_picture_is_a_rendition_and_sized(live_server, page, pages):
    """The picture inside the article's text comes from its renditions, with a size."""
    page.goto(live_server.url + pages["article"], wait_until="networkidle")
    body_image = page.locator(".article__body img")
    body_image.scroll_into_view_if_needed()
    body_image.evaluate("img => img.decode()")
    assert RENDITION.search(body_image.evaluate("img => img.currentSrc"))
    assert body_image.get_attribute("width") == "1600"
    assert body_image.get_attribute("height") == "900"
    cover = page.locator(".article__cover img")
    assert cover.get_attribute("fetchpriority") == "high"
    assert cover.get_attribute("loading") is None
