from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.urls import resolve, reverse

from news.models import Category
from schedule import views as schedule_views
from schedule import workflow
from tests.organizations import factories as orgs
from tests.schedule import factories as f

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# The page cache's state, the week and its entries, plus the site chrome (footer
# settings, menu and its children; the notices come from the cache).
WEEK_QUERIES = 6


def at(*args) -> time_machine.travel:
    return time_machine.travel(datetime(*args, tzinfo=HCM), tick=False)


def week_url(year, number):
    return reverse("schedule:week", kwargs={"year": year, "week": number})


def test_urls_resolve():
    """The schedule's paths are Vietnamese ASCII and resolve to their views."""
    assert reverse("schedule:current") == "/lich-cong-tac/"
    assert week_url(2026, 49) == "/lich-cong-tac/2026/tuan-49/"
    assert resolve("/lich-cong-tac/2026/tuan-49/in/").url_name == "week_print"
    assert resolve("/lich-cong-tac/lich.ics").url_name == "ical"


@pytest.mark.parametrize(
    ("now", "monday"),
    [
        # A Monday just after midnight in Việt Nam (still Sunday in UTC): the new week.
        ((2026, 11, 30, 0, 30), date(2026, 11, 30)),
        # A Sunday late in the evening: still the week that began on Monday.
        ((2026, 12, 6, 23, 30), date(2026, 11, 30)),
        # 1 January 2027 is a Friday of ISO week 53 of 2026.
        ((2027, 1, 1, 9, 0), date(2026, 12, 28)),
    ],
)
def test_current_week_runs_monday_to_sunday(client, now, monday):
    """/lich-cong-tac/ shows Thứ Hai → Chủ Nhật of the week holding today in Việt Nam."""
    f.week(monday, published=True)
    with at(*now):
        response = client.get(reverse("schedule:current"))
    days = response.context["days"]
    assert next(d["date"] for d in days) == monday
    assert [d["weekday"] for d in days] == [
        "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật",
    ]  # fmt: skip
    today = date(*now[:3])
    assert [d["date"] for d in days if d["is_today"]] == [today]
    assert f"{today:%d/%m/%Y}" in response.content.decode()
    assert 'aria-current="date"' in response.content.decode()


def test_week_of_new_year_spans_two_years(client):
    """The week of 1 January holds the last days of December and the first of January."""
    week = f.week(date(2026, 12, 28), published=True)
    f.entry(week, date(2026, 12, 31), content="Tổng kết công tác năm 2026")
    f.entry(week, date(2027, 1, 2), None, content="Trực Tết Dương lịch")
    with at(2027, 1, 1, 9, 0):
        response = client.get(reverse("schedule:current"))
    html = response.content.decode()
    assert "Tuần 53/2026" in html
    assert "Tổng kết công tác năm 2026" in html
    assert "Trực Tết Dương lịch" in html
    assert response.context["next_url"] == week_url(2027, 1)
    assert response.context["previous_url"] == week_url(2026, 52)


def test_week_picked_by_iso_number(client):
    """The picker's "2026-W49" (what <input type=week> sends) leads to that week."""
    response = client.get(reverse("schedule:pick_week"), {"tuan": "2026-W49"})
    assert response.status_code == 302
    assert response["Location"] == week_url(2026, 49)
    page = client.get(response["Location"])
    assert page.context["monday"] == date(2026, 11, 30)
    # A date also names its week; a week that does not exist sends back to the picker.
    assert client.get(reverse("schedule:pick_week"), {"tuan": "03/01/2027"})[
        "Location"
    ] == week_url(2026, 53)
    assert client.get(week_url(2025, 53)).status_code == 404


