"""Từ khóa: tags on articles, one tag however it is accented or cased (docs/newsroom.md).

A tag's identity is its slug, `vntext.slugify(name)`: "Chuyển đổi số", "chuyen doi so"
and "CHUYỂN ĐỔI  SỐ" are all `chuyen-doi-so`, so typing any of them reuses the tag that
exists (`Tag.objects.resolve`). The first spelling stays the shown name; an editor may
correct it in the admin. A small model rather than django-taggit: taggit's tags are
unique by exact name (or case-insensitively), not by folded Vietnamese, and its admin
widget is a free-text field without suggestions; here the fold is `vntext`'s, the same
as search and slugs.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone

import vntext
from news.fields import DerivedName

MAX_LENGTH = 100
MAX_PER_ARTICLE = 20


def split_names(text: str) -> list[str]:
    """ "Chuyển đổi số, chuyen doi so; Đại hội" → ["Chuyển đổi số", "Đại hội"] (one per
    folded key, in the order typed, blanks and punctuation-only parts dropped)."""
    names, seen = [], set()
    for part in vntext.normalize(text).replace(";", ",").split(","):
        name = " ".join(part.split())
        key = vntext.slugify(name, max_length=MAX_LENGTH)
        if key and key not in seen:
            seen.add(key)
            names.append(name)
    return names


class TagQuerySet(models.QuerySet):
    def resolve(self, names: list[str]) -> list["Tag"]:
        """The tags for `names`, in order: existing ones reused by their folded key, the
        missing ones created."""
        keyed = {vntext.slugify(name, max_length=MAX_LENGTH): name for name in names}
        keyed.pop("", None)
        existing = {tag.slug: tag for tag in self.filter(slug__in=keyed)}
        for key, name in keyed.items():
            if key not in existing:
                existing[key] = self.create(name=name[:MAX_LENGTH])
        return [existing[key] for key in keyed]

    def matching(self, text: str):
        """Tags whose folded name contains what was typed, with or without accents."""
        key = vntext.slugify(text, max_length=MAX_LENGTH)
        return self.filter(slug__contains=key) if key else self.none()

    def used_in(self, articles):
        """Tags of at least one of `articles` (a queryset: the published ones, usually)."""
        return self.filter(pk__in=articles.values("tags"))


class Tag(DerivedName, models.Model):
    derived_field = "slug"
    empty_message = "Từ khóa phải có chữ hoặc số."

    name = models.CharField("từ khóa", max_length=MAX_LENGTH)
    # Derived from the name on every save: the folded identity, and the address.
    slug = models.SlugField("đường dẫn", max_length=MAX_LENGTH, editable=False)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now, editable=False)

    objects = TagQuerySet.as_manager()

    class Meta:
        verbose_name = "từ khóa"
        verbose_name_plural = "từ khóa"
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="news_tag_unique_slug",
                violation_error_message="Từ khóa này đã có (có thể viết khác dấu).",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:tag_detail", kwargs={"slug": self.slug})

    def derived_value(self) -> str:
        return vntext.slugify(self.name, max_length=MAX_LENGTH)
