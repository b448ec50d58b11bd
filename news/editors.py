"""Editors' desks: which categories a Biên tập viên looks after, and how they hear of work.

An editor without an `EditorProfile`, or with one that names no category, edits every
category (the default). Naming categories limits the editor to them and to their
sub-categories; `news.workflow` applies the limit on the server (docs/editors.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from vntext import names


class EditorProfile(models.Model):
    class Notify(models.TextChoices):
        EACH = "each", "Mỗi khi có bài gửi duyệt"
        DAILY = "daily", "Một thư tóm tắt mỗi sáng"
        NONE = "none", "Không nhận thư"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        related_name="editor_profile",
        on_delete=models.CASCADE,
    )
    categories = models.ManyToManyField(
        "news.Category",
        verbose_name="chuyên mục phụ trách",
        related_name="editor_profiles",
        blank=True,
        help_text="Để trống: biên tập mọi chuyên mục. Chọn một chuyên mục cấp trên là phụ "
        "trách cả các chuyên mục con của nó.",
    )
    notify = models.CharField(
        "thư báo bài chờ duyệt",
        max_length=8,
        choices=Notify.choices,
        default=Notify.EACH,
    )
    digest_sent_on = models.DateField("ngày gửi thư tóm tắt gần nhất", null=True, editable=False)

    class Meta:
        verbose_name = "phân công biên tập"
        verbose_name_plural = "phân công biên tập"
        ordering = ["user__username"]

    def __str__(self):
        return names.display_name(self.user)

    def get_absolute_url(self):
        return reverse("admin:news_editorprofile_change", args=[self.pk])


def category_scope(user) -> frozenset[int] | None:
    """The ids of the categories `user` edits and reviews, or None for all of them.

    Kept on the user object for the rest of the request, like Django's permission cache.
    """
    if not user.is_authenticated or user.is_superuser:
        return None
    if not hasattr(user, "_news_category_scope"):
        from news.models import Category

        ids = frozenset(
            Category.objects.filter(
                Q(editor_profiles__user=user) | Q(parent__editor_profiles__user=user)
            ).values_list("pk", flat=True)
        )
        user._news_category_scope = ids or None
    return user._news_category_scope


def covers(user, category_id: int | None) -> bool:
    """Whether `category_id` is among the categories `user` edits."""
    scope = category_scope(user)
    return scope is None or category_id in scope
