"""Giới thiệu: a small tree of static pages with an order, a menu placement and history.

A page's body is sanitized rich text (`richtext.fields.RichTextField`), as articles'
are. Every save through `pages.workflow.save_page` keeps the replaced title and body
as a `PageRevision`; a changed slug leaves a `PageSlugRedirect` so old links answer
301. The "Liên hệ" page (slug `lien-he`) shows the footer's contact details
(SiteSettings) and the departments' contacts under its body. See docs/sections.md.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

import vntext
from recording.records import Revision
from richtext.fields import RichTextField
from richtext.sanitize import html_to_text

CONTACT_SLUG = "lien-he"


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def top_level(self):
        return self.filter(parent__isnull=True)

    def in_menu(self):
        return self.published().filter(show_in_menu=True)


class Page(models.Model):
    title = models.CharField("tiêu đề", max_length=200)
    menu_title = models.CharField(
        "tên trên menu", max_length=60, blank=True, help_text="Để trống thì dùng tiêu đề."
    )
    slug = models.SlugField(
        "đường dẫn",
        max_length=160,
        unique=True,
        blank=True,
        help_text="Để trống thì tạo từ tiêu đề. Đổi đường dẫn thì đường dẫn cũ vẫn chuyển tới trang.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="trang cha",
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    summary = models.TextField("tóm tắt", blank=True)
    body = RichTextField("nội dung", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100, help_text="Số nhỏ đứng trước.")
    show_in_menu = models.BooleanField("hiện trên menu Giới thiệu", default=True)
    is_published = models.BooleanField("công khai", default=True)
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Title, summary and body folded (vntext.fold) between spaces, for /tim-kiem/ (pages.search).
    search_text = models.TextField("nội dung không dấu", blank=True, editable=False)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = "trang giới thiệu"
        verbose_name_plural = "trang giới thiệu"
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="pages_page_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            base = vntext.slugify(self.title, max_length=150, fallback="trang")
            taken = Page._base_manager.exclude(pk=self.pk).filter(slug__startswith=base)
            self.slug = vntext.first_free(base, taken.values_list("slug", flat=True), 160)
        text = " ".join([self.title, self.summary, html_to_text(self.body or "")])
        self.search_text = f" {vntext.fold(text)} "
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:page_detail", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return self.menu_title or self.title

    @property
    def is_contact(self) -> bool:
        return self.slug == CONTACT_SLUG

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if (ancestor.pk == self.pk and self.pk is not None) or ancestor.pk in seen:
                raise ValidationError({"parent": "Trang không thể nằm dưới chính nó."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class PageRevision(Revision):
    """The title and body a page had before one of its saves."""

    page = models.ForeignKey(
        Page, verbose_name="trang", related_name="revisions", on_delete=models.CASCADE
    )
    title = models.CharField("tiêu đề", max_length=200)
    body = RichTextField("nội dung", blank=True)

    record_of = "page"


class PageSlugRedirect(models.Model):
    """An old slug of a page: /gioi-thieu/<old>/ answers 301 to the page's current URL."""

    old_slug = models.SlugField("đường dẫn cũ", max_length=160, unique=True)
    page = models.ForeignKey(
        Page, verbose_name="trang", related_name="old_slugs", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = "đường dẫn cũ"
        verbose_name_plural = "đường dẫn cũ"
        ordering = ["old_slug"]

    def __str__(self):
        return self.old_slug

    def get_absolute_url(self):
        return self.page.get_absolute_url()


class Department(models.Model):
    """A staff department's public contact, listed on the "Liên hệ" page."""

    name = models.CharField("tên ban, phòng", max_length=200)
    phone = models.CharField("điện thoại", max_length=100, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "liên hệ của ban, phòng"
        verbose_name_plural = "liên hệ của các ban, phòng"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:page_detail", kwargs={"slug": CONTACT_SLUG})
