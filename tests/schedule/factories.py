"""Small factories for schedule tests."""

from datetime import date, time

from schedule.models import Entry, Week, monday_of


def week(day: date, *, published: bool = False, **fields) -> Week:
    status = Week.Status.PUBLISHED if published else Week.Status.DRAFT
    return Week.objects.create(monday=monday_of(day), status=status, **fields)


def entry(week: Week, day: date, start: time | None = time(8, 0), **fields) -> Entry:
    fields.setdefault("content", f"Họp giao ban ngày {day:%d/%m}")
    return Entry.objects.create(week=week, day=day, start_time=start, **fields)
