"""Fields that derive their value from other fields of the same row.

Deriving in `pre_save` (rather than `Model.save`) means `bulk_create` derives them
too: Django calls `pre_save` for every object it inserts.
"""

from django.db import models

import vntext
from news.richtext import html_to_text


class AutoSlugField(models.SlugField):
    """An ASCII slug made from `populate_from` when left empty ("Đảng ủy" → "dang-uy")."""

    def __init__(self, *args, populate_from: str, fallback: str = "bai-viet", **kwargs):
        self.populate_from = populate_from
        self.fallback = fallback
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["populate_from"] = self.populate_from
        kwargs["fallback"] = self.fallback
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if not value:
            source = getattr(model_instance, self.populate_from)
            value = vntext.slugify(source, max_length=self.max_length, fallback=self.fallback)
            setattr(model_instance, self.attname, value)
        return value


class FoldedTextField(models.TextField):
    """Diacritic-free, lower-case text of other fields, for search on any database.

    `sources` are plain-text fields, `html_sources` rich-text ones (their tags are
    dropped). Declare it after its sources, so that it folds their cleaned values.
    """

    def __init__(self, *args, sources=(), html_sources=(), **kwargs):
        self.sources = tuple(sources)
        self.html_sources = tuple(html_sources)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        kwargs["html_sources"] = self.html_sources
        kwargs.pop("editable", None)
        kwargs.pop("blank", None)
        return name, path, args, kwargs

    def fold_instance(self, model_instance) -> str:
        parts = [getattr(model_instance, name) or "" for name in self.sources]
        parts += [html_to_text(getattr(model_instance, name) or "") for name in self.html_sources]
        return vntext.fold(" ".join(parts))

    def pre_save(self, model_instance, add):
        value = self.fold_instance(model_instance)
        setattr(model_instance, self.attname, value)
        return value
