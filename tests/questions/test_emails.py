"""E-mails really sent: a real SMTP server (aiosmtpd) runs in the test and we read what
arrived. A page still answers when the mail server is down."""

import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from questions import workflow
from questions.models import Question
from tests.questions.factories import PRIVATE, ask, at, make_user, topic

pytestmark = pytest.mark.django_db


class Inbox:
    """What the test's SMTP server (tests/smtp.py) received, by envelope recipient."""

    def __init__(self, server):
        self.server = server

    @property
    def messages(self):
        return self.server.received

    def to(self, address):
        return [message for rcpts, message in self.server.received if address in rcpts]


@pytest.fixture
def smtp(smtp_server):
    return Inbox(smtp_server)


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_acknowledgement_and_announcement_arrive(smtp, django_capture_on_commit_callbacks):
    make_user("tiepnhan", keeper=True, email="keeper@dangbokhoi.example.vn")
    make_user("nghiviec", keeper=True, email="left@dangbokhoi.example.vn", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        question = ask()
    [ack] = smtp.to(PRIVATE["email"])
    assert ack["Subject"] == f"Đã nhận câu hỏi {question.code}"
    assert question.code in body_of(ack)
    assert question.due_on.strftime("%d/%m/%Y") in body_of(ack)
    [announce] = smtp.to("keeper@dangbokhoi.example.vn")
    assert question.code in announce["Subject"]
    assert f"/admin/questions/question/{question.pk}/change/" in body_of(announce)
    # The keepers' mail carries no contact data of the asker.
    for value in PRIVATE.values():
        assert value not in announce.as_string()
    assert not smtp.to("left@dangbokhoi.example.vn")


def test_announcement_subject_shows_the_title_as_typed(smtp, django_capture_on_commit_callbacks):
    """A subject is plain text: "&" and quotes arrive as typed, not as HTML entities."""
    make_user("tiepnhan", keeper=True, email="keeper@dangbokhoi.example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        ask(title='Chế độ "phụ cấp" & trợ cấp')
    [announce] = smtp.to("keeper@dangbokhoi.example.vn")
    assert announce["Subject"].endswith(': Chế độ "phụ cấp" & trợ cấp')


def test_answer_arrives_as_text(smtp, keeper, django_capture_on_commit_callbacks):
    question = ask()
    workflow.accept_question(question=question, actor=keeper)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.answer_question(
            question=question,
            actor=keeper,
            answer="<p>Đồng chí liên hệ <strong>Ban Tổ chức</strong>.</p><p>Trân trọng.</p>",
            answered_by="Ban Tổ chức Đảng ủy Khối",
        )
    [answer] = smtp.to(PRIVATE["email"])
    text = body_of(answer).replace("\r\n", "\n")
    assert answer["Subject"] == f"Trả lời câu hỏi {question.code}"
    assert "Đồng chí liên hệ Ban Tổ chức.\n\nTrân trọng." in text
    assert "<strong>" not in text


def test_answer_keeps_the_links_addresses_in_its_text(
    smtp, keeper, settings, django_capture_on_commit_callbacks
):
    """Each link's address follows its text (a portal path made absolute); a link whose
    text is its address is written once."""
    settings.PORTAL_URL = "https://dangbokhoi.example.vn"
    question = ask()
    workflow.accept_question(question=question, actor=keeper)
    answer_html = (
        '<p>Xem <a href="https://thuvienphapluat.example.vn/quy-dinh-29?a=1&amp;b=2">'
        'Quy định số 29-QĐ/TW</a> và <a href="/van-ban/ke-hoach-149-3/">kế hoạch</a>.</p>'
        '<p><a href="https://dangbokhoi.example.vn/">https://dangbokhoi.example.vn/</a></p>'
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.answer_question(
            question=question, actor=keeper, answer=answer_html, answered_by="Ban Tổ chức"
        )
    [answer] = smtp.to(PRIVATE["email"])
    text = body_of(answer).replace("\r\n", "\n")
    assert (
        "Xem Quy định số 29-QĐ/TW (https://thuvienphapluat.example.vn/quy-dinh-29?a=1&b=2) "
        "và kế hoạch (https://dangbokhoi.example.vn/van-ban/ke-hoach-149-3/)." in text
    )
    assert "https://dangbokhoi.example.vn/\n" in text + "\n"
    assert "(https://dangbokhoi.example.vn/)" not in text


def test_nothing_sent_for_a_rolled_back_question(smtp, django_capture_on_commit_callbacks):
    """Inside a transaction that is rolled back, no e-mail leaves; one that commits sends."""
    from django.db import transaction

    def ask_then_fail():
        with transaction.atomic():
            ask()
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        ask_then_fail()
    assert smtp.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        ask()
    assert len(smtp.messages) == 1


def test_form_still_answers_when_the_mail_server_is_down_and_nothing_is_lost(
    client, smtp_server_down, django_capture_on_commit_callbacks
):
    """The question is saved and the receipt shown; the acknowledgement waits in the
    outbox and arrives once the server is back and the periodic send runs."""
    start = at(2026, 11, 2, 9)
    with time_machine.travel(start, tick=False):
        page = client.get(reverse("questions:ask")).content.decode()
    started = re.search(r'name="started" value="([^"]+)"', page)[1]
    data = {
        "name": PRIVATE["name"],
        "email": PRIVATE["email"],
        "topic": str(topic().pk),
        "title": "Câu hỏi khi máy chủ thư ngừng",
        "body": "Nội dung.",
        "consent": "on",
        "started": started,
    }
    with (
        time_machine.travel(start.timestamp() + 30, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("questions:ask"), data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.title == "Câu hỏi khi máy chủ thư ngừng"
    assert smtp_server_down.received == []
    smtp_server_down.start()
    with time_machine.travel(start.timestamp() + 3600, tick=False):
        call_command("send_outbox", stdout=StringIO())
    [(rcpts, ack)] = smtp_server_down.received
    assert rcpts == [PRIVATE["email"]]
    assert question.code in ack["Subject"]
