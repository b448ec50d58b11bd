"""Bút danh: the names a staff writer signs articles with.

An account may own several pen names; an article's byline is one of its writer's own
pen names (`Article.pen_name`), or, for an outside contributor, a name typed into
`Article.author_name`. The rule "only the writer's own" is `Article.clean()`'s, so the
admin, the workflow and imports share it (docs/newsroom.md, "Pen names").
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

import vntext
from news.fields import DerivedName


class PenNameQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def choosable_for(self, writer, current_id=None):
        """The pen names a byline of `writer`'s article may carry: their active ones, plus
        the one the article already has (a retired name stays on old articles)."""
        owned = models.Q(owner=writer.pk, is_active=True) if writer else models.Q(pk__in=[])
        if current_id:
            owned |= models.Q(pk=current_id)
        return self.filter(owned).select_related("owner")


class PenName(DerivedName, models.Model):
    derived_field = "key"
    empty_message = "Bút danh phải có chữ hoặc số."

    name = models.CharField("bút danh", max_length=150)
    # The folded name ("xuan hien"): one pen name, however it is typed or accented.
    key = models.CharField("bút danh không dấu", max_length=150, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        related_name="pen_names",
        on_delete=models.PROTECT,
        limit_choices_to={"is_staff": True},
        help_text="Người viết dùng bút danh này.",
    )
    is_active = models.BooleanField(
        "còn dùng",
        default=True,
        help_text="Bỏ chọn khi người viết thôi dùng bút danh: bài cũ vẫn giữ bút danh này.",
    )
    created_at = models.DateTimeField("tạo lúc", default=timezone.now, editable=False)

    objects = PenNameQuerySet.as_manager()

    class Meta:
        verbose_name = "bút danh"
        verbose_name_plural = "bút danh"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                name="news_penname_unique_key",
                violation_error_message="Bút danh này đã có (có thể viết khác dấu).",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:news_penname_change", args=[self.pk])

    def derived_value(self) -> str:
        return vntext.fold(self.name)