@pytest.mark.parametrize("value", ["2025-W53", "abc", "2026-W00", "0000-W01", "32/13/2026", ""])
def test_week_picker_explains_what_it_did_not_understand(client, value):
    """A value that names no week (Firefox and Safari show a plain text box) gets a page
    in Vietnamese with the picker again, never a silent jump to this week."""
    response = client.get(reverse("schedule:pick_week"), {"tuan": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không xác định được tuần" in html
    assert 'id="chon-tuan"' in html
    assert response.context["meta"].robots == "noindex"


@pytest.mark.parametrize(
    ("year", "number"), [(1, 1), (9999, 52), (1999, 52), (2101, 1), (2**40, 1)]
)
def test_weeks_far_outside_the_portals_years_are_404(client, year, number):
    """No 500 at the calendar's ends (the links to the week before and after cannot be
    made), and no endless chain of empty weeks for crawlers to follow."""
    assert client.get(week_url(year, number)).status_code == 404
    printed = reverse("schedule:week_print", kwargs={"year": year, "week": number})
    assert client.get(printed).status_code == 404
    response = client.get(reverse("schedule:pick_week"), {"tuan": f"{year:04d}-W{number:02d}"})
    assert response.status_code == 400


def test_the_first_and_last_weeks_have_no_link_beyond(client):
    first = client.get(week_url(schedule_views.FIRST_YEAR, 1))
    assert first.status_code == 200
    assert first.context["previous_url"] is None
    last_monday = date(schedule_views.LAST_YEAR, 12, 28)
    iso = last_monday.isocalendar()
    last = client.get(week_url(iso.year, iso.week))
    assert last.status_code == 200
    assert last.context["next_url"] is None


def test_unpublished_week_is_invisible(client, django_capture_on_commit_callbacks):
    """A drafted week shows nothing to the public, in the page and in the feed; published,
    it shows at once, although the page without it is in the page cache."""
    week = f.week(date(2026, 12, 1))
    f.entry(week, date(2026, 12, 1), content="Hội nghị bí mật chưa công bố")
    with at(2026, 12, 1, 10, 0):
        page = client.get(reverse("schedule:current"))
        feed = client.get(reverse("schedule:ical"))
    assert "Hội nghị bí mật" not in page.content.decode()
    assert "chưa được công bố" in page.content.decode()
    assert "Hội nghị" not in feed.content.decode()
    with at(2026, 12, 1, 10, 0):
        with django_capture_on_commit_callbacks(execute=True):
            workflow.publish_week(week=week, actor=None, skip_permission_checks=True)
        assert "Hội nghị bí mật" in client.get(reverse("schedule:current")).content.decode()


def test_entry_changed_after_publication_is_marked_adjusted(client):
    """Saved after its week went public, an entry reads "Điều chỉnh" with the time."""
    with at(2026, 11, 27, 16, 0):
        week = f.week(date(2026, 11, 30))
        before, changed = f.entry(week, date(2026, 11, 30)), f.entry(week, date(2026, 12, 2))
        workflow.save_entries(week=week, entries=[before])
        workflow.publish_week(week=week, actor=None, skip_permission_checks=True)
    with at(2026, 12, 1, 14, 5):
        changed.place = "Hội trường tầng 3"
        workflow.save_entries(week=week, entries=[changed])
        response = client.get(reverse("schedule:current"))
    changed.refresh_from_db()
    before.refresh_from_db()
    assert before.adjusted_at is None
    assert changed.adjusted_at == datetime(2026, 12, 1, 14, 5, tzinfo=HCM)
    html = response.content.decode()
    assert html.count("Điều chỉnh 14:05 01/12") == 1
    assert "Hội trường tầng 3" in html


def test_admin_inline_marks_adjusted_entries(admin_client):
    """The admin's change form goes through the same rule."""
    week = f.week(date(2026, 11, 30), published=True)
    entry = f.entry(week, date(2026, 12, 1))
    data = {
        "monday": "30/11/2026",
        "note": "",
        "entries-TOTAL_FORMS": "1",
        "entries-INITIAL_FORMS": "1",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "entries-0-id": str(entry.pk),
        "entries-0-week": str(week.pk),
        "entries-0-day": "01/12/2026",
        "entries-0-start_time": "09:30",
        "entries-0-content": entry.content,
    }
    response = admin_client.post(reverse("admin:schedule_week_change", args=[week.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry.refresh_from_db()
    assert entry.start_time == time(9, 30)
    assert entry.adjusted_at is not None


def test_only_the_office_publishes():
    """Publishing needs `schedule.publish_week`, which the Văn phòng group has."""
    week = f.week(date(2026, 11, 30))
    author = User.objects.create_user("pv", is_staff=True)
    with pytest.raises(PermissionDenied):
        workflow.publish_week(week=week, actor=author)
    clerk = User.objects.create_user("vp", is_staff=True)
    clerk.groups.add(Group.objects.get(name="Văn phòng"))
    workflow.publish_week(week=week, actor=clerk)
    week.refresh_from_db()
    assert week.is_published()
    assert week.published_by == clerk


def test_entry_outside_its_week_is_refused():
    """An entry's day must lie between the week's Monday and Sunday."""
    from django.core.exceptions import ValidationError

    week = f.week(date(2026, 11, 30))
    entry = f.entry(week, date(2026, 12, 1))
    entry.day = date(2026, 12, 7)
    with pytest.raises(ValidationError, match="Ngày phải nằm trong tuần"):
        entry.full_clean()


def test_a_week_with_entries_cannot_move_away_from_them(client):
    """Changing a week's Monday would leave its entries on days outside it (the week page
    then listed more than seven days): refused while an entry lies outside the new week."""
    from django.core.exceptions import ValidationError

    week = f.week(date(2026, 11, 30), published=True)
    f.entry(week, date(2026, 12, 1))
    week.monday = date(2026, 12, 7)
    with pytest.raises(ValidationError, match="01/12/2026"):
        week.full_clean()
    # Entries made outside their week anyway (a script) never stretch the page.
    Week = type(week)
    Week.objects.filter(pk=week.pk).update(monday=date(2026, 12, 7))
    with at(2026, 12, 8, 9):
        response = client.get(week_url(2026, 50))
    assert len(response.context["days"]) == 7
    assert date(2026, 12, 1) not in [day["date"] for day in response.context["days"]]


@pytest.mark.parametrize("count", [1, 12])
def test_week_page_query_count_is_constant(client, django_assert_num_queries, count):
    """The week page runs the same queries for one entry as for a dozen."""
    top = Category.objects.create(name="Tin tức")
    Category.objects.create(name="Hoạt động cơ sở", parent=top)
    week = f.week(date(2026, 11, 30), published=True)
    chair = orgs.cadre(full_name="Hoàng Thị Thu Hà")
    for n in range(count):
        f.entry(week, date(2026, 11, 30) + timedelta(days=n % 7), presiding_cadre=chair)
    with at(2026, 12, 1, 9, 0), django_assert_num_queries(WEEK_QUERIES):
        response = client.get(reverse("schedule:current"))
    assert response.content.decode().count("Hoàng Thị Thu Hà") == count


def test_print_view_lists_the_week(client):
    """The print view is a plain table of the same week."""
    week = f.week(date(2026, 11, 30), published=True)
    f.entry(week, date(2026, 12, 3), content="Làm việc với Đảng bộ Sở Y tế")
    response = client.get(reverse("schedule:week_print", kwargs={"year": 2026, "week": 49}))
    assert "<table" in response.content.decode()
    assert "Làm việc với Đảng bộ Sở Y tế" in response.content.decode()
    assert 'name="robots" content="noindex"' in response.content.decode()
