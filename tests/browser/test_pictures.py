"""What a phone downloads: renditions no wider than the screen needs (docs/images.md).

Measured from the requests Chromium makes. At 390 px and a device scale factor of 1 the
home and article pages take at most the 640-wide rendition of each picture; at the
phones' usual factor of 2 at most the 800 (docs/images.md).
"""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image, ImageDraw

from safeimage import renditions
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db(transaction=True)

RENDITION = re.compile(r"/media/renditions/.+/(\d+)\.(webp|jpg|png)$")


def photo(seed: int, size=(1600, 900)) -> bytes:
    image = Image.new("RGB", size, (150 + seed * 9 % 100, 40, 40))
    ImageDraw.Draw(image).ellipse([200, 100, 900, 800], fill=(230, 190, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def stored_photo(name: str, seed: int) -> str:
    stored = default_storage.save(name, ContentFile(photo(seed)))
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
    return {"home": reverse("portal:home"), "article": article.get_absolute_url()}


def media_requests(chromium, url, *, scale):
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
    shown = page.evaluate(
        """() => [...document.images].filter(img => img.complete && img.currentSrc
            && img.getBoundingClientRect().top < innerHeight).map(img => img.currentSrc)"""
    )
    context.close()
    return [u for u in seen if "/media/" in u], [u for u in shown if "/media/" in u]


@pytest.mark.parametrize("name", ["home", "article"])
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
