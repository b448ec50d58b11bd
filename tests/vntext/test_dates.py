from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from vntext import dates

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("day", "weekday"),
    [
        (18, "Thứ Hai"),
        (19, "Thứ Ba"),
        (20, "Thứ Tư"),
        (21, "Thứ Năm"),
        (22, "Thứ Sáu"),
        (23, "Thứ Bảy"),
        (24, "Chủ Nhật"),
    ],
)
def test_article_datetime_names_every_weekday_like_the_source_site(day, weekday):
    """Each day of the week 18–24 October 2021 reads "8:43, <Thứ …>, dd-10-2021"."""
    value = datetime(2021, 10, day, 8, 43, tzinfo=VIETNAM)
    assert dates.article_datetime(value) == f"8:43, {weekday}, {day}-10-2021"


def test_article_datetime_matches_the_seed_article_exactly():
    """The seed article's line is reproduced character for character."""
    value = datetime(2021, 10, 18, 1, 43, tzinfo=UTC)  # 8:43 in Vietnam
    assert dates.article_datetime(value) == "8:43, Thứ Hai, 18-10-2021"


def test_article_datetime_at_midnight_is_zero_hour_of_the_new_day():
    """Midnight is "0:00" and already belongs to the next day."""
    value = datetime(2021, 10, 19, 0, 0, tzinfo=VIETNAM)
    assert dates.article_datetime(value) == "0:00, Thứ Ba, 19-10-2021"


def test_article_datetime_one_minute_before_midnight():
    """23:59 stays on the old day."""
    value = datetime(2021, 10, 18, 23, 59, tzinfo=VIETNAM)
    assert dates.article_datetime(value) == "23:59, Thứ Hai, 18-10-2021"


def test_article_datetime_at_noon_uses_the_24_hour_clock():
    """Noon is "12:00" and 13:05 is "13:05": no AM/PM."""
    assert (
        dates.article_datetime(datetime(2021, 10, 24, 12, 0, tzinfo=VIETNAM))
        == "12:00, Chủ Nhật, 24-10-2021"
    )
    assert (
        dates.article_datetime(datetime(2021, 10, 24, 13, 5, tzinfo=VIETNAM))
        == "13:05, Chủ Nhật, 24-10-2021"
    )


def test_article_datetime_converts_utc_across_midnight():
    """17:00 UTC on Sunday is 0:00 on Monday in Vietnam (UTC+7)."""
    value = datetime(2021, 10, 17, 17, 0, tzinfo=UTC)
    assert dates.article_datetime(value) == "0:00, Thứ Hai, 18-10-2021"


def test_long_and_short_dates():
    """Header and list formats: "Thứ Sáu, 27/11/2026" and "27/11/2026", in Vietnam's day."""
    assert dates.long_date(date(2026, 11, 27)) == "Thứ Sáu, 27/11/2026"
    late_utc = datetime(2026, 11, 26, 20, 30, tzinfo=UTC)  # already the 27th in Vietnam
    assert dates.long_date(late_utc) == "Thứ Sáu, 27/11/2026"
    assert dates.short_date(late_utc) == "27/11/2026"


def test_template_filters_format_and_tolerate_empty_values():
    """The filters give the same text in templates, and nothing for a missing date."""
    template = Template(
        "{% load portal %}{{ when|article_datetime }}|{{ when|short_date }}|{{ none|article_datetime }}"
    )
    when = datetime(2021, 10, 18, 8, 43, tzinfo=VIETNAM)
    assert template.render(Context({"when": when, "none": None})) == (
        "8:43, Thứ Hai, 18-10-2021|18/10/2021|"
    )


def test_vndates_library_gives_the_same_text_as_the_portal_library():
    """`{% load vndates %}` (for every app) and `{% load portal %}` write the same dates."""
    when = datetime(2021, 10, 18, 1, 43, tzinfo=UTC)
    source = "{{ when|article_datetime }}|{{ when|long_date }}|{{ when|weekday_name }}|{{ day|weekday_name }}"
    context = Context({"when": when, "day": date(2021, 10, 24)})
    expected = "8:43, Thứ Hai, 18-10-2021|Thứ Hai, 18/10/2021|Thứ Hai|Chủ Nhật"
    assert Template("{% load vndates %}" + source).render(context) == expected
    assert Template("{% load portal %}" + source).render(context) == expected


def test_weekday_filter_reads_the_day_in_vietnam():
    """23:30 UTC on a Sunday is already Monday in Vietnam."""
    late_sunday_utc = datetime(2021, 10, 17, 23, 30, tzinfo=UTC)
    rendered = Template("{% load vndates %}{{ when|weekday_name }}").render(
        Context({"when": late_sunday_utc})
    )
    assert rendered == "Thứ Hai"


def test_old_import_path_still_works():
    """`portal.dates` re-exports the functions of `vntext.dates` (old imports keep working)."""
    from portal import dates as old_dates

    assert old_dates.article_datetime is dates.article_datetime
    assert old_dates.WEEKDAYS == dates.WEEKDAYS
