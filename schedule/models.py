"""Lịch công tác: the Thường trực / Ban Thường vụ's week, drafted then published whole.

A `Week` is drafted by the Văn phòng and published as a whole (`schedule.workflow`);
the public sees only published weeks (`Week.objects.published()`). An entry changed or
added after its week was published carries `adjusted_at`, shown as "Điều chỉnh".
See docs/sections.md.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from organizations.models import Cadre
from recording import user_field


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_from_iso(year: int, week: int) -> date:
    """The Monday of ISO week `week` of `year` (ValueError when there is no such week)."""
    return date.fromisocalendar(year, week, 1)


class WeekQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Week.Status.PUBLISHED)


class Week(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PUBLISHED = "published", "Đã công bố"

    monday = models.DateField("tuần bắt đầu từ (Thứ Hai)", unique=True)
    status = models.CharField(
        "trạng thái", max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    note = models.TextField("ghi chú chung", blank=True)
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True, editable=False)
    published_by = user_field("người công bố", blank=True, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = WeekQuerySet.as_manager()

    class Meta:
        verbose_name = "tuần công tác"
        verbose_name_plural = "lịch công tác theo tuần"
        ordering = ["-monday"]
        permissions = [("publish_week", "Có thể công bố lịch công tác tuần")]

    def __str__(self):
        iso = self.monday.isocalendar()
        return f"Tuần {iso.week}/{iso.year} ({self.monday:%d/%m} – {self.sunday:%d/%m/%Y})"

    def get_absolute_url(self):
        iso = self.monday.isocalendar()
        return reverse("schedule:week", kwargs={"year": iso.year, "week": iso.week})

    def clean(self):
        super().clean()
        if self.monday and self.monday.weekday() != 0:
            raise ValidationError({"monday": "Ngày bắt đầu tuần phải là Thứ Hai."})
        if self.pk is not None and self.monday:
            outside = (
                self.entries.exclude(day__range=(self.monday, self.sunday))
                .order_by("day")
                .values_list("day", flat=True)
                .first()
            )
            if outside is not None:
                raise ValidationError(
                    {
                        "monday": f"Tuần này còn mục lịch ngày {outside:%d/%m/%Y}, nằm ngoài "
                        "tuần mới: sửa hoặc xóa các mục đó trước khi đổi tuần."
                    }
                )

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def days(self) -> list[date]:
        return [self.monday + timedelta(days=n) for n in range(7)]


class Entry(models.Model):
    """One item of a week: when, what, who presides, who attends, where, who prepares."""

    week = models.ForeignKey(
        Week, verbose_name="tuần", related_name="entries", on_delete=models.CASCADE
    )
    day = models.DateField("ngày")
    start_time = models.TimeField(
        "giờ bắt đầu", null=True, blank=True, help_text="Để trống nếu cả ngày."
    )
    content = models.TextField("nội dung")
    presiding_cadre = models.ForeignKey(
        Cadre,
        verbose_name="chủ trì (cán bộ)",
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    presiding_text = models.CharField(
        "chủ trì (ghi khác)",
        max_length=200,
        blank=True,
        help_text="Khi người chủ trì không có trong danh sách cán bộ, ví dụ «Thường trực Đảng ủy Khối».",
    )
    participants = models.TextField("thành phần", blank=True)
    place = models.CharField("địa điểm", max_length=200, blank=True)
    preparing_department = models.CharField("đơn vị chuẩn bị", max_length=200, blank=True)
    adjusted_at = models.DateTimeField(
        "điều chỉnh lúc",
        null=True,
        blank=True,
        editable=False,
        help_text="Thay đổi sau khi lịch tuần đã công bố.",
    )

    class Meta:
        verbose_name = "mục lịch"
        verbose_name_plural = "mục lịch"
        # "Cả ngày" (no time) first in its day.
        ordering = ["day", models.F("start_time").asc(nulls_first=True), "pk"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.time_label}: {self.content[:60]}"

    def get_absolute_url(self):
        return self.week.get_absolute_url()

    def clean(self):
        super().clean()
        if self.week_id and self.day and not (self.week.monday <= self.day <= self.week.sunday):
            raise ValidationError(
                {
                    "day": f"Ngày phải nằm trong tuần từ {self.week.monday:%d/%m} đến "
                    f"{self.week.sunday:%d/%m/%Y}."
                }
            )

    @property
    def is_all_day(self) -> bool:
        return self.start_time is None

    @property
    def time_label(self) -> str:
        if self.start_time is None:
            return "Cả ngày"
        return f"{self.start_time.hour}:{self.start_time.minute:02d}"

    @property
    def presiding(self) -> str:
        return self.presiding_cadre.full_name if self.presiding_cadre_id else self.presiding_text
