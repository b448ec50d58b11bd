"""The schedule as iCalendar (RFC 5545), for Thunderbird, Google Calendar and phones.

Times are local times of Asia/Ho_Chi_Minh with a TZID and the zone's VTIMEZONE (the
`icalendar` package writes it), so every client shows 8:00 as 8:00 in Việt Nam; an
entry for the whole day ("Cả ngày") is a DATE event.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

PRODID = "-//Dang uy Khoi//Lich cong tac//VI"


def _description(entry) -> str:
    lines = []
    if entry.presiding:
        lines.append(f"Chủ trì: {entry.presiding}")
    if entry.participants:
        lines.append(f"Thành phần: {entry.participants}")
    if entry.preparing_department:
        lines.append(f"Chuẩn bị: {entry.preparing_department}")
    if entry.adjusted_at:
        lines.append("(Điều chỉnh)")
    return "\n".join(lines)


def calendar(entries, *, host: str, url: str) -> bytes:
    import icalendar  # 2 MB that only this file needs (docs/performance.md, "Worker memory")

    zone = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Lịch công tác")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", f"lich-cong-tac-{entry.pk}@{host}")
        stamp = entry.adjusted_at or entry.week.published_at or entry.week.updated_at
        event.add("dtstamp", stamp)
        if entry.is_all_day:
            event.add("dtstart", entry.day)
            event.add("dtend", entry.day + timedelta(days=1))
        else:
            start = datetime.combine(entry.day, entry.start_time, tzinfo=zone)
            event.add("dtstart", start)
        event.add("summary", entry.content)
        if entry.place:
            event.add("location", entry.place)
        description = _description(entry)
        if description:
            event.add("description", description)
        event.add("sequence", 1 if entry.adjusted_at else 0)
        event.add("url", url)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
