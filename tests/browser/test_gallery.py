"""The album viewer in Chromium: opened from the grid, moved with the arrow keys, closed
with Escape (focus back on the photo's link); without JavaScript the grid's links lead
to each photo's page; axe finds nothing on the gallery's pages, viewer open or not."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.axe import WIDTHS, violations
from tests.gallery import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def album():
    album = factories.make_album(photos=0, published=True, title="Đại hội Đảng bộ Khối")
    for n, colour in enumerate([(181, 18, 27), (20, 90, 160), (40, 140, 60)]):
        factories.add_photo(
            album,
            image=factories.jpeg(size=(640, 360), colour=colour),
            order=n,
            alt=f"Ảnh số {n + 1} của đại hội",
            caption=f"Chú thích {n + 1}",
            photographer="Minh Tâm",
        )
    return album


def test_viewer_moves_with_the_arrow_keys_and_closes_with_escape(live_server, page, album):
    page.goto(live_server.url + album.get_absolute_url())
    links = page.locator(".album-grid__link")
    expect(links).to_have_count(3)
    links.nth(0).click()
    viewer = page.locator("#viewer")
    expect(viewer).to_be_visible()
    expect(page.locator("#viewer-count")).to_have_text("Ảnh 1/3")
    expect(page.locator(".viewer__image")).to_have_attribute("alt", "Ảnh số 1 của đại hội")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#viewer-count")).to_have_text("Ảnh 2/3")
    expect(page.locator(".viewer__caption")).to_have_text("Chú thích 2 · Ảnh: Minh Tâm")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # past the last: stays there
    expect(page.locator("#viewer-count")).to_have_text("Ảnh 3/3")
    expect(page.locator("[data-viewer-next]")).to_be_disabled()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#viewer-count")).to_have_text("Ảnh 2/3")
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    # The dialog first gives focus back to its opener (photo 1); its `close` event, a task
    # later, moves it to the photo shown last: wait for that.
    expect(links.nth(1)).to_be_focused()
    assert page.url == live_server.url + album.get_absolute_url()  # never left the album


def test_viewer_opens_from_the_keyboard_and_swipes_on_a_phone(live_server, phone_page, album):
    page = phone_page
    page.goto(live_server.url + album.get_absolute_url())
    page.locator(".album-grid__link").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#viewer-count")).to_have_text("Ảnh 1/3")
    box = page.locator(".viewer__figure").bounding_box()
    y = box["y"] + box["height"] / 2
    page.evaluate(
        """([x0, x1, y]) => {
          const target = document.querySelector('.viewer__figure');
          const fire = (type, x) => target.dispatchEvent(new PointerEvent(type,
            {bubbles: true, pointerType: 'touch', clientX: x, clientY: y}));
          fire('pointerdown', x0); fire('pointerup', x1);
        }""",
        [box["x"] + box["width"] - 20, box["x"] + 20, y],
    )
    expect(page.locator("#viewer-count")).to_have_text("Ảnh 2/3")
    page.locator("[data-viewer-close]").click()
    expect(page.locator("#viewer")).to_be_hidden()


def test_without_javascript_the_grid_links_to_each_photo_page(live_server, chromium, album):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(live_server.url + album.get_absolute_url())
        expect(page.locator("#viewer")).to_be_hidden()
        page.locator(".album-grid__link").nth(1).click()
        second = album.photos.all()[1]
        assert page.url == live_server.url + second.get_absolute_url()
        expect(page.locator(".photo-page__figure img")).to_have_attribute("alt", second.alt)
        page.locator("a[rel=next]").click()
        assert page.url == live_server.url + album.photos.all()[2].get_absolute_url()
    finally:
        context.close()


def test_gallery_pages_and_the_open_viewer_have_no_axe_violation(live_server, chromium, axe, album):
    photo = album.photos.first()
    paths = [reverse("gallery:album_list"), album.get_absolute_url(), photo.get_absolute_url()]
    axe.check_paths(chromium, live_server.url, paths)
    report = []
    for width in WIDTHS:
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.goto(live_server.url + album.get_absolute_url())
        page.locator(".album-grid__link").first.click()
        expect(page.locator("#viewer")).to_be_visible()
        report.extend(f"{width}px viewer: {v}" for v in violations(page))
        context.close()
    assert not report, "\n".join(report)


def test_video_pages_have_no_axe_violation(live_server, chromium, axe):
    from gallery import videos, workflow
    from gallery.models import Video
    from portal.demo.gallery import VIDEO_CAPTIONS, make_video

    if not videos.tools_present():
        pytest.skip("ffmpeg is not installed")
    own = Video(
        title="Phóng sự Đại hội",
        date="2025-10-15",
        file=factories.SimpleUploadedFile("v.mp4", make_video("mp4", seconds=1, size="320x180")),
        captions=factories.SimpleUploadedFile("v.vtt", VIDEO_CAPTIONS.encode()),
        transcript="Kính thưa các đại biểu.",
    )
    linked = Video(
        title="Video trên YouTube",
        date="2025-09-01",
        external_url="https://youtu.be/dQw4w9WgXcQ",
        poster=factories.jpeg(size=(640, 360)),
    )
    for video in (own, linked):
        video.full_clean()
        video.save()
        workflow.publish_video(video=video, actor=None, skip_permission_checks=True)
    paths = [reverse("gallery:video_list"), own.get_absolute_url(), linked.get_absolute_url()]
    axe.check_paths(chromium, live_server.url, paths)
