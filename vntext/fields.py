"""Model fields for Vietnamese text that every app may use."""

from django.db import models

import vntext


class AutoSlugField(models.SlugField):
    """An ASCII slug made when left empty ("Đảng ủy" → "dang-uy"), then never changed.

    `populate_from` names the field to make it from, or several: the first that is not
    empty (an organization's short name, else its name). With `unique=True` a taken slug
    gets the first free number ("tin-tuc-2"). Deriving in `pre_save` means `bulk_create`
    derives it too.
    """

    def __init__(self, *args, populate_from: str | tuple[str, ...], fallback: str, **kwargs):
        self.populate_from = populate_from
        self.fallback = fallback
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    @property
    def source_fields(self) -> tuple[str, ...]:
        if isinstance(self.populate_from, str):
            return (self.populate_from,)
        return tuple(self.populate_from)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["populate_from"] = self.populate_from
        kwargs["fallback"] = self.fallback
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if not value:
            sources = (getattr(model_instance, name) for name in self.source_fields)
            source = next((text for text in sources if text), "")
            value = vntext.slugify(source, max_length=self.max_length, fallback=self.fallback)
            if self.unique:
                value = self._first_free(model_instance, value)
            setattr(model_instance, self.attname, value)
        return value

    def _first_free(self, model_instance, slug: str) -> str:
        """`slug`, or `slug-2`, `slug-3`... when another row holds it (two "Tin tức")."""
        others = type(model_instance)._base_manager.exclude(pk=model_instance.pk)
        taken = others.filter(**{f"{self.attname}__startswith": slug}).values_list(
            self.attname, flat=True
        )
        return vntext.first_free(slug, taken, self.max_length)
