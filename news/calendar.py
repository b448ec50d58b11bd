"""The editorial calendar: what is scheduled and what was published, by day and category.

Read-only, in the admin (`ArticleAdmin.calendar_view`, docs/editors.md). The month view
is weeks from Monday to Sunday, each day listing its articles; the week view has one
row per category and one column per day, so a category with nothing on a day shows an
empty cell: the gaps an editor looks for. Both read one query of articles (what the
user may open in the admin, `news.workflow.visible_articles`) and one of categories.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.editors import category_scope
from news.models import Article, Category
from vntext.dates import WEEKDAYS, short_date

Status = Article.Status


@dataclass
class Entry:
    article: Article
    at: datetime  # local time
    scheduled: bool

    @property
    def url(self) -> str:
        return reverse("admin:news_article_change", args=[self.article.pk])


@dataclass
class Day:
    date: date
    in_period: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def is_gap(self) -> bool:
        return self.in_period and not self.entries


@dataclass
class Row:
    category: Category
    cells: list[list[Entry]]
    # The parent's name above the first of its sub-categories when the parent has no row
    # of its own (below), so that an indented row always sits under its heading.
    heading: str = ""

    @property
    def gaps(self) -> int:
        return sum(1 for cell in self.cells if not cell)


@dataclass
class Period:
    kind: str  # "month" or "week"
    start: date
    end: date  # exclusive
    title: str
    previous: date
    next: date
    entries: list[Entry]
    weeks: list[list[Day]] = field(default_factory=list)  # the month view
    days: list[Day] = field(default_factory=list)  # the week view's columns
    rows: list[Row] = field(default_factory=list)  # the week view's categories

    @property
    def published_count(self) -> int:
        return sum(1 for entry in self.entries if not entry.scheduled)

    @property
    def scheduled_count(self) -> int:
        return sum(1 for entry in self.entries if entry.scheduled)

    @property
    def gap_days(self) -> int:
        days = [day for week in self.weeks for day in week] if self.kind == "month" else self.days
        return sum(1 for day in days if day.is_gap)


def parse_month(value: str) -> date | None:
    """ "2026-11" → 1 November 2026; anything else → None."""
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def parse_day(value: str) -> date | None:
    """ "2026-12-02" → that date; anything else → None."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _bounds(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def desk_categories(user) -> list[Category]:
    """The categories `user` looks after (all unless limited), parents before children."""
    queryset = Category.objects.select_related("parent")
    scope = category_scope(user)
    if scope is not None:
        queryset = queryset.filter(pk__in=scope)
    return sorted(queryset, key=tree_key)


def tree_key(category: Category):
    top = category.parent or category
    own = (0, "") if category.parent_id is None else (category.order, category.name)
    return (top.order, top.name, top.pk, *own)


def entries(user, start: date, end: date, category: Category | None = None) -> list[Entry]:
    """Articles published or scheduled from `start` to `end` (exclusive) that `user` may
    open in the admin, by time; with `category`, filed under it or its sub-categories."""
    queryset = Article.objects.filter(
        status=Status.PUBLISHED,
        published_at__gte=_bounds(start),
        published_at__lt=_bounds(end),
    )
    if category is not None:
        queryset = queryset.filter(Q(category=category) | Q(category__parent=category))
    queryset = (
        workflow.visible_articles(user, queryset)
        .select_related("category")
        .only(
            "id",
            "title",
            "status",
            "published_at",
            "category__id",
            "category__name",
            "category__short_name",
            "category__parent_id",
        )
        .order_by("published_at", "pk")
    )
    now = timezone.now()
    return [
        Entry(article, timezone.localtime(article.published_at), article.published_at > now)
        for article in queryset
    ]


def month(user, first: date, *, today: date, category: Category | None = None) -> Period:
    first = first.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    found = entries(user, first, following, category)
    by_day: dict[date, list[Entry]] = {}
    for entry in found:
        by_day.setdefault(entry.at.date(), []).append(entry)
    day = first - timedelta(days=first.weekday())
    weeks = []
    while day < following:
        week = []
        for _ in range(7):
            in_month = day.month == first.month
            week.append(
                Day(
                    day,
                    in_month,
                    in_month and day == today,
                    by_day.get(day, []) if in_month else [],
                )
            )
            day += timedelta(days=1)
        weeks.append(week)
    return Period(
        kind="month",
        start=first,
        end=following,
        title=f"Tháng {first.month} năm {first.year}",
        previous=(first - timedelta(days=1)).replace(day=1),
        next=following,
        entries=found,
        weeks=weeks,
    )


def week(user, any_day: date, *, today: date, category: Category | None = None) -> Period:
    monday = any_day - timedelta(days=any_day.weekday())
    following = monday + timedelta(days=7)
    found = entries(user, monday, following, category)
    dates = [monday + timedelta(days=offset) for offset in range(7)]
    days = [Day(day, True, day == today) for day in dates]
    categories = desk_categories(user)
    parent_names = {c.parent_id: c.parent.name for c in categories if c.parent_id}
    if category is not None:
        categories = [c for c in categories if category.pk in (c.pk, c.parent_id)]
    used = {entry.article.category_id for entry in found}
    # A category whose sub-categories are listed gets a row only if something is filed
    # in it directly; otherwise its empty row would be a gap nobody has to fill.
    parents = {c.parent_id for c in categories if c.parent_id}
    categories = [c for c in categories if c.pk not in parents or c.pk in used]
    # An author's own article outside the desk still gets its row.
    listed = {c.pk for c in categories}
    extra = {
        e.article.category_id: e.article.category
        for e in found
        if e.article.category_id not in listed
    }
    categories = sorted([*categories, *extra.values()], key=tree_key)
    cells = {c.pk: [[] for _ in dates] for c in categories}
    for entry in found:
        offset = (entry.at.date() - monday).days
        cells[entry.article.category_id][offset].append(entry)
        days[offset].entries.append(entry)
    return Period(
        kind="week",
        start=monday,
        end=following,
        title=f"Tuần từ {short_date(monday)} đến {short_date(following - timedelta(days=1))}",
        previous=monday - timedelta(days=7),
        next=following,
        entries=found,
        days=days,
        rows=_rows(categories, cells, parent_names),
    )


def _rows(categories, cells, parent_names) -> list[Row]:
    shown, rows, previous = {c.pk for c in categories}, [], None
    for category in categories:
        parent = category.parent_id
        heading = ""
        if parent and parent not in shown and parent != previous:
            heading = parent_names.get(parent, "")
        rows.append(Row(category, cells[category.pk], heading))
        previous = parent
    return rows
