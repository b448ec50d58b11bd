"""Small site-wide pieces: related links, menu sections, notices, satisfaction ratings.

- `Link` (Liên kết website): related portals in the footer.
- `MenuEntry`: where the standing sections (Giới thiệu, Tổ chức đảng, Văn bản, Lịch công
  tác, Hỏi đáp) sit in the main menu among the categories (one order for both).
- `Notice` (Thông báo): a banner on every public page between its start and end; a
  planned downtime must be announced at least 7 working days ahead (`Notice.clean`).
- `RatingTally` (Mức độ hài lòng): anonymous counts of votes per page, month and score;
  no row holds anything about who voted. See docs/sections.md.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from recording import user_field
from safeimage.fields import SafeImageField

DOWNTIME_NOTICE_WORKING_DAYS = 7


class LinkQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_shown=True)


class Link(models.Model):
    name = models.CharField("tên trang", max_length=200)
    url = models.URLField("địa chỉ", max_length=500)
    logo = SafeImageField("biểu trưng", upload_to="links/", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100, help_text="Số nhỏ đứng trước.")
    is_shown = models.BooleanField("hiện trên trang", default=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = "liên kết website"
        verbose_name_plural = "liên kết website"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url


class MenuEntry(models.Model):
    """A standing section's place in the main menu; categories and entries share `order`."""

    class Section(models.TextChoices):
        INTRO = "intro", "Giới thiệu"
        ORGANIZATIONS = "organizations", "Tổ chức đảng"
        DOCUMENTS = "documents", "Văn bản"
        SCHEDULE = "schedule", "Lịch công tác"
        QUESTIONS = "questions", "Hỏi đáp"
        GALLERY = "gallery", "Ảnh – Video"

    # The URL each section's menu item leads to.
    URL_NAMES = {
        Section.INTRO: "pages:index",
        Section.ORGANIZATIONS: "organizations:chart",
        Section.DOCUMENTS: "documents:document_list",
        Section.SCHEDULE: "schedule:current",
        Section.QUESTIONS: "questions:list",
        Section.GALLERY: "gallery:album_list",
    }

    section = models.CharField("mục", max_length=16, choices=Section.choices, unique=True)
    order = models.PositiveSmallIntegerField(
        "thứ tự",
        default=100,
        help_text="Cùng thang với thứ tự chuyên mục: số nhỏ đứng trước (chuyên mục mẫu: 10, 20…).",
    )
    is_shown = models.BooleanField("hiện trên menu", default=True)

    class Meta:
        verbose_name = "mục trên menu"
        verbose_name_plural = "các mục trên menu chính"
        ordering = ["order", "section"]

    def __str__(self):
        return self.get_section_display()

    def get_absolute_url(self):
        return reverse(self.URL_NAMES[self.section])


class NoticeQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)


