from django.conf import settings
from django.db import models
from django.urls import reverse


class SiteSettings(models.Model):
    """The single record behind the legally required footer.

    Vietnamese law asks such a site to show who runs it, who supervises it and who is
    responsible for its content. The portal works before anyone fills it in: `load()`
    then returns an unsaved record with the defaults below.
    """

    SINGLETON_ID = 1

    portal_name = models.CharField(
        "tên trang", max_length=200, default=settings.PORTAL_NAME, help_text="Hiện ở đầu trang."
    )
    owner_name = models.CharField(
        "cơ quan quản lý",
        max_length=200,
        default="Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh",
        help_text="Tổ chức chủ trì, vận hành trang.",
    )
    supervising_body = models.CharField("cơ quan chủ quản", max_length=200, blank=True)
    responsible_person = models.CharField(
        "chịu trách nhiệm chính",
        max_length=200,
        blank=True,
        help_text="Họ tên và chức vụ, ví dụ: «Nguyễn Văn A – Phó Bí thư Thường trực».",
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=100, blank=True)
    fax = models.CharField("fax", max_length=100, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    licence = models.CharField(
        "giấy phép",
        max_length=300,
        blank=True,
        help_text="Chỉ điền khi có giấy phép (ví dụ: «Giấy phép số … ngày … do … cấp»).",
    )
    attribution_note = models.CharField(
        "ghi chú trích dẫn nguồn",
        max_length=300,
        default="Ghi rõ nguồn khi phát hành lại thông tin từ trang này.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "thông tin trang"
        verbose_name_plural = "thông tin trang"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="portal_sitesettings_singleton"),
        ]

    def __str__(self):
        return self.portal_name

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_ID
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:home")

    @classmethod
    def for_request(cls, request) -> "SiteSettings":
        """`load()` once per content state, with the rest of the chrome (portal/chrome.py),
        read once per request: the header, the footer and the page's metadata share it."""
        if not hasattr(request, "_site_settings"):
            from portal import chrome

            request._site_settings = chrome.shared(request)["site_settings"]
        return request._site_settings

    @classmethod
    def load(cls) -> "SiteSettings":
        """The saved record, or an unsaved one with the defaults when none exists yet."""
        return cls.objects.filter(pk=cls.SINGLETON_ID).first() or cls(pk=cls.SINGLETON_ID)
