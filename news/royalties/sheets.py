"""The monthly royalty sheet: what it holds, who may do what to it, and its steps.

A draft sheet is computed whenever it is read: every article published in the month
(Asia/Ho_Chi_Minh) with its grade, at the coefficient of the table and the unit value
in force on the month's first day, plus the correction lines written into it. Approving
writes the regular lines with every figure copied; from then on the sheet reads only
its own rows, so editing an article, its grade or the tables changes nothing. A
Trưởng ban (`news.approve_royaltysheet`) approves, reopens an approved sheet, locks it
(for good) and writes corrections: a correction is a new line in an open month, the
difference between what the article is worth now and what it was paid.
Each step is one keyword-only function, used by the admin, the demo and the tests.
See docs/royalties.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from itertools import groupby

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from news.models import Article
from news.royalties.models import (
    ArticleRoyalty,
    Coefficient,
    Genre,
    RoyaltyLine,
    RoyaltySheet,
    UnitValue,
    amount_of,
)
from vntext import names

Status = RoyaltySheet.Status
APPROVE = "news.approve_royaltysheet"
GRADE = "news.change_articleroyalty"
VIEW = "news.view_royaltysheet"
NO_WRITER = "Cộng tác viên ngoài"  # a byline typed by hand: no account, no pen name


# --- who may do what -------------------------------------------------------------------


def can_view(user) -> bool:
    return user.is_active and user.has_perm(VIEW)


def can_grade(user) -> bool:
    return user.is_active and user.has_perm(GRADE)


def can_approve(user) -> bool:
    """Approve, reopen, lock and correct: the Trưởng ban (or a superuser)."""
    return user.is_active and user.has_perm(APPROVE)


def _require(check, actor, what: str, skip: bool = False) -> None:
    """`skip`: callers that must go without a user (the demo) say so by name."""
    if not skip and not check(actor):
        raise PermissionDenied(f"Bạn không có quyền {what}.")


# --- months ------------------------------------------------------------------------------


def first_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_range(month: date) -> tuple[datetime, datetime]:
    """The month's first and the next month's first moment, local time."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(month, time(0), tzinfo=zone),
        datetime.combine(next_month(month), time(0), tzinfo=zone),
    )


def articles_of(month: date):
    """The month's published articles, except those already paid on another sheet."""
    start, end = month_range(month)
    return (
        Article.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .exclude(royalty_lines__kind=RoyaltyLine.Kind.REGULAR)
        .select_related("created_by", "pen_name__owner", "royalty__genre")
        .order_by("published_at", "pk")
    )


# --- what a sheet holds ------------------------------------------------------------------


@dataclass
class Group:
    """The lines of one writer under one byline (pen name), with their sums."""

    writer_name: str
    byline: str
    lines: list[RoyaltyLine]

    @property
    def coefficient(self) -> Decimal:
        return sum((line.coefficient for line in self.lines), Decimal(0))

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass
class SheetView:
    sheet: RoyaltySheet
    lines: list[RoyaltyLine]
    unit_value: int | None
    ungraded: list[Article] = field(default_factory=list)

    @property
    def groups(self) -> list[Group]:
        key = _group_key
        ordered = sorted(
            self.lines,  # staff first, then outside contributors; by name and byline
            key=lambda line: (line.writer_name == NO_WRITER, *key(line), _line_order(line)),
        )
        for number, line in enumerate(ordered, start=1):
            line.number = number  # "STT": one count through the sheet
        return [Group(*k, list(lines)) for k, lines in groupby(ordered, key=key)]

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def coefficient(self) -> Decimal:
        return sum((line.coefficient for line in self.lines), Decimal(0))


def _group_key(line: RoyaltyLine) -> tuple[str, str]:
    return (line.writer_name, line.byline)


def _line_order(line: RoyaltyLine):
    return (line.is_correction(), line.published_at or datetime.min.replace(tzinfo=timezone.utc))


def writer_name(user) -> str:
    if user is None:
        return NO_WRITER
    return names.display_name(user)


def writer_of(article: Article) -> tuple[object | None, str]:
    """Who is paid for `article`, and under which byline (docs/newsroom.md, "Pen names"):
    the owner of its pen name; an outside contributor (no account) when the byline was
    typed by hand; the account that wrote it when it carries no byline at all."""
    if article.pen_name_id is not None:
        return article.pen_name.owner, article.pen_name.name
    if article.author_name:
        return None, article.author_name
    return article.created_by, writer_name(article.created_by)


def coefficient_table() -> dict[tuple[int, str], Decimal]:
    return {(c.genre_id, c.grade): c.value for c in Coefficient.objects.all()}


def unit_value_for(month: date) -> int | None:
    unit = UnitValue.objects.for_month(month)
    return unit.amount if unit else None


