"""The royalty tables (part of the `news` app; `news.models` imports them).

A draft sheet is computed from the articles and their grades whenever it is read;
approving it writes its lines, with every figure copied (title, byline, genre,
coefficient, the unit's value), so a later edit of an article, a grade or the table
changes nothing in an approved or locked month. A correction is a new line in an open
sheet. See docs/royalties.md.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from recording import user_field

MONEY = Decimal(1)


class Grade(models.TextChoices):
    A = "A", "Loại A"
    B = "B", "Loại B"
    C = "C", "Loại C"


def amount_of(coefficient: Decimal, unit_value: int) -> int:
    """Đồng, rounded half up: 2,5 × 234.000 = 585.000."""
    return int((Decimal(coefficient) * unit_value).quantize(MONEY, rounding=ROUND_HALF_UP))


class Genre(models.Model):
    """Thể loại: tin, bài, ảnh, phóng sự, bài dịch…"""

    name = models.CharField("thể loại", max_length=100, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField(
        "đang dùng", default=True, help_text="Bỏ chọn để không còn chấm theo thể loại này."
    )

    class Meta:
        verbose_name = "thể loại nhuận bút"
        verbose_name_plural = "bảng hệ số nhuận bút"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:news_genre_change", args=[self.pk])


class Coefficient(models.Model):
    """The coefficient of one genre at one grade."""

    genre = models.ForeignKey(
        Genre, verbose_name="thể loại", related_name="coefficients", on_delete=models.CASCADE
    )
    grade = models.CharField("loại", max_length=1, choices=Grade.choices)
    value = models.DecimalField("hệ số", max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = "hệ số"
        verbose_name_plural = "hệ số"
        ordering = ["genre", "grade"]
        constraints = [
            models.UniqueConstraint(fields=["genre", "grade"], name="news_coefficient_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="news_coefficient_positive"),
        ]

    def __str__(self):
        return f"{self.genre} – {self.get_grade_display()}: {self.value}"

    def get_absolute_url(self):
        return reverse("admin:news_genre_change", args=[self.genre_id])


class UnitValueQuerySet(models.QuerySet):
    def for_month(self, month: date):
        """The value in force on the first day of `month`, or None."""
        return self.filter(starts_on__lte=month).order_by("-starts_on").first()


class UnitValue(models.Model):
    """Giá trị một đơn vị hệ số nhuận bút, from a date until the next row."""

    starts_on = models.DateField("áp dụng từ ngày", unique=True)
    amount = models.PositiveIntegerField("giá trị một hệ số (đồng)")
    note = models.CharField(
        "căn cứ", max_length=300, blank=True, help_text="Ví dụ: Quyết định số 12-QĐ/ĐUK."
    )

    objects = UnitValueQuerySet.as_manager()

    class Meta:
        verbose_name = "giá trị một hệ số"
        verbose_name_plural = "giá trị một hệ số theo thời kỳ"
        ordering = ["-starts_on"]

    def __str__(self):
        return f"Từ {self.starts_on:%d/%m/%Y}: {self.amount} đồng"

    def get_absolute_url(self):
        return reverse("admin:news_unitvalue_change", args=[self.pk])


class ArticleRoyalty(models.Model):
    """The genre and grade an editor gave a published article (chấm nhuận bút)."""

    article = models.OneToOneField(
        "news.Article", verbose_name="bài viết", related_name="royalty", on_delete=models.CASCADE
    )
    genre = models.ForeignKey(
        Genre, verbose_name="thể loại", related_name="+", on_delete=models.PROTECT
    )
    grade = models.CharField("loại", max_length=1, choices=Grade.choices)
    graded_by = user_field("người chấm", editable=False)
    graded_at = models.DateTimeField("chấm lúc", auto_now=True)

    class Meta:
        verbose_name = "chấm nhuận bút"
        verbose_name_plural = "chấm nhuận bút"
        ordering = ["-graded_at"]

    def __str__(self):
        return f"{self.article}: {self.genre}, {self.get_grade_display()}"

    def get_absolute_url(self):
        return reverse("admin:news_article_change", args=[self.article_id])


class RoyaltySheet(models.Model):
    """Bảng nhuận bút of one month: đang lập → đã duyệt → đã khóa."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang lập"
        APPROVED = "approved", "Đã duyệt"
        LOCKED = "locked", "Đã khóa"

    month = models.DateField("tháng", unique=True, help_text="Ngày đầu tháng.")
    status = models.CharField(
        "trạng thái", max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    approved_by = user_field("người duyệt", blank=True, editable=False)
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True, editable=False)
    locked_by = user_field("người khóa", blank=True, editable=False)
    locked_at = models.DateTimeField("khóa lúc", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)

    class Meta:
        verbose_name = "bảng nhuận bút"
        verbose_name_plural = "bảng nhuận bút tháng"
        ordering = ["-month"]
        permissions = [("approve_royaltysheet", "Duyệt, khóa và điều chỉnh bảng nhuận bút")]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="news_royaltysheet_month"),
        ]

    def __str__(self):
        return f"Bảng nhuận bút tháng {self.month:%m/%Y}"

    def get_absolute_url(self):
        return reverse("admin:news_royaltysheet_change", args=[self.pk])

    def clean(self):
        super().clean()
        if self.month and self.month.day != 1:
            raise ValidationError({"month": "Tháng được ghi bằng ngày đầu tháng."})

    def is_open(self) -> bool:
        """Its regular lines still follow the articles and grades (not yet approved)."""
        return self.status == self.Status.DRAFT

    def is_approved(self) -> bool:
        """Approved, not yet locked: the Trưởng ban may still reopen it."""
        return self.status == self.Status.APPROVED

    def is_locked(self) -> bool:
        return self.status == self.Status.LOCKED

    @property
    def label(self) -> str:
        return f"{self.month:%m/%Y}"


