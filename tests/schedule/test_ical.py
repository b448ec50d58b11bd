from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.urls import reverse

from tests.organizations import factories as orgs
from tests.schedule import factories as f

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def feed(client):
    week = f.week(date(2026, 11, 30), published=True)
    f.entry(
        week,
        date(2026, 12, 1),
        time(8, 0),
        content="Hội nghị Ban Thường vụ Đảng ủy Khối",
        presiding_cadre=orgs.cadre(full_name="Hoàng Thị Thu Hà", phone="0912345678"),
        participants="Các đồng chí Ủy viên Ban Thường vụ",
        place="Phòng họp số 1",
    )
    f.entry(week, date(2026, 12, 4), None, content="Kiểm tra tại cơ sở")
    with time_machine.travel(datetime(2026, 12, 1, 7, 0, tzinfo=HCM), tick=False):
        return client.get(reverse("schedule:ical"))


def test_feed_is_valid_icalendar_with_local_times(feed):
    """A real parser reads the feed; 8:00 in Việt Nam is 01:00 UTC, with the zone named."""
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    cal = icalendar.Calendar.from_ical(feed.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    meeting = events["Hội nghị Ban Thường vụ Đảng ủy Khối"]
    start = meeting.decoded("dtstart")
    assert start == datetime(2026, 12, 1, 8, 0, tzinfo=HCM)
    assert start.astimezone(ZoneInfo("UTC")).hour == 1
    assert meeting["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(meeting["location"]) == "Phòng họp số 1"
    assert "Chủ trì: Hoàng Thị Thu Hà" in str(meeting["description"])
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    # Every event has what RFC 5545 requires of it.
    for event in events.values():
        assert event["uid"]
        assert event["dtstamp"]


def test_all_day_entry_is_a_date_event(feed):
    """ "Cả ngày" is a DATE event lasting that day."""
    cal = icalendar.Calendar.from_ical(feed.content)
    visit = next(e for e in cal.walk("VEVENT") if str(e["summary"]) == "Kiểm tra tại cơ sở")
    assert visit.decoded("dtstart") == date(2026, 12, 4)
    assert visit.decoded("dtend") - visit.decoded("dtstart") == timedelta(days=1)


def test_feed_holds_no_private_data(feed):
    """The presiding cadre's private phone never reaches the feed."""
    assert b"0912345678" not in feed.content
