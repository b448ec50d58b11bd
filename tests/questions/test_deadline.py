"""The deadline: 15 working days from receipt, weekends and Vietnam's holidays skipped."""

from datetime import date

import pytest
import time_machine

from questions.workflow import due_date
from tests.questions.factories import at
from vntext.models import SpecialDay

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Monday 2 Nov 2026: three weeks of five days, no holiday in between.
        (at(2026, 11, 2, 9), date(2026, 11, 23)),
        # Friday evening: the weekend does not count; the 24 Nov holiday pushes it a day.
        (at(2026, 11, 6, 22), date(2026, 11, 30)),
        # Received on a Saturday: counting starts on Monday.
        (at(2026, 11, 7, 10), date(2026, 11, 30)),
        # Tết Đinh Mùi 2027 (Thursday 4 – Wednesday 10 Feb off): five working days lost.
        (at(2027, 1, 29, 9), date(2027, 2, 26)),
        # Hùng Kings (16 Apr), 30/4 and 1/5 (observed on Monday 3 May) in 2027.
        (at(2027, 4, 15, 9), date(2027, 5, 11)),
    ],
)
def test_due_date_skips_weekends_and_holidays(received, due):
    """The date an answer is due, counted in working days from the day of receipt."""
    assert due_date(received) == due


def test_due_date_counts_the_local_day():
    """06:30 on Monday in Hà Nội is still Sunday in UTC: counted from Monday all the same."""
    assert due_date(at(2026, 11, 2, 6, 30)) == due_date(at(2026, 11, 2, 18))


@time_machine.travel(at(2026, 11, 19, 10), tick=False)
def test_days_left_and_overdue():
    """Days left are working days; past the deadline they go negative."""
    from tests.questions.factories import ask

    with time_machine.travel(at(2026, 10, 26, 9), tick=False):
        question = ask()
    assert question.due_on == date(2026, 11, 16)
    assert question.days_left(date(2026, 11, 13)) == 1
    assert question.days_left(date(2026, 11, 16)) == 0
    assert question.days_left() == -3  # 17, 18, 19 Nov
    assert list(type(question).objects.overdue()) == [question]


def test_announced_bridge_day_and_make_up_saturday_count():
    """The admin's table of days off and make-up days moves the deadline both ways."""
    received = at(2026, 11, 2, 9)
    assert due_date(received) == date(2026, 11, 23)
    SpecialDay.objects.create(date=date(2026, 11, 13), kind=SpecialDay.Kind.DAY_OFF, name="Nghỉ bù")
    assert due_date(received) == date(2026, 11, 25)  # and 24 Nov is a holiday
    SpecialDay.objects.create(
        date=date(2026, 11, 14), kind=SpecialDay.Kind.WORKING_DAY, name="Làm bù"
    )
    assert due_date(received) == date(2026, 11, 23)
