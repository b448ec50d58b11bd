"""Hỏi – đáp end to end: a reader asks, the keeper answers and publishes, the reader
looks the receipt code up and reads the answer."""

import pytest
from django.urls import reverse

from tests.browser.session import log_in
from tests.questions.factories import make_user, topic

pytestmark = pytest.mark.django_db(transaction=True)
EMAIL = "ban.doc@example.org"


@pytest.fixture
def keeper():
    topic()  # the seeded topics (a transactional test starts from an empty database)
    return make_user("tiepnhan", keeper=True, first_name="Hà", last_name="Thu")


def test_reader_asks_keeper_answers_reader_reads(live_server, phone_page, page, keeper, settings):
    settings.QUESTION_MIN_FILL_SECONDS = 1
    base = live_server.url

    # The reader asks on a phone.
    phone_page.goto(base + reverse("questions:ask"))
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.get_by_label("Họ và tên").fill("Nguyễn Văn Bạn Đọc")
    phone_page.get_by_label("Thư điện tử", exact=False).first.fill(EMAIL)
    phone_page.get_by_label("Lĩnh vực").select_option(index=1)
    phone_page.get_by_label("Tiêu đề câu hỏi").fill("Chuyển sinh hoạt đảng tạm thời")
    phone_page.get_by_label("Nội dung câu hỏi").fill("Tôi đi công tác 4 tháng thì làm thế nào?")
    honeypot = phone_page.locator("#id_website").bounding_box()
    assert honeypot["x"] + honeypot["width"] <= 0  # off screen: people never fill it in
    phone_page.wait_for_timeout(1100)
    phone_page.get_by_role("button", name="Gửi câu hỏi").click()
    # Consent is required: the form comes back with everything typed still in it.
    phone_page.get_by_text("Cần đồng ý xử lý dữ liệu cá nhân").wait_for()
    assert phone_page.get_by_label("Tiêu đề câu hỏi").input_value() == (
        "Chuyển sinh hoạt đảng tạm thời"
    )
    phone_page.locator("#id_consent").check()
    phone_page.get_by_role("button", name="Gửi câu hỏi").click()
    code = phone_page.locator("[data-receipt-code]").inner_text().strip()
    assert code.startswith("HD-")
    assert len(code) == len("HD-2026-00001")

    # The keeper accepts, answers and publishes in the admin.
    log_in(page, base, "tiepnhan")
    page.goto(base + reverse("admin:questions_question_changelist"))
    page.get_by_role("link", name=code).click()
    page.locator(".q-step--accept").click()
    page.locator("input[type=submit][value='Tiếp nhận']").click()
    page.locator(".q-step--answer").click()
    page.wait_for_function(
        "window.CKEDITOR && CKEDITOR.instances.id_answer && CKEDITOR.instances.id_answer.status === 'ready'"
    )
    page.evaluate(
        "CKEDITOR.instances.id_answer.setData('<p>Đồng chí làm thủ tục sinh hoạt đảng tạm thời tại chi bộ nơi đến.</p>')"
    )
    page.locator("input[type=submit][value='Trả lời']").click()
    page.locator(".q-step--publish").click()
    page.locator("input[type=submit][value='Công khai']").click()
    page.get_by_text("Công khai: " + code).wait_for()

    # The reader looks the code up and reads the answer; it is on the public list too.
    phone_page.goto(base + reverse("questions:lookup"))
    phone_page.get_by_label("Mã biên nhận").fill(code)
    phone_page.get_by_label("Thư điện tử đã dùng khi gửi").fill(EMAIL)
    phone_page.get_by_role("button", name="Tra cứu").click()
    answer = phone_page.locator("[data-answer]")
    answer.wait_for()
    assert "sinh hoạt đảng tạm thời tại chi bộ nơi đến" in answer.inner_text()
    assert "Đã trả lời" in phone_page.locator(".qa-status").inner_text()
    phone_page.goto(base + reverse("questions:list"))
    phone_page.get_by_role("link", name="Chuyển sinh hoạt đảng tạm thời").click()
    assert "N.V.B.Đ." in phone_page.content()
    assert EMAIL not in phone_page.content()
