"""The editorial calendar: a month and a week of what was published and what is scheduled,
by category, each item linking to the article (the clock is frozen: 20/11/2026, 10:00)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.editors import EditorProfile
from news.models import Article
from tests.news.factories import EDITOR, make_category, make_draft, make_user

pytestmark = pytest.mark.django_db

Status = Article.Status
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=VIETNAM)
CALENDAR = reverse("admin:news_article_calendar")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def at(day, hour=8, minute=0, month=11):
    return datetime(2026, month, day, hour, minute, tzinfo=VIETNAM)


@pytest.fixture
def november():
    party = make_category("Xây dựng Đảng", order=1)
    child = make_category("Học tập và làm theo Bác", parent=party)
    economy = make_category("Kinh tế – Xã hội", order=2)
    published = Status.PUBLISHED
    articles = {
        "early": make_draft(
            category=party, status=published, published_at=at(3, 7, 30), title="Hội nghị BCH"
        ),
        "child_article": make_draft(
            category=child, status=published, published_at=at(18, 14), title="Gương sáng"
        ),
        "economy_article": make_draft(
            category=economy, status=published, published_at=at(18, 9), title="Quý III tăng"
        ),
        # Scheduled: published, its time still to come.
        "scheduled": make_draft(
            category=party, status=published, published_at=at(25, 6), title="Kỷ niệm 25/11"
        ),
        # Just after midnight in Vietnam, still 30/11 UTC: it belongs to 1 December.
        "december": make_draft(
            category=party, status=published, published_at=at(1, 0, 30, 12), title="Tháng Chạp"
        ),
        "pending": make_draft(category=party, status=Status.PENDING, title="Chờ duyệt"),
    }
    return {"party": party, "child": child, "economy": economy, **articles}


def test_month_lists_published_and_scheduled_items_by_day(client, editor, november):
    """November 2026 (1/11 is a Sunday): six weeks from Monday 26/10; each day its articles by time; the
    pending and December articles are elsewhere; empty days are counted as gaps."""
    client.force_login(editor)
    response = client.get(CALENDAR, {"thang": "2026-11"})
    period = response.context["period"]
    assert period.title == "Tháng 11 năm 2026"
    assert [week[0].date for week in period.weeks] == [
        date(2026, 10, 26),
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
        date(2026, 11, 30),
    ]
    days = {day.date: day for week in period.weeks for day in week if day.in_period}
    assert len(days) == 30
    assert [e.article.title for e in days[date(2026, 11, 18)].entries] == [
        "Quý III tăng",
        "Gương sáng",
    ]
    [scheduled] = days[date(2026, 11, 25)].entries
    assert scheduled.scheduled
    assert scheduled.url == reverse("admin:news_article_change", args=[november["scheduled"].pk])
    assert not days[date(2026, 11, 3)].entries[0].scheduled
    assert (period.published_count, period.scheduled_count, period.gap_days) == (3, 1, 27)
    assert days[date(2026, 11, 20)].is_today
    page = response.content.decode()
    assert "Thứ Hai" in page
    assert "Chủ Nhật" in page
    assert "Chờ duyệt" not in page
    assert "Tháng Chạp" not in page
    assert f'href="{scheduled.url}"' in page
    assert "3 bài đã xuất bản, 1 bài hẹn giờ; 27 ngày không có bài." in page


def test_month_boundary_follows_vietnam_time(client, editor, november):
    """An article at 0:30 on 1/12 in Vietnam is in December, not November."""
    client.force_login(editor)
    period = client.get(CALENDAR, {"thang": "2026-12"}).context["period"]
    [entry] = period.entries
    assert entry.article.title == "Tháng Chạp"
    assert entry.at.day == 1


def test_week_has_a_row_per_category_so_gaps_show(client, editor, november):
    """The week of 16/11: one row per category, a column per day; empty cells are gaps. A
    parent whose sub-categories have rows gets one only for articles filed in it."""
    make_category("Gương người tốt, việc tốt", order=3)
    client.force_login(editor)
    response = client.get(CALENDAR, {"tuan": "2026-11-18"})
    period = response.context["period"]
    assert period.start == date(2026, 11, 16)
    assert period.title == "Tuần từ 16/11/2026 đến 22/11/2026"
    rows = {row.category.name: row for row in period.rows}
    assert list(rows) == [
        "Học tập và làm theo Bác",
        "Kinh tế – Xã hội",
        "Gương người tốt, việc tốt",
    ]
    assert [len(cell) for cell in rows["Học tập và làm theo Bác"].cells] == [0, 0, 1, 0, 0, 0, 0]
    assert rows["Gương người tốt, việc tốt"].gaps == 7
    assert period.gap_days == 6
    assert "cả tuần chưa có bài" in response.content.decode()
    # Without its row, the parent heads its sub-categories (once, above the first).
    assert [row.heading for row in period.rows] == ["Xây dựng Đảng", "", ""]
    assert '<th scope="rowgroup" colspan="8">Xây dựng Đảng</th>' in response.content.decode()
    # The week of 23/11 has an article filed in "Xây dựng Đảng" itself: its row is back,
    # and it is the heading.
    later = client.get(CALENDAR, {"tuan": "2026-11-25"}).context["period"]
    assert later.rows[0].category.name == "Xây dựng Đảng"
    assert [row.heading for row in later.rows] == ["", "", "", ""]


def test_category_filter_and_a_limited_editor(client, november):
    """The filter keeps a category and its sub-categories; a limited editor's calendar
    holds only their desk."""
    editor = make_user("bientap-kinhte", EDITOR)
    EditorProfile.objects.create(user=editor).categories.add(november["economy"])
    client.force_login(editor)
    period = client.get(CALENDAR, {"thang": "2026-11"}).context["period"]
    assert [e.article.title for e in period.entries] == ["Quý III tăng"]
    party = client.get(CALENDAR, {"thang": "2026-11", "chuyen-muc": november["party"].pk}).context
    assert party["category"] is None  # not theirs: the filter is ignored, not widened
    assert [e.article.title for e in party["period"].entries] == ["Quý III tăng"]
    client.force_login(make_user("bientap-tong", EDITOR))
    filtered = client.get(CALENDAR, {"thang": "2026-11", "chuyen-muc": november["party"].pk})
    assert [e.article.title for e in filtered.context["period"].entries] == [
        "Hội nghị BCH",
        "Gương sáng",
        "Kỷ niệm 25/11",
    ]


def test_writer_sees_only_own_articles(client, november, author):
    """An author's calendar shows what they may open: their own articles."""
    make_draft(
        category=november["economy"],
        status=Status.PUBLISHED,
        published_at=at(10),
        created_by=author,
        title="Bài của tôi",
    )
    client.force_login(author)
    period = client.get(CALENDAR, {"thang": "2026-11"}).context["period"]
    assert [e.article.title for e in period.entries] == ["Bài của tôi"]


