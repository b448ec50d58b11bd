"""The newsroom's statistics against hand-counted data, and the daily views behind them."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from news import counters
from news.models import Article, ArticleDailyViews, ArticleTransition, PenName
from news.stats import charts, figures
from tests.news.factories import make_category, make_published

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
OCT, NOV, DEC = date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)
MONTHS = [OCT, NOV, DEC]
S = Article.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 12, 20, 9, tzinfo=VIETNAM), tick=False):
        yield


def at(month, day, hour=9, minute=0):
    return datetime(month.year, month.month, day, hour, minute, tzinfo=VIETNAM)


@pytest.fixture
def newsroom(author, other_author):
    """Hand-counted: Thời sự 2/1/1 in Oct/Nov/Dec, Xây dựng Đảng 0/2/0; Xuân Hiền 1/2/1,
    Minh Đức 1/0/0, an outside byline 0/1/0. The month edges are local time."""
    news, party = make_category("Thời sự"), make_category("Xây dựng Đảng")
    rows = [
        (news, at(OCT, 1, 0, 0), author, ""),  # 1/10 00:00 local = 30/9 17:00 UTC
        (news, at(OCT, 31, 23, 59), other_author, "pen"),
        (news, at(NOV, 15), author, ""),
        (party, at(NOV, 1, 0, 30), author, ""),
        (party, at(NOV, 30, 22), None, "Cộng tác viên Hải Lăng"),
        (news, at(DEC, 2), author, ""),
    ]
    pen = PenName.objects.create(name="Minh Đức", owner=other_author)
    made = [
        make_published(
            cat,
            f"Bài {i}",
            published_at=when,
            created_by=by,
            **({"pen_name": pen} if byline == "pen" else {"author_name": byline}),
        )
        for i, (cat, when, by, byline) in enumerate(rows)
    ]
    # Not counted: before the period, scheduled later, and a draft.
    make_published(news, "Tháng Chín", published_at=at(date(2026, 9, 1), 30, 23, 59))
    make_published(news, "Hẹn giờ", published_at=at(DEC, 28))
    make_published(news, "Nháp", status=S.DRAFT)
    return made


def test_articles_per_month_per_category(newsroom):
    rows = figures.by_category(MONTHS)
    assert [(row.label, row.values(MONTHS), row.total) for row in rows] == [
        ("Thời sự", [2, 1, 1], 4),
        ("Xây dựng Đảng", [0, 2, 0], 2),
    ]
    assert figures.totals(rows, MONTHS) == [2, 3, 1]


def test_articles_per_month_per_writer(newsroom):
    rows = figures.by_writer(MONTHS)
    assert [(row.label, row.values(MONTHS)) for row in rows] == [
        ("Xuân Hiền", [1, 2, 1]),
        ("Cộng tác viên Hải Lăng (cộng tác viên ngoài)", [0, 1, 0]),
        ("Minh Đức", [1, 0, 0]),
    ]


def _log(article, steps):
    for when, source, target in steps:
        ArticleTransition.objects.create(
            article=article, from_status=source, to_status=target, created_at=when
        )


def test_median_time_from_submission_to_approval(newsroom):
    """Measured from the latest submission before each approval, by month of approval."""
    a, b, c, d = newsroom[:4]
    _log(a, [(at(NOV, 3, 9), S.DRAFT, S.PENDING), (at(NOV, 3, 13), S.PENDING, S.PUBLISHED)])  # 4 h
    _log(b, [(at(NOV, 4, 8), S.DRAFT, S.PENDING), (at(NOV, 5, 8), S.PENDING, S.PUBLISHED)])  # 24 h
    _log(c, [  # sent back once: counted from the resubmission, 2 h
        (at(NOV, 6, 8), S.DRAFT, S.PENDING),
        (at(NOV, 6, 9), S.PENDING, S.REJECTED),
        (at(NOV, 7, 10), S.REJECTED, S.PENDING),
        (at(NOV, 7, 12), S.PENDING, S.PUBLISHED),
    ])  # fmt: skip
    # Submitted in November, approved on 1 December 00:10 local: December's.
    _log(
        d, [(at(NOV, 30, 23, 40), S.DRAFT, S.PENDING), (at(DEC, 1, 0, 10), S.PENDING, S.PUBLISHED)]
    )
    reviews = {r.month: (r.approvals, r.median) for r in figures.review_times(MONTHS)}
    assert reviews == {
        OCT: (0, None),
        NOV: (3, timedelta(hours=4)),
        DEC: (1, timedelta(minutes=30)),
    }
    assert figures.median_text(timedelta(hours=4)) == "4 giờ 0 phút"
    assert figures.median_text(timedelta(days=2, hours=3, minutes=5)) == "2 ngày 3 giờ"
    assert figures.median_text(timedelta(minutes=30)) == "30 phút"


def test_an_even_count_takes_the_middle_of_the_two(newsroom):
    a, b = newsroom[:2]
    _log(a, [(at(NOV, 3, 9), S.DRAFT, S.PENDING), (at(NOV, 3, 10), S.PENDING, S.PUBLISHED)])
    _log(b, [(at(NOV, 4, 9), S.DRAFT, S.PENDING), (at(NOV, 4, 12), S.PENDING, S.PUBLISHED)])
    assert figures.review_times([NOV])[0].median == timedelta(hours=2)


def test_most_read_sums_the_month_only(newsroom):
    a, b, c = newsroom[:3]
    for article, day, views in [
        (a, date(2026, 10, 31), 900),  # October: not November's
        (a, date(2026, 11, 1), 10),
        (b, date(2026, 11, 2), 30),
        (b, date(2026, 11, 30), 15),
        (c, date(2026, 11, 20), 40),
        (c, date(2026, 12, 1), 500),
    ]:
        ArticleDailyViews.objects.create(article=article, day=day, views=views)
    assert [(r.title, r.views) for r in figures.most_read(NOV)] == [
        ("Bài 1", 45),
        ("Bài 2", 40),
        ("Bài 0", 10),
    ]
    assert [r.title for r in figures.most_read(NOV, limit=1)] == ["Bài 1"]


def test_the_counter_flush_writes_the_day_table(newsroom):
    """Views flushed on a day add to that day's row (local date), whatever the hour in UTC."""
    article = newsroom[0]
    for _ in range(3):
        counters.views.add(article.pk)
    with time_machine.travel(datetime(2026, 12, 21, 0, 30, tzinfo=VIETNAM), tick=False):
        counters.flush_all_views()
    for _ in range(2):
        counters.views.add(article.pk)
    with time_machine.travel(datetime(2026, 12, 21, 23, 0, tzinfo=VIETNAM), tick=False):
        counters.flush_views(article.pk)
    counters.views.add(article.pk)
    with time_machine.travel(datetime(2026, 12, 22, 8, 0, tzinfo=VIETNAM), tick=False):
        counters.flush_views(article.pk)
    rows = ArticleDailyViews.objects.filter(article=article).order_by("day")
    assert [(r.day, r.views) for r in rows] == [(date(2026, 12, 21), 5), (date(2026, 12, 22), 1)]
    article.refresh_from_db()
    assert article.view_count == 6


