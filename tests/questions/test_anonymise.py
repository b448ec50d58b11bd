"""Askers' contact data is cleared once the retention period after closing has passed."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from questions import workflow
from questions.models import Question
from tests.questions.factories import PRIVATE, answered, ask, at

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    out = StringIO()
    call_command("anonymise_questions", stdout=out, **options)
    return out.getvalue()


@override_settings(QUESTION_RETENTION_MONTHS=24)
def test_contact_data_cleared_after_the_period_keeping_question_and_answer(keeper):
    with time_machine.travel(at(2024, 3, 10, 9), tick=False):
        old = answered(publish=True, at_time=at(2024, 3, 12, 9))
        still_open = ask()
    with time_machine.travel(at(2024, 6, 1, 9), tick=False):
        recent = answered(at_time=at(2024, 6, 1, 9))
    with time_machine.travel(at(2026, 3, 13, 9), tick=False):
        assert "Đã ẩn danh 1 câu hỏi đóng quá 24 tháng." in run()
        assert "Đã ẩn danh 0" in run()  # idempotent
    old.refresh_from_db()
    for name in Question.CONTACT_FIELDS:
        assert getattr(old, name) == ""
    assert old.anonymised_at == at(2026, 3, 13, 9)
    assert (old.title, old.asker_initials, old.organization_type) == (
        "Thủ tục chuyển sinh hoạt đảng chính thức",
        "H.T.Q.Z.",
        "enterprise",
    )
    assert "Ban Tổ chức" in old.answer
    assert old.is_published
    assert old.transitions.filter(action="anonymise").count() == 1
    # Closed less than 24 months ago, or still open: untouched.
    for question in (recent, still_open):
        question.refresh_from_db()
        assert question.asker_email == PRIVATE["email"]
        assert question.anonymised_at is None


def test_months_option_and_every_closed_status(keeper):
    with time_machine.travel(at(2025, 1, 6, 9), tick=False):
        spam, declined = ask(), ask()
        workflow.mark_spam(question=spam, actor=keeper)
        workflow.decline_question(question=declined, actor=keeper, referral="Sở Nội vụ")
    with time_machine.travel(at(2025, 7, 7, 9), tick=False):
        assert "Đã ẩn danh 2 câu hỏi đóng quá 6 tháng." in run(months=6)
    assert not Question.objects.exclude(asker_email="").exists()


@override_settings(QUESTION_RETENTION_MONTHS=3)
def test_periodic_job_reads_the_setting(keeper):
    from questions.workflow import anonymise_due

    with time_machine.travel(at(2026, 1, 5, 9), tick=False):
        workflow.mark_spam(question=ask(), actor=keeper)
    with time_machine.travel(at(2026, 4, 4, 9), tick=False):
        assert anonymise_due() == 0
    with time_machine.travel(at(2026, 4, 6, 9), tick=False):
        assert anonymise_due() == 1


@override_settings(QUESTION_RETENTION_MONTHS=3)
def test_run_periodic_anonymises(keeper):
    """`manage.py run_periodic` (every minute in production) runs the job."""
    with time_machine.travel(at(2026, 1, 5, 9), tick=False):
        spam = ask()
        workflow.mark_spam(question=spam, actor=keeper)
    out = StringIO()
    with time_machine.travel(at(2026, 4, 6, 9), tick=False):
        call_command("run_periodic", "questions.anonymise", "--force", stdout=out)
    assert "questions.anonymise: xong (1)" in out.getvalue()
    spam.refresh_from_db()
    assert spam.asker_email == ""
