"""The days off and make-up working days the government announces each year.

The `holidays` package knows Vietnam's statutory holidays and the swaps it has been
told about; this table holds what it does not know yet (a Tết bridge, a swapped
Saturday announced in the autumn) and wins over it. Read through `vntext.workdays`
(docs/working-days.md).
"""

from django.db import models


class SpecialDay(models.Model):
    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ"
        WORKING_DAY = "working_day", "Ngày làm việc (làm bù)"

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    name = models.CharField(
        "tên gọi", max_length=200, help_text="Ví dụ: Nghỉ bù Tết Nguyên đán, Làm bù ngày 02/01."
    )
    announcement = models.CharField(
        "văn bản công bố",
        max_length=200,
        blank=True,
        help_text="Số hiệu thông báo của cơ quan có thẩm quyền, ví dụ 6150/TB-BLĐTBXH.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = "ngày nghỉ hoặc làm bù"
        verbose_name_plural = "ngày nghỉ và ngày làm bù"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["day_off", "working_day"]),
                name="vntext_specialday_kind_valid",
            )
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.name} ({self.get_kind_display().lower()})"

    @property
    def is_working_day(self) -> bool:
        return self.kind == self.Kind.WORKING_DAY

    def clean(self):
        from django.core.exceptions import ValidationError

        from vntext import workdays

        if self.date is None or not self.kind:
            return
        statutory = workdays.statutory_working_day(self.date)
        if self.is_working_day and statutory:
            raise ValidationError({"kind": "Ngày này vốn đã là ngày làm việc; không cần làm bù."})
        if not self.is_working_day and not statutory:
            reason = workdays.holiday_name(self.date) or "ngày nghỉ cuối tuần"
            raise ValidationError({"kind": f"Ngày này vốn đã là ngày nghỉ ({reason})."})