def _regular_line(article: Article, sheet, table, unit_value: int) -> RoyaltyLine:
    grading = article.royalty
    coefficient = table.get((grading.genre_id, grading.grade), Decimal(0))
    writer, byline = writer_of(article)
    return RoyaltyLine(
        sheet=sheet,
        kind=RoyaltyLine.Kind.REGULAR,
        article=article,
        writer=writer,
        writer_name=writer_name(writer),
        pen_name=article.pen_name,
        byline=byline,
        title=article.title,
        published_at=article.published_at,
        genre=grading.genre.name,
        grade=grading.grade,
        coefficient=coefficient,
        unit_value=unit_value,
        amount=amount_of(coefficient, unit_value),
    )


def _computed(sheet: RoyaltySheet) -> tuple[list[RoyaltyLine], list[Article], int | None]:
    unit_value = unit_value_for(sheet.month)
    table = coefficient_table()
    lines, ungraded = [], []
    for article in articles_of(sheet.month):
        if not hasattr(article, "royalty") or unit_value is None:
            ungraded.append(article)
        else:
            lines.append(_regular_line(article, sheet, table, unit_value))
    return lines, ungraded, unit_value


def read_sheet(sheet: RoyaltySheet) -> SheetView:
    """What the sheet says now: computed while open, its stored lines once approved."""
    stored = list(sheet.lines.all())
    if not sheet.is_open():
        units = {line.unit_value for line in stored if not line.is_correction()}
        unit_value = units.pop() if len(units) == 1 else unit_value_for(sheet.month)
        return SheetView(sheet, stored, unit_value)
    lines, ungraded, unit_value = _computed(sheet)
    return SheetView(sheet, lines + stored, unit_value, ungraded)


# --- steps -------------------------------------------------------------------------------


def _locked_sheet(sheet: RoyaltySheet) -> RoyaltySheet:
    return RoyaltySheet.objects.select_for_update().get(pk=sheet.pk)


def open_sheet(*, month: date, actor) -> RoyaltySheet:
    """The sheet of `month`, made if missing (anyone who grades may start one)."""
    _require(lambda user: can_grade(user) or can_approve(user), actor, "lập bảng nhuận bút")
    sheet, _ = RoyaltySheet.objects.get_or_create(month=first_of(month))
    return sheet


@transaction.atomic
def grade_articles(
    *, grades: dict[int, tuple[Genre, str]], actor, skip_permission_checks: bool = False
) -> int:
    """Set the genre and grade of articles (`{article_id: (genre, grade)}`); returns how many
    changed. A grade changed after its month was approved moves no figure there: the
    Trưởng ban writes a correction."""
    _require(can_grade, actor, "chấm nhuận bút", skip_permission_checks)
    existing = {r.article_id: r for r in ArticleRoyalty.objects.filter(article__in=grades)}
    published = set(Article.objects.published().filter(pk__in=grades).values_list("pk", flat=True))
    changed = 0
    for article_id, (genre, grade) in grades.items():
        if article_id not in published:
            raise ValidationError("Chỉ chấm nhuận bút bài đã xuất bản.")
        grading = existing.get(article_id)
        if grading and grading.genre_id == genre.pk and grading.grade == grade:
            continue
        grading = grading or ArticleRoyalty(article_id=article_id)
        grading.genre, grading.grade, grading.graded_by = genre, grade, actor
        grading.full_clean(exclude=["article"])
        grading.save()
        changed += 1
    return changed


@transaction.atomic
def approve_sheet(
    *, sheet: RoyaltySheet, actor, skip_permission_checks: bool = False
) -> RoyaltySheet:
    """đang lập → đã duyệt: the lines are written, every figure copied."""
    _require(can_approve, actor, "duyệt bảng nhuận bút", skip_permission_checks)
    current = _locked_sheet(sheet)
    if current.status != Status.DRAFT:
        raise ValidationError(f"Bảng tháng {current.label} không còn ở trạng thái đang lập.")
    lines, ungraded, unit_value = _computed(current)
    if unit_value is None:
        raise ValidationError(
            f"Chưa có giá trị một hệ số áp dụng cho tháng {current.label}: hãy nhập trước."
        )
    if ungraded:
        raise ValidationError(
            f"Còn {len(ungraded)} bài chưa chấm nhuận bút; hãy chấm hết trước khi duyệt."
        )
    RoyaltyLine.objects.bulk_create(lines)
    current.status, current.approved_by, current.approved_at = (
        Status.APPROVED,
        actor,
        timezone.now(),
    )
    current.save(update_fields=["status", "approved_by", "approved_at"])
    _copy_back(current, sheet)
    return current


@transaction.atomic
def reopen_sheet(
    *, sheet: RoyaltySheet, actor, skip_permission_checks: bool = False
) -> RoyaltySheet:
    """đã duyệt → đang lập (before locking only): the lines follow the articles again."""
    _require(can_approve, actor, "mở lại bảng nhuận bút", skip_permission_checks)
    current = _locked_sheet(sheet)
    if current.status != Status.APPROVED:
        raise ValidationError("Chỉ mở lại được bảng đã duyệt mà chưa khóa.")
    current.lines.filter(kind=RoyaltyLine.Kind.REGULAR).delete()
    current.status, current.approved_by, current.approved_at = Status.DRAFT, None, None
    current.save(update_fields=["status", "approved_by", "approved_at"])
    _copy_back(current, sheet)
    return current


