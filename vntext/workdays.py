"""Working days in Vietnam: the Q&A deadline, the notice before planned downtime.

Two sources, in this order (docs/working-days.md):
1. the admin's table of days off and make-up working days (`vntext.models.SpecialDay`),
   for what the government announces each year;
2. the `holidays` package's calendar for Vietnam: weekends, statutory holidays (Tết by
   the lunar calendar, 30/4, 1/5, 2/9...), the days in lieu and the make-up Saturdays
   it knows.

`holidays` costs about 17 MB once loaded, so it is imported on first use, never at
start-up. Each function below reads the table once (one query); a page that works out
many dates loads a `WorkCalendar` once and asks it, so the page costs one query.
"""

import threading
from datetime import date, datetime, timedelta
from functools import cache

from django.utils import timezone

COUNTRY = "VN"
_lock = threading.Lock()


@cache
def _statutory():
    import holidays  # lazy on purpose: the package costs ~17 MB

    return holidays.country_holidays(COUNTRY, language="vi")


def statutory_working_day(day: date) -> bool:
    """What the `holidays` package alone says, without the admin's table."""
    with _lock:  # the calendar fills in a year on first use; keep that single-threaded
        return _statutory().is_working_day(as_day(day))


def holiday_name(day: date) -> str:
    """The Vietnamese name of a statutory holiday or day in lieu ("Tết Nguyên Đán"), or ""."""
    with _lock:
        return _statutory().get(as_day(day)) or ""


def as_day(value: date | datetime) -> date:
    """The calendar day of a date, or of an aware datetime in the portal's time zone."""
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


class WorkCalendar:
    """The working-day calendar with the admin's table loaded once."""

    def __init__(self, special_days: dict[date, bool]):
        self.special_days = special_days  # day → is it a working day

    @classmethod
    def load(cls) -> "WorkCalendar":
        from vntext.models import SpecialDay  # here, so importing this module loads no model

        rows = SpecialDay.objects.values_list("date", "kind")
        return cls({day: kind == SpecialDay.Kind.WORKING_DAY for day, kind in rows})

    def is_working_day(self, day: date | datetime) -> bool:
        day = as_day(day)
        if day in self.special_days:
            return self.special_days[day]
        return statutory_working_day(day)

    def add_working_days(self, start: date | datetime, n: int) -> date:
        """The n-th working day after `start` (before it when n < 0); `start` itself never
        counts. 15 working days from a question received on Friday 3 July 2026 is Friday
        24 July. With n = 0: `start` if it is a working day, else the next one.
        """
        day, step = as_day(start), (1 if n >= 0 else -1)
        for _ in range(abs(n) or 1):
            if n:
                day += timedelta(days=step)
            while not self.is_working_day(day):
                day += timedelta(days=step)
        return day

    def working_days_between(self, start: date | datetime, end: date | datetime) -> int:
        """Working days after `start` up to and including `end`; negative when `end` is
        earlier. So `working_days_between(d, add_working_days(d, n)) == n`, and
        `working_days_between(today, deadline)` is the working days left (0 on the day,
        below 0 when overdue).
        """
        start, end = as_day(start), as_day(end)
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        days = (start + timedelta(days=offset) for offset in range(1, (end - start).days + 1))
        return sign * sum(1 for day in days if self.is_working_day(day))

    def latest_notice_day(self, starts_on: date | datetime, working_days: int) -> date:
        """The last day a notice may go up and still leave `working_days` full working
        days before the day `starts_on` (that day and the notice's own day do not count).
        """
        return self.add_working_days(starts_on, -working_days) - timedelta(days=1)


def is_working_day(day: date | datetime) -> bool:
    return WorkCalendar.load().is_working_day(day)


def add_working_days(start: date | datetime, n: int) -> date:
    return WorkCalendar.load().add_working_days(start, n)


def working_days_between(start: date | datetime, end: date | datetime) -> int:
    return WorkCalendar.load().working_days_between(start, end)


def latest_notice_day(starts_on: date | datetime, working_days: int) -> date:
    return WorkCalendar.load().latest_notice_day(starts_on, working_days)