def test_a_view_of_the_page_lands_in_the_day_table(client, newsroom):
    article = newsroom[0]
    assert client.get(article.get_absolute_url()).status_code == 200  # a miss flushes
    assert ArticleDailyViews.objects.get(article=article).views == 1


def test_the_page_and_its_csv(client, newsroom, editor):
    ArticleDailyViews.objects.create(article=newsroom[2], day=date(2026, 11, 3), views=77)
    client.force_login(editor)
    url = reverse("admin:news_articledailyviews_changelist")
    page = client.get(url, {"thang": "2026-11-01", "so_thang": "6"})
    assert page.status_code == 200
    text = page.content.decode()
    chart = text[text.index('<svg class="stats-chart" role="img"') :]
    chart = chart[: chart.index("</svg>")]
    assert "Số bài xuất bản mỗi tháng, 06/2026 – 11/2026" in chart
    assert "<script" not in chart
    assert "Bài 2" in text
    assert "77" in text
    response = client.get(url, {"thang": "2026-11-01", "so_thang": "6", "bang": "chuyen-muc"})
    rows = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
    assert rows[0] == [
        "Chuyên mục",
        "06/2026",
        "07/2026",
        "08/2026",
        "09/2026",
        "10/2026",
        "11/2026",
        "Cộng",
    ]
    assert rows[1:] == [["Thời sự", "0", "0", "0", "1", "2", "1", "4"], ["Xây dựng Đảng", "0", "0", "0", "0", "0", "2", "2"]]  # fmt: skip
    response = client.get(url, {"thang": "2026-11-01", "bang": "doc-nhieu"})
    rows = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
    assert rows == [
        ["Hạng", "Bài viết", "Chuyên mục", "Lượt xem tháng 11/2026"],
        ["1", "Bài 2", "Thời sự", "77"],
    ]


def test_statistics_are_for_editors(client, newsroom, author, staff):
    url = reverse("admin:news_articledailyviews_changelist")
    for user in (author, staff):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.get(url, {"bang": "nguoi-viet"}).status_code == 403


def test_the_page_reads_in_constant_queries(
    client, newsroom, editor, category, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    url = reverse("admin:news_articledailyviews_changelist")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(30):
        item = make_published(category, f"Thêm {i}", published_at=at(DEC, 1 + i % 15))
        ArticleDailyViews.objects.create(article=item, day=date(2026, 12, 3), views=i)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_charts_escape_their_labels():
    svg = charts.bar_chart([("<b>Tin</b> & ảnh", 3)], title="Đọc nhiều", chart_id="c1")
    assert "<b>" not in svg
    assert "&lt;b&gt;Tin&lt;/b&gt; &amp; ảnh" in svg
    assert charts.column_chart([], title="Trống", chart_id="c2") == ""
    assert 'viewBox="0 0 720 240"' in charts.column_chart(
        [("11/2026", 7)], title="T", chart_id="c3"
    )