def test_bad_parameters_fall_back_to_this_month(client, editor, november):
    """A malformed month or day shows the current one rather than an error."""
    client.force_login(editor)
    for query in [{"thang": "2026-13"}, {"thang": "abc"}, {"tuan": "2026-02-30"}]:
        response = client.get(CALENDAR, query)
        assert response.status_code == 200
        assert response.context["period"].start in {date(2026, 11, 1), date(2026, 11, 16)}


def test_calendar_query_count_does_not_grow(client, editor, november):
    """Month and week read the same few queries with 3 or 40 articles."""
    client.force_login(editor)

    def count(query):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CALENDAR, query).status_code == 200
        return len(queries)

    few = (count({"thang": "2026-11"}), count({"tuan": "2026-11-16"}))
    for index in range(40):
        make_draft(
            category=november["child" if index % 2 else "economy"],
            status=Status.PUBLISHED,
            published_at=at(16 + index % 7, 6 + index % 12),
            title=f"Tin {index}",
        )
    assert (count({"thang": "2026-11"}), count({"tuan": "2026-11-16"})) == few


def test_staff_outside_the_newsroom_cannot_open_it(client, staff):
    """Staff without the articles' permissions get 403."""
    client.force_login(staff)
    assert client.get(CALENDAR).status_code == 403
