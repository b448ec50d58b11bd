"""Public pages of the schedule: a week (Thứ Hai → Chủ Nhật), its print view, the feed.

Two queries for the content of a week, whatever its size: the week, its entries with
their presiding cadre. Only published weeks are shown (`Week.objects.published()`).
"""

import re
from datetime import date, datetime, timedelta

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from schedule import ical, metadata
from schedule.models import Entry, Week, monday_of, week_from_iso
from vntext.dates import weekday_name

# What the week picker accepts: "2026-W49" (an <input type="week">), or a day in the week.
_ISO_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
_DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
FEED_WEEKS_BACK = 8
# The years a week may be asked for: beyond them a week is 404 (no 500 at the calendar's
# ends, no endless chain of empty weeks for crawlers). See docs/sections.md.
FIRST_YEAR = 2000
LAST_YEAR = 2100


def in_range(monday: date) -> bool:
    return FIRST_YEAR <= monday.isocalendar().year <= LAST_YEAR


def _bounds() -> dict:
    """The picker's `min` / `max`: the first and last weeks a reader may ask for."""
    last = date(LAST_YEAR, 12, 28).isocalendar()  # 28 December is in a year's last week
    return {"first_week": f"{FIRST_YEAR}-W01", "last_week": f"{LAST_YEAR}-W{last.week:02d}"}


def week_url(monday: date, name: str = "schedule:week") -> str:
    iso = monday.isocalendar()
    return reverse(name, kwargs={"year": iso.year, "week": iso.week})


def entries_for_public():
    """Entries with only what a public page shows of the presiding cadre (no private data)."""
    return Entry.objects.select_related("presiding_cadre").only(
        *(f.name for f in Entry._meta.concrete_fields if f.name != "presiding_cadre"),
        "presiding_cadre",
        "presiding_cadre__full_name",
        "presiding_cadre__slug",
    )


def parse_week(value: str) -> date | None:
    """The Monday of the week the picker names, or None when it names none (or one
    outside FIRST_YEAR..LAST_YEAR)."""
    value = (value or "").strip()
    match = _ISO_WEEK.match(value)
    if match:
        try:
            monday = week_from_iso(int(match[1]), int(match[2]))
        except ValueError:
            return None
        return monday if in_range(monday) else None
    for fmt in _DAY_FORMATS:
        try:
            monday = monday_of(datetime.strptime(value, fmt).date())  # noqa: DTZ007 (a date)
        except (ValueError, OverflowError):
            continue
        return monday if in_range(monday) else None
    return None


class WeekView(TemplateView):
    """A week of the schedule; without a year and week number, the current week."""

    template_name = "schedule/week.html"
    printed = False

    def get_monday(self) -> date:
        if "year" not in self.kwargs:
            return monday_of(timezone.localdate())
        year, number = self.kwargs["year"], self.kwargs["week"]
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404("Không có tuần này.")
        try:
            return week_from_iso(year, number)
        except ValueError as error:
            raise Http404("Không có tuần này.") from error

    def canonical_url(self, monday: date) -> str:
        if "year" not in self.kwargs:
            return reverse("schedule:current")
        return week_url(monday)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        monday = self.get_monday()
        today = timezone.localdate()
        week = Week.objects.published().filter(monday=monday).first()
        entries = list(entries_for_public().filter(week=week)) if week else []
        by_day = {day: [] for day in (monday + timedelta(days=n) for n in range(7))}
        for entry in entries:
            if entry.day in by_day:  # an entry outside its week (a script) is not shown
                by_day[entry.day].append(entry)
        iso = monday.isocalendar()
        context.update(
            week=week,
            monday=monday,
            sunday=monday + timedelta(days=6),
            iso_year=iso.year,
            iso_week=iso.week,
            iso_value=f"{iso.year}-W{iso.week:02d}",
            days=[
                {
                    "date": day,
                    "weekday": weekday_name(day),
                    "is_today": day == today,
                    "entries": items,
                }
                for day, items in by_day.items()
            ],
            is_current=monday == monday_of(today),
            current_url=reverse("schedule:current"),
            previous_url=_week_url_in_range(monday - timedelta(days=7)),
            next_url=_week_url_in_range(monday + timedelta(days=7)),
            **_bounds(),
            print_url=week_url(monday, "schedule:week_print"),
            adjusted=[entry for entry in entries if entry.adjusted_at],
            meta=metadata.week(
                self.request,
                monday=monday,
                sunday=monday + timedelta(days=6),
                url=self.canonical_url(monday),
                printed=self.printed,
            ),
        )
        return context


def _week_url_in_range(monday: date) -> str | None:
    return week_url(monday) if in_range(monday) else None


class WeekPrintView(WeekView):
    template_name = "schedule/week_print.html"
    printed = True


def pick_week(request):
    """The week picker's form: to the week it names (never cached, it only redirects)."""
    value = request.GET.get("tuan", "")
    monday = parse_week(value)
    if monday is None:
        # Firefox and Safari show <input type="week"> as a plain text box: say what went
        # wrong, in Vietnamese, with the picker again (400, never cached, not indexed).
        today = monday_of(timezone.localdate())
        iso = today.isocalendar()
        context = {
            "value": value[:40],
            "first_year": FIRST_YEAR,
            "last_year": LAST_YEAR,
            "current_url": reverse("schedule:current"),
            "iso_value": f"{iso.year}-W{iso.week:02d}",
            **_bounds(),
            "meta": metadata.pick_error(request),
        }
        return render(request, "schedule/pick_error.html", context, status=400)
    return HttpResponseRedirect(week_url(monday))


def ical_feed(request):
    """iCalendar (.ics) of published weeks from a few weeks back on, for calendar apps."""
    since = monday_of(timezone.localdate()) - timedelta(weeks=FEED_WEEKS_BACK)
    entries = (
        entries_for_public()
        .filter(week__status=Week.Status.PUBLISHED, week__monday__gte=since)
        .select_related("week")
    )
    body = ical.calendar(
        entries,
        host=request.get_host(),
        url=request.build_absolute_uri(reverse("schedule:current")),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response
