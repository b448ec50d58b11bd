"""Dòng sự kiện: a campaign or event followed across many articles (docs/newsroom.md).

A thread has a name, a description, an optional banner and the dates it runs; an
article may be in several (`Article.threads`). A thread is *active* from its start to its
end date inclusive (local dates); an active thread marked `is_featured` is shown on the
home page. Pages list its published articles newest first.
"""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from safeimage.fields import SafeImageField
from vntext.fields import AutoSlugField


class ThreadQuerySet(models.QuerySet):
    def active(self, on: date | None = None):
        """Running on `on` (today): started, and not yet past its end date."""
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)

    def featured(self, on: date | None = None):
        """What the home page shows: active and marked for it."""
        return self.active(on).filter(is_featured=True)


class Thread(models.Model):
    name = models.CharField("tên dòng sự kiện", max_length=200)
    slug = AutoSlugField(
        "đường dẫn",
        max_length=200,
        unique=True,
        populate_from="name",
        fallback="dong-su-kien",
        help_text="Để trống để tạo tự động từ tên.",
    )
    description = models.TextField("giới thiệu", blank=True)
    banner = SafeImageField(
        "ảnh băng rôn",
        upload_to="threads/%Y/",
        blank=True,
        help_text="Ảnh ngang (khoảng 1200×300), JPEG, PNG hoặc WebP; "
        "được lưu lại không kèm thông tin máy ảnh.",
    )
    banner_alt = models.CharField(
        "mô tả ảnh (alt)", max_length=300, blank=True, help_text="Cho người khiếm thị."
    )
    starts_on = models.DateField("ngày bắt đầu", default=timezone.localdate)
    ends_on = models.DateField(
        "ngày kết thúc", null=True, blank=True, help_text="Để trống nếu chưa kết thúc."
    )
    is_featured = models.BooleanField(
        "nổi bật trên trang chủ",
        default=False,
        help_text="Hiện trên trang chủ khi dòng sự kiện đang diễn ra.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = "dòng sự kiện"
        verbose_name_plural = "dòng sự kiện"
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="news_thread_ends_after_start",
                violation_error_message="Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:thread_detail", kwargs={"slug": self.slug})

    def is_active(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)
