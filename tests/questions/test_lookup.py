"""Looking a receipt up: the code and the e-mail together, or nothing."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from questions import workflow
from tests.questions.factories import PRIVATE, answered, ask

pytestmark = pytest.mark.django_db
NOT_FOUND = "Không tìm thấy câu hỏi với mã biên nhận và thư điện tử này"


def look_up(client, code, email, ip="203.0.113.7"):
    return client.post(reverse("questions:lookup"), {"code": code, "email": email}, REMOTE_ADDR=ip)


def test_right_pair_shows_status_and_answer(client):
    question = answered()
    response = look_up(client, question.code.lower(), PRIVATE["email"].upper())
    content = response.content.decode()
    assert response.status_code == 200
    assert "Đã trả lời" in content
    assert "<strong>Ban Tổ chức</strong>" in content
    assert NOT_FOUND not in content
    assert "no-store" in response["Cache-Control"]


def test_open_question_shows_its_deadline(client):
    question = ask()
    content = look_up(client, question.code, PRIVATE["email"]).content.decode()
    assert "Mới" in content
    assert question.due_on.strftime("%d/%m/%Y") in content


def test_referral_shown_for_out_of_scope(client, keeper):
    question = ask()
    workflow.decline_question(question=question, actor=keeper, referral="Sở Nội vụ tỉnh Zyx")
    assert "Sở Nội vụ tỉnh Zyx" in look_up(client, question.code, PRIVATE["email"]).content.decode()


@pytest.mark.parametrize("pair", ["mine_with_their_email", "theirs_with_my_email", "other_year"])
def test_wrong_pair_shows_nothing(client, pair):
    mine = ask(title="Câu hỏi của tôi Zyx-mine")
    theirs = ask(email="someone.else@example.org", title="Câu hỏi khác Zyx-other")
    code, email = {
        "mine_with_their_email": (mine.code, theirs.asker_email),
        "theirs_with_my_email": (theirs.code, mine.asker_email),
        "other_year": (f"HD-{mine.code_year - 1}-{mine.code_number:05d}", mine.asker_email),
    }[pair]
    content = look_up(client, code, email).content.decode()
    assert NOT_FOUND in content
    assert "Zyx-mine" not in content
    assert "Zyx-other" not in content


def test_malformed_code_explained(client):
    response = look_up(client, "42", PRIVATE["email"])
    assert response.status_code == 400
    assert "HD-2026-00042" in response.content.decode()


def test_anonymised_question_no_longer_found(client):
    """Once the contact data is cleared, the pair that found it finds nothing."""
    question = answered()
    assert question.title in look_up(client, question.code, PRIVATE["email"]).content.decode()
    workflow.anonymise_questions(months=0, now=question.closed_at + timedelta(days=1))
    assert NOT_FOUND in look_up(client, question.code, PRIVATE["email"]).content.decode()


@override_settings(
    QUESTION_RATE_LIMITS={
        "address": {"limit": 5, "period": 3600},
        "email": {"limit": 3, "period": 86400},
        "lookup": {"limit": 3, "period": 600},
    }
)
def test_lookups_rate_limited_per_address(client):
    """No trying codes one after another: after the limit, even the right pair waits."""
    question = ask()
    for number in range(3):
        look_up(client, f"HD-{question.code_year}-{number + 10:05d}", PRIVATE["email"])
    response = look_up(client, question.code, PRIVATE["email"])
    content = response.content.decode()
    assert "tra cứu nhiều lần" in content
    assert question.title not in content
    assert (
        question.title
        in look_up(client, question.code, PRIVATE["email"], ip="198.51.100.2").content.decode()
    )