@transaction.atomic
def lock_sheet(*, sheet: RoyaltySheet, actor, skip_permission_checks: bool = False) -> RoyaltySheet:
    """đã duyệt → đã khóa, for good: the month never changes again."""
    _require(can_approve, actor, "khóa bảng nhuận bút", skip_permission_checks)
    current = _locked_sheet(sheet)
    if current.status != Status.APPROVED:
        raise ValidationError("Chỉ khóa được bảng đã duyệt.")
    current.status, current.locked_by, current.locked_at = Status.LOCKED, actor, timezone.now()
    current.save(update_fields=["status", "locked_by", "locked_at"])
    _copy_back(current, sheet)
    return current


def _copy_back(current: RoyaltySheet, sheet: RoyaltySheet) -> None:
    for name in ("status", "approved_by", "approved_at", "locked_by", "locked_at"):
        setattr(sheet, name, getattr(current, name))


def correction_due(article: Article) -> tuple[Decimal, RoyaltyLine | None]:
    """What the article is worth now minus what its lines already paid, and its first line."""
    grading = ArticleRoyalty.objects.select_related("genre").filter(article=article).first()
    worth = Decimal(0)
    if grading is not None:
        worth = coefficient_table().get((grading.genre_id, grading.grade), Decimal(0))
    paid = article.royalty_lines.aggregate(total=Sum("coefficient"))["total"] or Decimal(0)
    original = article.royalty_lines.filter(kind=RoyaltyLine.Kind.REGULAR).first()
    return worth - paid, original


@transaction.atomic
def add_correction(
    *, sheet: RoyaltySheet, article: Article, actor, skip_permission_checks: bool = False, note: str
) -> RoyaltyLine:
    """A new line in the open `sheet` for an article of a locked month whose grade changed
    (or that was graded too late): the difference, at that month's unit value."""
    _require(can_approve, actor, "điều chỉnh nhuận bút", skip_permission_checks)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Hãy ghi lý do điều chỉnh."})
    current = _locked_sheet(sheet)
    if current.status != Status.DRAFT:
        raise ValidationError("Dòng điều chỉnh chỉ ghi vào bảng đang lập.")
    if article.published_at is None:
        raise ValidationError("Bài chưa xuất bản thì chưa có nhuận bút.")
    own_month = first_of(timezone.localdate(article.published_at))
    own_sheet = RoyaltySheet.objects.filter(month=own_month).first()
    if own_sheet is None or not own_sheet.is_locked():
        raise ValidationError(
            f"Tháng {own_month:%m/%Y} của bài chưa khóa: hãy sửa ngay trong bảng tháng đó."
        )
    if own_month >= current.month:
        raise ValidationError("Dòng điều chỉnh ghi vào bảng của một tháng sau tháng của bài.")
    delta, original = correction_due(article)
    if delta == 0:
        raise ValidationError("Nhuận bút của bài không đổi: không có gì để điều chỉnh.")
    unit_value = original.unit_value if original else unit_value_for(own_month)
    if unit_value is None:
        raise ValidationError(f"Chưa có giá trị một hệ số cho tháng {own_month:%m/%Y}.")
    grading = ArticleRoyalty.objects.select_related("genre").filter(article=article).first()
    if original:  # paid to whom the month paid
        writer, byline, pen_name = original.writer, original.byline, original.pen_name
    else:
        (writer, byline), pen_name = writer_of(article), article.pen_name
    line = RoyaltyLine(
        sheet=current,
        kind=RoyaltyLine.Kind.CORRECTION,
        article=article,
        writer=writer,
        writer_name=original.writer_name if original else writer_name(writer),
        pen_name=pen_name,
        byline=byline,
        title=article.title,
        published_at=article.published_at,
        genre=grading.genre.name if grading else (original.genre if original else ""),
        grade=grading.grade if grading else "",
        coefficient=delta,
        unit_value=unit_value,
        amount=amount_of(delta, unit_value),
        corrects=original,
        note=f"Điều chỉnh tháng {own_month:%m/%Y}: {note}",
        created_by=actor,
    )
    line.full_clean(exclude=["sheet", "article", "writer", "corrects", "created_by"])
    line.save()
    return line


def corrections_due(before: date) -> list[tuple[Article, Decimal]]:
    """Graded articles of locked months earlier than `before` whose worth moved since."""
    months = RoyaltySheet.objects.filter(status=Status.LOCKED, month__lt=before).values_list(
        "month", flat=True
    )
    ranges = [month_range(month) for month in months]
    if not ranges:
        return []
    within = Q()
    for start, end in ranges:
        within |= Q(article__published_at__gte=start, article__published_at__lt=end)
    gradings = (
        ArticleRoyalty.objects.filter(within)
        .select_related("article")
        .annotate(paid=Sum("article__royalty_lines__coefficient"))
        .order_by("article__published_at")
    )
    table = coefficient_table()
    due = []
    for grading in gradings:
        delta = table.get((grading.genre_id, grading.grade), Decimal(0)) - (grading.paid or 0)
        if delta:
            due.append((grading.article, delta))
    return due
