"""The question form: what it accepts, what it refuses, and that nothing typed is lost."""

import re

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from questions.models import Question
from tests.questions.factories import PRIVATE, at, topic

pytestmark = pytest.mark.django_db
START = at(2026, 11, 2, 9)


def open_form(client):
    """GET the form at START; return its signed start time."""
    with time_machine.travel(START, tick=False):
        response = client.get(reverse("questions:ask"))
    assert response.status_code == 200
    return re.search(r'name="started" value="([^"]+)"', response.content.decode())[1]


def fields(started, **changes):
    data = {
        "name": PRIVATE["name"],
        "email": PRIVATE["email"],
        "phone": PRIVATE["phone"],
        "organization": PRIVATE["organization"],
        "organization_type": "enterprise",
        "topic": str(topic().pk),
        "title": "Chuyển sinh hoạt đảng khi đổi nơi làm việc",
        "body": "Nội dung câu hỏi rất riêng: Zyxwa-typed-text.",
        "consent": "on",
        "website": "",
        "started": started,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def post(client, data, *, seconds_later=30, ip="203.0.113.7"):
    with time_machine.travel(START.timestamp() + seconds_later, tick=False):
        return client.post(reverse("questions:ask"), data, REMOTE_ADDR=ip)


def assert_kept(response):
    """The form comes back with the typed text in it."""
    assert response.status_code == 400
    content = response.content.decode()
    assert "Zyxwa-typed-text." in content
    assert PRIVATE["email"] in content
    assert 'value="Chuyển sinh hoạt đảng khi đổi nơi làm việc"' in content
    assert Question.objects.count() == 0


def test_the_form_page_is_never_cached(client):
    response = client.get(reverse("questions:ask"))
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "csrftoken" in response.cookies


def test_a_good_question_gets_a_receipt_code(client, django_capture_on_commit_callbacks):
    started = open_form(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, fields(started))
    assert response.status_code == 302
    question = Question.objects.get()
    with time_machine.travel(START.timestamp() + 60, tick=False):
        page = client.get(response["Location"])
    assert page.status_code == 200
    assert question.code == "HD-2026-00001"
    assert "HD-2026-00001" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert question.asker_email == PRIVATE["email"]
    assert question.consent_at is not None
    assert [m.to for m in mail.outbox] == [[PRIVATE["email"]]]


def test_the_receipt_link_cannot_be_guessed_and_expires(client):
    """Only the signed link from the form shows the receipt, and only for a day."""
    receipt_url = post(client, fields(open_form(client)))["Location"]
    question = Question.objects.get()
    guessed = reverse("questions:receipt", kwargs={"token": str(question.pk)})
    with time_machine.travel(START.timestamp() + 60, tick=False):
        assert client.get(guessed).status_code == 404
    with time_machine.travel(START.timestamp() + 2 * 86400, tick=False):
        assert client.get(receipt_url).status_code == 404


def test_honeypot_refused_with_text_kept(client):
    response = post(client, fields(open_form(client), website="http://spam.example"))
    assert_kept(response)
    assert "Không gửi được câu hỏi" in response.content.decode()
    assert 'name="website" value="http' not in response.content.decode()


def test_too_fast_refused_with_text_kept(client):
    response = post(client, fields(open_form(client)), seconds_later=1)
    assert_kept(response)
    assert "quá nhanh" in response.content.decode()
    # The same form sent again a little later goes through.
    started = re.search(r'name="started" value="([^"]+)"', response.content.decode())[1]
    assert post(client, fields(started), seconds_later=40).status_code == 302


def test_missing_or_forged_start_time_refused_with_text_kept(client):
    response = post(client, fields("forged:timestamp"))
    assert_kept(response)
    assert "quá hạn" in response.content.decode()


@pytest.mark.parametrize("crafted", ["abc\x00def", "x" * 5000, "1e400"])
def test_a_crafted_start_time_is_renewed_not_a_dead_end(client, crafted):
    """Whatever the hidden start time holds, the reader gets a Vietnamese message, the
    text back and a fresh start time, and sending again goes through."""
    response = post(client, fields(crafted))
    assert_kept(response)
    assert "Mẫu gửi câu hỏi đã quá hạn" in response.content.decode()
    renewed = re.search(r'name="started" value="([^"]+)"', response.content.decode())[1]
    assert renewed != crafted
    assert post(client, fields(renewed), seconds_later=60).status_code == 302


def test_a_nul_character_is_refused_in_vietnamese(client):
    """Django's own message has no Vietnamese in its catalogue: the portal's gives one."""
    response = post(client, fields(open_form(client), title="Tiêu đề\x00 lạ"))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Nội dung có ký tự không hợp lệ (ký tự NUL)" in content
    assert "Null characters are not allowed." not in content
    assert "Zyxwa-typed-text." in content


def test_expired_form_is_refused_and_renewed(client):
    started = open_form(client)
    response = post(client, fields(started), seconds_later=7 * 3600)
    assert_kept(response)
    renewed = re.search(r'name="started" value="([^"]+)"', response.content.decode())[1]
    assert renewed != started
    assert post(client, fields(renewed), seconds_later=7 * 3600 + 30).status_code == 302


def test_consent_required(client):
    response = post(client, fields(open_form(client), consent=None))
    assert_kept(response)
    assert "Cần đồng ý xử lý dữ liệu cá nhân" in response.content.decode()


def test_size_limit(client):
    response = post(client, fields(open_form(client), body="Zyxwa-typed-text. " + "x" * 5000))
    assert_kept(response)
    assert "5000" in response.content.decode() or "5.000" in response.content.decode()


@override_settings(
    QUESTION_RATE_LIMITS={
        "address": {"limit": 2, "period": 3600},
        "email": {"limit": 100, "period": 86400},
        "lookup": {"limit": 10, "period": 600},
    }
)
def test_rate_limit_per_address_keeps_the_text(client):
    started = open_form(client)
    for n in range(2):
        assert post(client, fields(started, email=f"a{n}@example.org")).status_code == 302
    response = post(client, fields(started))
    assert_kept_after(response, 2)
    assert "địa chỉ mạng này" in response.content.decode()
    # Another address is not affected.
    assert post(client, fields(started), ip="198.51.100.9").status_code == 302


@override_settings(
    QUESTION_RATE_LIMITS={
        "address": {"limit": 100, "period": 3600},
        "email": {"limit": 1, "period": 86400},
        "lookup": {"limit": 10, "period": 600},
    }
)
def test_rate_limit_per_email_keeps_the_text(client):
    started = open_form(client)
    assert post(client, fields(started)).status_code == 302
    response = post(client, fields(started, email=PRIVATE["email"].upper()), ip="198.51.100.9")
    assert_kept_after(response, 1)
    assert "thư điện tử này đã gửi nhiều câu hỏi" in response.content.decode()


def assert_kept_after(response, count):
    assert response.status_code == 400
    assert "Zyxwa-typed-text." in response.content.decode()
    assert Question.objects.count() == count


def test_field_errors_come_before_the_timing_message(client):
    """A person who mistyped the e-mail reads about the e-mail, not about speed."""
    response = post(client, fields(open_form(client), email="khong-hop-le"), seconds_later=1)
    content = response.content.decode()
    assert "Nhập địa chỉ email." in content or "email hợp lệ" in content
    assert "quá nhanh" not in content
    assert "Zyxwa-typed-text." in content


def ask_at(client, moment, *, email, ip="203.0.113.7"):
    """Open the form a minute before `moment`, send it at `moment`."""
    with time_machine.travel(moment.timestamp() - 60, tick=False):
        page = client.get(reverse("questions:ask")).content.decode()
    started = re.search(r'name="started" value="([^"]+)"', page)[1]
    with time_machine.travel(moment, tick=False):
        return client.post(reverse("questions:ask"), fields(started, email=email), REMOTE_ADDR=ip)


@override_settings(
    QUESTION_RATE_LIMITS={
        "address": {"limit": 2, "period": 3600},
        "email": {"limit": 1, "period": 86400},
        "lookup": {"limit": 10, "period": 600},
    }
)
def test_an_attempt_refused_for_its_email_does_not_use_up_the_address(client):
    """Only questions that go through count against the address."""
    assert ask_at(client, START, email="mot@example.org").status_code == 302
    refused = ask_at(client, START, email="mot@example.org")
    assert "thư điện tử này đã gửi nhiều câu hỏi" in refused.content.decode()
    assert ask_at(client, START, email="hai@example.org").status_code == 302  # 2nd of 2
    refused = ask_at(client, START, email="ba@example.org")
    assert "địa chỉ mạng này" in refused.content.decode()
    assert Question.objects.count() == 2


@override_settings(
    QUESTION_RATE_LIMITS={
        "address": {"limit": 100, "period": 3600},
        "email": {"limit": 1, "period": 86400},
        "lookup": {"limit": 10, "period": 600},
    }
)
def test_the_email_limit_is_a_local_day_so_tomorrow_means_tomorrow(client):
    """The day's window runs from midnight to midnight in Vietnam, not from 07:00."""
    assert ask_at(client, at(2026, 11, 2, 6, 30), email="mot@example.org").status_code == 302
    refused = ask_at(client, at(2026, 11, 2, 7, 30), email="mot@example.org")
    assert "Xin gửi lại vào ngày mai" in refused.content.decode()
    refused = ask_at(client, at(2026, 11, 2, 23, 50), email="mot@example.org")
    assert refused.status_code == 400
    assert ask_at(client, at(2026, 11, 3, 0, 5), email="mot@example.org").status_code == 302
