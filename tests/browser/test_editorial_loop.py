"""The editorial loop end to end: a writer puts the article in an event thread (the
admin's select2 autocomplete, typed and picked as a person does) and submits, the editor
of that category gets the e-mail (a real SMTP server in the test), opens “Việc cần làm”
from it, approves, and the article is on the public pages: its category and its thread
(`/dong-su-kien/<slug>/`). The inbox and the calendar pass axe at 1280 px."""

import re

import pytest
from django.urls import reverse

from news.editors import EditorProfile
from news.threads import Thread
from tests.browser.session import log_in
from tests.news.factories import AUTHOR, EDITOR, make_category, make_user

pytestmark = pytest.mark.django_db(transaction=True)

READY = (
    "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
)
TITLE = "Chi bộ Sở Tài chính học tập chuyên đề năm 2026"
THREAD = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"


def pick_in_autocomplete(page, field: str, typed: str, option: str):
    """Open the select2 box of `field`, type, and click the suggestion `option`."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).click()


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_submit_mail_approve_from_the_inbox_publish(
    live_server, page, chromium, smtp_server, settings, axe
):
    settings.PORTAL_URL = live_server.url
    base = live_server.url
    desk = make_category("Học tập và làm theo Bác", show_on_home=True)
    other = make_category("Kinh tế – Xã hội")
    make_user(
        "phongvien",
        AUTHOR,
        first_name="Tâm",
        last_name="Lê Minh",
        email="phongvien@dangbokhoi.example.vn",
    )
    editor = make_user("bientap-tuyengiao", EDITOR, email="tuyengiao@dangbokhoi.example.vn")
    EditorProfile.objects.create(user=editor).categories.add(desk)
    elsewhere = make_user("bientap-kinhte", EDITOR, email="kinhte@dangbokhoi.example.vn")
    EditorProfile.objects.create(user=elsewhere).categories.add(other)
    thread = Thread.objects.create(name=THREAD)
    Thread.objects.create(name="Đại hội Đảng bộ Khối lần thứ IV")  # not picked

    # The writer writes and submits.
    log_in(page, base, "phongvien")
    page.goto(base + reverse("admin:news_article_add"))
    page.wait_for_function(READY)
    page.fill("#id_title", TITLE)
    page.fill("#id_sapo", "Sáng 27/11, Chi bộ Sở Tài chính tổ chức học tập chuyên đề.")
    page.evaluate("CKEDITOR.instances.id_body.setData('<p>Các đảng viên thảo luận sôi nổi.</p>')")
    page.select_option("#id_category", label="Học tập và làm theo Bác")
    pick_in_autocomplete(page, "threads", "làm theo", THREAD)
    page.locator("input[name=_submit_for_review]").first.click()
    page.get_by_text(f"Đã lưu và gửi duyệt bài “{TITLE}”.").wait_for()
    # Pending: not on the thread's public page yet.
    thread_url = base + reverse("news:thread_detail", kwargs={"slug": thread.slug})
    page.goto(thread_url)
    assert page.get_by_role("link", name=TITLE).count() == 0

    # The editor of that category, and only they, got the e-mail.
    recipients = [rcpts for rcpts, _ in smtp_server.received]
    assert recipients == [["tuyengiao@dangbokhoi.example.vn"]]
    [mail] = smtp_server.messages
    inbox_url = re.search(r"Các bài đang chờ bạn: (\S+)", body_of(mail)).group(1)
    assert inbox_url == base + reverse("admin:news_article_inbox")

    # They open the inbox from the e-mail and approve from it.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    editor_page = context.new_page()
    try:
        log_in(editor_page, base, "bientap-tuyengiao")
        editor_page.goto(inbox_url)
        row = editor_page.locator("tr", has_text=TITLE)
        axe.check(editor_page, "Việc cần làm")
        row.get_by_role("link", name=f"Duyệt và xuất bản “{TITLE}”").click()
        editor_page.locator("input[type=submit][value='Duyệt và xuất bản']").click()
        editor_page.get_by_text(f"Đã duyệt và xuất bản 1 bài: “{TITLE}”.").wait_for()
        editor_page.goto(inbox_url)
        editor_page.get_by_text("Không có bài nào chờ duyệt.").wait_for()
        editor_page.goto(base + reverse("admin:news_article_calendar"))
        assert editor_page.locator(".calendar-entry", has_text=TITLE).count() == 1
        axe.check(editor_page, "Lịch biên tập")
    finally:
        context.close()

    # The writer heard of the publication; the article is on its thread's public page
    # and on its category's.
    published = [m for m in smtp_server.messages if "xuất bản" in m["Subject"]]
    assert len(published) == 1
    page.goto(thread_url)
    assert page.locator("h1").text_content().strip() == THREAD
    assert page.locator(".layout__main").get_by_role("link", name=TITLE).count() >= 1
    page.goto(base + reverse("news:category_detail", kwargs={"slug": desk.slug}))
    page.get_by_role("link", name=TITLE).first.click()
    assert page.locator("h1").inner_text().strip() == TITLE