class Notice(models.Model):
    class Level(models.TextChoices):
        INFO = "info", "Thông tin"
        DOWNTIME = "downtime", "Tạm ngừng hoạt động theo kế hoạch"

    title = models.CharField("tiêu đề", max_length=200)
    message = models.TextField("nội dung", blank=True)
    level = models.CharField("loại", max_length=16, choices=Level.choices, default=Level.INFO)
    starts_at = models.DateTimeField("hiện từ")
    ends_at = models.DateTimeField("hiện đến")
    downtime_starts_at = models.DateTimeField("ngừng hoạt động từ", null=True, blank=True)
    downtime_ends_at = models.DateTimeField("ngừng hoạt động đến", null=True, blank=True)
    restored_at = models.DateTimeField("dự kiến hoạt động trở lại lúc", null=True, blank=True)
    created_by = user_field("người tạo", blank=True, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo trên trang"
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="sitewide_notice_ends_after_start",
                violation_error_message="Thời điểm kết thúc phải sau thời điểm bắt đầu hiện.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:home")

    @property
    def is_downtime(self) -> bool:
        return self.level == self.Level.DOWNTIME

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "Thời điểm kết thúc phải sau thời điểm bắt đầu hiện."
        if self.is_downtime:
            errors.update(self._downtime_errors())
        if errors:
            raise ValidationError(errors)

    def _downtime_errors(self) -> dict[str, str]:
        errors = {}
        for name in ("downtime_starts_at", "downtime_ends_at", "restored_at"):
            if getattr(self, name) is None:
                errors[name] = "Thông báo tạm ngừng hoạt động phải có thời điểm này."
        if errors:
            return errors
        if self.downtime_ends_at <= self.downtime_starts_at:
            errors["downtime_ends_at"] = "Thời điểm kết thúc phải sau thời điểm bắt đầu ngừng."
        if self.restored_at < self.downtime_starts_at:
            errors["restored_at"] = "Thời điểm hoạt động trở lại phải sau khi bắt đầu ngừng."
        announced = self._announced_at()
        announced_on = timezone.localtime(announced).date()
        downtime_on = timezone.localtime(self.downtime_starts_at).date()
        if announced_on > latest_notice_day(downtime_on):
            earliest = earliest_downtime_day(announced_on)
            errors["downtime_starts_at"] = (
                f"Phải thông báo trước ít nhất {DOWNTIME_NOTICE_WORKING_DAYS} ngày làm việc: "
                f"thông báo hiện từ {timezone.localtime(announced):%d/%m/%Y} thì ngày ngừng "
                f"hoạt động sớm nhất là {earliest:%d/%m/%Y}."
            )
        return errors

    def _announced_at(self):
        """When readers first see this downtime notice: its start, or now if later.

        A downtime notice already showing keeps the moment it went up, so that its text or
        times can still be corrected after that (moving its start earlier changes nothing).
        An information notice turned into a downtime notice announces it only now.
        """
        now = timezone.now()
        start = self.starts_at or now
        if self.pk is not None and start <= now:
            shown_since = (
                Notice.objects.filter(pk=self.pk, level=self.Level.DOWNTIME, starts_at__lte=now)
                .values_list("starts_at", flat=True)
                .first()
            )
            if shown_since is not None:
                return max(shown_since, start)
        return max(now, start)


def latest_notice_day(downtime_on: date) -> date:
    """The last day a notice of a downtime on `downtime_on` may go up: 7 full working days
    between them (docs/working-days.md)."""
    from vntext import workdays

    return workdays.latest_notice_day(downtime_on, DOWNTIME_NOTICE_WORKING_DAYS)


def earliest_downtime_day(announced: date) -> date:
    """The first day a downtime announced on `announced` may start: the day after the 7th
    working day that follows it (for the message; the rule is `latest_notice_day`)."""
    from vntext.workdays import add_working_days

    return add_working_days(announced, DOWNTIME_NOTICE_WORKING_DAYS) + timedelta(days=1)


class RatingTally(models.Model):
    """How many readers gave one page one score in one month. Nothing about who they were."""

    class Section(models.TextChoices):
        ARTICLE = "news", "Bài viết"
        DOCUMENT = "documents", "Văn bản"
        PAGE = "pages", "Trang giới thiệu"

    class Score(models.IntegerChoices):
        USELESS = 1, "Không hữu ích"
        POOR = 2, "Ít hữu ích"
        FAIR = 3, "Bình thường"
        USEFUL = 4, "Hữu ích"
        VERY_USEFUL = 5, "Rất hữu ích"

    section = models.CharField("mục", max_length=16, choices=Section.choices)
    object_id = models.PositiveBigIntegerField("mã nội dung")
    month = models.DateField("tháng", help_text="Ngày đầu tháng.")
    score = models.PositiveSmallIntegerField("mức", choices=Score.choices)
    votes = models.PositiveIntegerField("số lượt", default=0)

    class Meta:
        verbose_name = "lượt đánh giá"
        verbose_name_plural = "mức độ hài lòng"
        ordering = ["-month", "section", "object_id", "score"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "object_id", "month", "score"],
                name="sitewide_ratingtally_one_row_per_score",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="sitewide_ratingtally_score_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.get_section_display()} #{self.object_id}, {self.month:%m/%Y}: {self.score}"

    def get_absolute_url(self):
        return reverse("admin:sitewide_ratingtally_changelist")
