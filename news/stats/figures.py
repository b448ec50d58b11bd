"""The newsroom's figures for a run of months (Asia/Ho_Chi_Minh): articles per category
and per writer, the median time from submission to approval, the most-read articles.

Each table is one or two grouped queries, whatever the number of articles. "Most read"
sums the daily views table that the view counter's flush writes (news/counters.py), so
a month's figure is what readers did that month, not the article's lifetime count.
See docs/royalties.md, "Thống kê".
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, DateField, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from news.models import Article, ArticleTransition
from news.royalties.sheets import first_of, month_range, next_month
from news.stats.models import ArticleDailyViews
from vntext import names

Status = Article.Status


def months_ending(month: date, count: int) -> list[date]:
    """`count` months, oldest first, the last being `month`."""
    months = [first_of(month)]
    while len(months) < count:
        previous = months[0] - timedelta(days=1)
        months.insert(0, previous.replace(day=1))
    return months


@dataclass
class Row:
    """A label and one number per month of the period."""

    label: str
    counts: dict[date, int] = field(default_factory=dict)
    url: str = ""

    def values(self, months: list[date]) -> list[int]:
        return [self.counts.get(month, 0) for month in months]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _published_between(months: list[date]):
    start, _ = month_range(months[0])
    _, end = month_range(months[-1])
    return (
        Article.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .annotate(month=TruncMonth("published_at", output_field=DateField()))
        .order_by()
    )


def by_category(months: list[date]) -> list[Row]:
    """Articles published per month, by primary category, most first."""
    rows: dict[int, Row] = {}
    counted = (
        _published_between(months)
        .values("month", "category_id", "category__name")
        .annotate(n=Count("pk"))
    )
    for item in counted:
        row = rows.setdefault(item["category_id"], Row(item["category__name"]))
        row.counts[item["month"]] = item["n"]
    return sorted(rows.values(), key=lambda row: (-row.total, row.label))


def by_writer(months: list[date]) -> list[Row]:
    """Articles published per month, by writer: the owner of the pen name, the account
    when there is no byline, the typed byline of an outside contributor (the rule of
    `news.royalties.sheets.writer_of`)."""
    rows: dict[tuple, Row] = {}
    counted = (
        _published_between(months)
        .values(
            "month",
            "pen_name__owner_id",
            "pen_name__owner__username",
            "pen_name__owner__first_name",
            "pen_name__owner__last_name",
            "created_by_id",
            "created_by__username",
            "created_by__first_name",
            "created_by__last_name",
            "author_name",
        )
        .annotate(n=Count("pk"))
    )
    for item in counted:
        if item["pen_name__owner_id"]:
            key, prefix = ("account", item["pen_name__owner_id"]), "pen_name__owner__"
        elif item["author_name"]:
            key, prefix = ("byline", item["author_name"]), None
        else:
            key, prefix = ("account", item["created_by_id"]), "created_by__"
        if prefix is None:
            label = f"{item['author_name']} (cộng tác viên ngoài)"
        elif key[1] is None:
            label = "Không rõ người viết"
        else:
            full = names.full_name(item[prefix + "first_name"], item[prefix + "last_name"])
            label = full or item[prefix + "username"]
        row = rows.setdefault(key, Row(label))
        row.counts[item["month"]] = row.counts.get(item["month"], 0) + item["n"]
    return sorted(rows.values(), key=lambda row: (-row.total, row.label))


@dataclass
class ReviewTime:
    month: date
    approvals: int
    median: timedelta | None


def review_times(months: list[date]) -> list[ReviewTime]:
    """Per month of approval: how many approvals, and the median time since the submission
    (the latest sending to review before each approval)."""
    start, _ = month_range(months[0])
    _, end = month_range(months[-1])
    approved = ArticleTransition.objects.filter(
        from_status=Status.PENDING,
        to_status=Status.PUBLISHED,
        created_at__gte=start,
        created_at__lt=end,
    )
    events = (
        ArticleTransition.objects.filter(
            article__in=approved.values("article_id"),
            to_status__in=[Status.PENDING, Status.PUBLISHED],
            created_at__lt=end,
        )
        .order_by("article_id", "created_at", "pk")
        .values_list("article_id", "from_status", "to_status", "created_at")
    )
    waits: dict[date, list[float]] = {month: [] for month in months}
    submitted: dict[int, object] = {}
    for article_id, from_status, to_status, when in events:
        if to_status == Status.PENDING:
            submitted[article_id] = when
        elif from_status == Status.PENDING and article_id in submitted and when >= start:
            month = first_of(timezone.localdate(when))
            waits[month].append((when - submitted.pop(article_id)).total_seconds())
    return [
        ReviewTime(
            month,
            len(waits[month]),
            timedelta(seconds=statistics.median(waits[month])) if waits[month] else None,
        )
        for month in months
    ]


def median_text(value: timedelta | None) -> str:
    """ "2 ngày 3 giờ", "5 giờ 20 phút", "12 phút"."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} ngày {hours} giờ"
    if hours:
        return f"{hours} giờ {minutes} phút"
    return f"{minutes} phút"


@dataclass
class MostRead:
    article_id: int
    title: str
    category: str
    views: int


def most_read(month: date, limit: int = 10) -> list[MostRead]:
    """The month's most-read articles by the views counted in it (ties: the older id first)."""
    rows = (
        ArticleDailyViews.objects.filter(day__gte=month, day__lt=next_month(month))
        .values("article_id", "article__title", "article__category__name")
        .annotate(total=Sum("views"))
        .order_by("-total", "article_id")[:limit]
    )
    return [
        MostRead(r["article_id"], r["article__title"], r["article__category__name"], r["total"])
        for r in rows
    ]


def totals(rows: list[Row], months: list[date]) -> list[int]:
    return [sum(row.counts.get(month, 0) for row in rows) for month in months]
