"""The article editor in a real browser: CKEditor loads in Vietnamese and uploads images."""

import re

import pytest
from django.urls import reverse

from news.models import Article
from tests.browser.session import log_in
from tests.news.factories import EDITOR, image_upload, make_category, make_user

pytestmark = pytest.mark.django_db(transaction=True)

READY = (
    "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
)


def open_new_article(page, live_server):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + reverse("admin:news_article_add"))
    page.wait_for_function(READY)
    return errors


def test_editor_loads_in_vietnamese_with_the_newsroom_toolbar(live_server, page):
    """CKEditor starts without errors, speaks Vietnamese and has no HTML source button."""
    make_user("bientap", EDITOR)
    log_in(page, live_server.url, "bientap")
    errors = open_new_article(page, live_server)
    assert page.evaluate("CKEDITOR.instances.id_body.langCode") == "vi"
    assert page.locator(".cke_button__bold").count() == 1
    assert page.locator(".cke_button__image").count() == 1
    assert page.locator(".cke_button__source").count() == 0
    assert errors == []


def test_superuser_has_the_source_button(live_server, page):
    """The HTML source button is there for superusers only."""
    make_user("quantri", is_superuser=True)
    log_in(page, live_server.url, "quantri")
    open_new_article(page, live_server)
    assert page.locator(".cke_button__source").count() == 1


def test_image_uploaded_from_the_dialog_and_article_saved(live_server, page, settings, tmp_path):
    """The image dialog's upload tab stores the picture (CSRF header sent) and the article saves."""
    settings.MEDIA_ROOT = tmp_path
    make_user("bientap", EDITOR)
    category = make_category()
    photo = tmp_path / "Hội nghị.jpg"
    photo.write_bytes(image_upload(size=(120, 80)).read())

    log_in(page, live_server.url, "bientap")
    errors = open_new_article(page, live_server)
    page.click(".cke_button__image")
    page.get_by_role("tab", name="Tải lên").click()
    page.frame_locator(".cke_dialog_ui_input_file iframe").locator(
        "input[type=file]"
    ).set_input_files(photo)
    page.get_by_role("button", name="Tải lên máy chủ").click()
    source = page.locator(".cke_dialog_ui_input_text input").first
    page.wait_for_function(
        "element => element.value.includes('/media/uploads/')", arg=source.element_handle()
    )
    url = source.input_value()
    assert re.fullmatch(r"/media/uploads/\d{4}/\d{2}/hoi-nghi-[0-9a-f]{8}\.jpg", url)
    assert (tmp_path / url.removeprefix("/media/")).is_file()
    page.locator(".cke_dialog_ui_button_ok").first.click()

    page.fill("#id_title", "Bài có ảnh")
    page.select_option("#id_category", str(category.pk))
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/news/article/$"))
    article = Article.objects.get(title="Bài có ảnh")
    assert f'src="{url}"' in article.body
    assert errors == []


def test_upload_refusal_is_shown_in_vietnamese(live_server, page, tmp_path, settings):
    """A file that is not an image brings the server's Vietnamese message to the editor."""
    settings.MEDIA_ROOT = tmp_path
    make_user("bientap", EDITOR)
    fake = tmp_path / "logo.svg"
    fake.write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')

    log_in(page, live_server.url, "bientap")
    open_new_article(page, live_server)
    page.click(".cke_button__image")
    page.get_by_role("tab", name="Tải lên").click()
    page.frame_locator(".cke_dialog_ui_input_file iframe").locator(
        "input[type=file]"
    ).set_input_files(fake)
    with page.expect_event("dialog") as alert:
        page.get_by_role("button", name="Tải lên máy chủ").click()
    message = alert.value.message
    alert.value.accept()
    assert message.startswith("Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF")
    assert not list(tmp_path.rglob("uploads/**/*.svg"))


PASTE_UPLOAD = """async () => {
  const editor = CKEDITOR.instances.id_body
  const canvas = document.createElement("canvas")
  canvas.width = 40
  canvas.height = 30
  canvas.getContext("2d").fillRect(0, 0, 40, 30)
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"))
  const loader = editor.uploadRepository.create(blob, "anh dan.png")
  const url = CKEDITOR.fileTools.getUploadUrl(editor.config, "image")
  return await new Promise((resolve) => {
    loader.on("uploaded", () => resolve({ url: loader.url, from: url }))
    loader.on("error", () => resolve({ error: loader.message }))
    loader.upload(url)
  })
}"""


def test_pasted_images_upload_through_the_same_view(live_server, page, settings, tmp_path):
    """Images pasted or dropped into the text (uploadimage plugin) go to our upload view."""
    settings.MEDIA_ROOT = tmp_path
    make_user("bientap", EDITOR)
    log_in(page, live_server.url, "bientap")
    open_new_article(page, live_server)
    result = page.evaluate(PASTE_UPLOAD)
    assert result["from"] == reverse("ckeditor_upload")
    assert re.fullmatch(r"/media/uploads/\d{4}/\d{2}/anh-dan-[0-9a-f]{8}\.png", result["url"])
