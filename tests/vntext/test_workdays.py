"""Working days: weekends, Vietnam's holidays from `holidays`, and the admin's table.

Every date is stated: the module never reads the clock.
"""

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from vntext import workdays
from vntext.models import SpecialDay

pytestmark = pytest.mark.django_db


def special(day, kind, name="Ngày đặc biệt"):
    return SpecialDay.objects.create(date=day, kind=kind, name=name)


def test_weekend_is_skipped():
    """A question received on Friday 3 July 2026 is due Friday 24 July (15 working days)."""
    assert workdays.add_working_days(date(2026, 7, 3), 1) == date(2026, 7, 6)
    assert workdays.add_working_days(date(2026, 7, 3), 15) == date(2026, 7, 24)
    assert not workdays.is_working_day(date(2026, 7, 4))
    assert not workdays.is_working_day(date(2026, 7, 5))


def test_received_on_a_sunday_counts_from_monday():
    """The receipt day never counts, working or not: Sunday + 1 is the Monday."""
    assert workdays.add_working_days(date(2026, 7, 5), 1) == date(2026, 7, 6)


def test_tet_2026_is_skipped():
    """Tết Bính Ngọ: Monday 16 to Friday 20 February 2026 are off; Friday 13 + 15 = 13 March."""
    for day in range(16, 21):
        assert not workdays.is_working_day(date(2026, 2, day))
    assert workdays.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert workdays.add_working_days(date(2026, 2, 13), 15) == date(2026, 3, 13)


def test_tet_2027_is_skipped():
    """Tết Đinh Mùi (6 February 2027, a Saturday): Thursday 4 to Wednesday 10 are off."""
    for day in range(4, 11):
        assert not workdays.is_working_day(date(2027, 2, day))
    assert workdays.is_working_day(date(2027, 2, 3))
    assert workdays.add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)


def test_reunification_and_labour_day_are_skipped():
    """30/4 and 1/5/2026 (Thursday, Friday): Wednesday 29 April + 1 is Monday 4 May."""
    assert not workdays.is_working_day(date(2026, 4, 30))
    assert not workdays.is_working_day(date(2026, 5, 1))
    assert workdays.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)


def test_national_day_2026_with_its_make_up_saturday():
    """2/9/2026: 31 August (swapped with Saturday 22 August), 1 and 2 September are off."""
    for day in (date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)):
        assert not workdays.is_working_day(day)
    assert workdays.is_working_day(date(2026, 8, 22))  # the make-up Saturday
    assert workdays.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    assert workdays.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_admin_entered_day_off_is_skipped():
    """A bridge day the package does not know (Friday 2 January 2026) moves the deadline."""
    assert workdays.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)
    special(date(2026, 1, 2), SpecialDay.Kind.DAY_OFF, "Nghỉ bù Tết Dương lịch")
    assert not workdays.is_working_day(date(2026, 1, 2))
    assert workdays.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)


def test_admin_entered_make_up_saturday_is_a_working_day():
    """Saturday 10 January 2026, entered as làm bù, counts like a weekday."""
    assert workdays.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 12)
    special(date(2026, 1, 10), SpecialDay.Kind.WORKING_DAY, "Làm bù cho ngày 02/01")
    assert workdays.is_working_day(date(2026, 1, 10))
    assert workdays.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)


def test_admin_table_wins_over_the_package():
    """A make-up Saturday the package knows can be cancelled by the admin's table."""
    special(date(2026, 8, 22), SpecialDay.Kind.DAY_OFF, "Hủy làm bù")
    assert not workdays.is_working_day(date(2026, 8, 22))


def test_aware_datetimes_count_from_the_day_in_vietnam():
    """17:30 UTC on Thursday 2 July is already Friday 3 July in Vietnam."""
    received = datetime(2026, 7, 2, 17, 30, tzinfo=UTC)
    assert workdays.add_working_days(received, 1) == date(2026, 7, 6)


def test_working_days_left_and_overdue():
    """Days left before a deadline count down to 0 on the day, then go negative."""
    deadline = date(2026, 7, 24)  # a Friday
    assert workdays.working_days_between(date(2026, 7, 22), deadline) == 2
    assert workdays.working_days_between(deadline, deadline) == 0
    assert workdays.working_days_between(date(2026, 7, 27), deadline) == -1
    assert workdays.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1  # Tết


def test_going_backwards():
    """n < 0 walks back: 5 working days before Monday 23 February 2026 (after Tết)."""
    assert workdays.add_working_days(date(2026, 2, 23), -5) == date(2026, 2, 9)


def test_zero_days_is_the_day_or_the_next_working_day():
    assert workdays.add_working_days(date(2026, 7, 3), 0) == date(2026, 7, 3)
    assert workdays.add_working_days(date(2026, 7, 4), 0) == date(2026, 7, 6)


def test_latest_notice_day_across_national_day():
    """Downtime on Monday 7 September 2026: 7 full working days before it means a
    notice up by Sunday 23 August (24–28 August, 3 and 4 September)."""
    assert workdays.latest_notice_day(date(2026, 9, 7), 7) == date(2026, 8, 23)


def test_latest_notice_day_across_tet_2027():
    """Downtime on Monday 15 February 2027: notice by Wednesday 27 January."""
    latest = workdays.latest_notice_day(date(2027, 2, 15), 7)
    assert latest == date(2027, 1, 27)
    calendar = workdays.WorkCalendar.load()
    full_days_before = calendar.working_days_between(latest, date(2027, 2, 14))
    assert full_days_before == 7
    assert calendar.working_days_between(latest + timedelta(days=1), date(2027, 2, 14)) == 6


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
    n=st.integers(min_value=1, max_value=40),
)
def test_between_undoes_add(start, n):
    """However the holidays fall, `working_days_between(d, add_working_days(d, n)) == n`."""
    calendar = workdays.WorkCalendar({})
    end = calendar.add_working_days(start, n)
    assert calendar.is_working_day(end)
    assert calendar.working_days_between(start, end) == n
    assert calendar.working_days_between(end, start) == -n


def test_a_loaded_calendar_costs_one_query(django_assert_num_queries):
    """A list of 20 deadlines worked out from one loaded calendar runs one query."""
    special(date(2026, 1, 2), SpecialDay.Kind.DAY_OFF)
    with django_assert_num_queries(1):
        calendar = workdays.WorkCalendar.load()
        deadlines = [
            calendar.add_working_days(date(2026, 1, 1) + timedelta(d), 15) for d in range(20)
        ]
    assert deadlines[0] == date(2026, 1, 23)


def test_holiday_names_are_vietnamese():
    assert workdays.holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert workdays.holiday_name(date(2026, 7, 6)) == ""


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (date(2026, 7, 5), SpecialDay.Kind.DAY_OFF),  # a Sunday is off already
        (date(2026, 2, 17), SpecialDay.Kind.DAY_OFF),  # Tết is off already
        (date(2026, 7, 7), SpecialDay.Kind.WORKING_DAY),  # a Tuesday is a working day already
    ],
)
def test_a_row_that_changes_nothing_is_refused(day, kind):
    """The admin is told when an entry repeats what the calendar already says."""
    row = SpecialDay(date=day, kind=kind, name="Thử")
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "vốn đã là" in str(error.value)


def test_holidays_is_imported_only_when_first_needed():
    """Starting Django does not load the `holidays` package (it costs ~17 MB)."""
    code = (
        "import sys, django; django.setup(); import vntext.workdays as w; "
        "print('holidays' in sys.modules); w.statutory_working_day(__import__('datetime').date(2026, 1, 1)); "
        "print('holidays' in sys.modules)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.split() == ["False", "True"]