class RoyaltyLine(models.Model):
    """One article on a sheet, every figure copied; or a correction of an earlier month."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "Bài trong tháng"
        CORRECTION = "correction", "Điều chỉnh"

    sheet = models.ForeignKey(
        RoyaltySheet, verbose_name="bảng", related_name="lines", on_delete=models.PROTECT
    )
    kind = models.CharField("loại dòng", max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    article = models.ForeignKey(
        "news.Article",
        verbose_name="bài viết",
        related_name="royalty_lines",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    writer = user_field("người viết", blank=True)
    writer_name = models.CharField("tên người viết", max_length=150, blank=True)
    pen_name = models.ForeignKey(
        "news.PenName",
        verbose_name="bút danh (của tài khoản)",
        related_name="royalty_lines",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    byline = models.CharField("bút danh", max_length=150, blank=True)
    title = models.CharField("tiêu đề", max_length=300)
    published_at = models.DateTimeField("xuất bản lúc", null=True, blank=True)
    genre = models.CharField("thể loại", max_length=100)
    grade = models.CharField("loại", max_length=1, choices=Grade.choices, blank=True)
    coefficient = models.DecimalField("hệ số", max_digits=7, decimal_places=2)
    unit_value = models.PositiveIntegerField("giá trị một hệ số (đồng)")
    amount = models.IntegerField("thành tiền (đồng)")
    corrects = models.ForeignKey(
        "self",
        verbose_name="điều chỉnh cho dòng",
        related_name="corrections",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_by = user_field("người ghi", blank=True)
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "dòng nhuận bút"
        verbose_name_plural = "dòng nhuận bút"
        ordering = ["sheet", "writer_name", "byline", "published_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(kind="regular"),
                name="news_royaltyline_paid_once",
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.amount} đồng"

    def get_absolute_url(self):
        return reverse("admin:news_royaltysheet_change", args=[self.sheet_id])

    def is_correction(self) -> bool:
        return self.kind == self.Kind.CORRECTION
