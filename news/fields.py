"""Fields that derive their value from other fields of the same row.

Deriving in `pre_save` (rather than `Model.save`) means `bulk_create` derives them
too: Django calls `pre_save` for every object it inserts. `QuerySet.update()` and
`bulk_update()` skip `pre_save`; `DerivedFieldsQuerySet` runs it for them.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction

import vntext
from richtext.fields import RichTextField
from richtext.sanitize import html_to_text
from vntext.fields import AutoSlugField


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


def _derived_fields(model) -> list[models.Field]:
    """The fields whose value `pre_save` computes, in declaration order (clean HTML first)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, RichTextField | AutoSlugField | FoldedTextField)
    ]


def _sources(field: models.Field) -> set[str]:
    if isinstance(field, AutoSlugField):
        return {field.name, *field.source_fields}
    if isinstance(field, FoldedTextField):
        return {*field.sources, *field.html_sources}
    return {field.name}


class DerivedFieldsQuerySet(models.QuerySet):
    """Keeps clean HTML, slugs and folded search text right through bulk writes too.

    `update(title=...)` or `bulk_update(objs, ["body"])` would otherwise leave the
    folded search text (and, for `bulk_update`, the instances' HTML) as they were.
    """

    def update(self, **kwargs):
        derived = [f for f in _derived_fields(self.model) if _sources(f) & kwargs.keys()]
        if not derived:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            # The filter may name the columns being changed: take the rows first.
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            loaded = set().union(*(_sources(field) for field in derived))
            rows = list(
                self.model._base_manager.using(self.db)
                .filter(pk__in=pks)
                .only(*loaded, *(field.name for field in derived))
            )
            _derive(rows, derived)
            models.QuerySet.bulk_update(
                self.model._base_manager.using(self.db),
                rows,
                [field.name for field in derived],
                batch_size=500,
            )
        return count

    update.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        derived = [f for f in _derived_fields(self.model) if _sources(f) & set(fields)]
        _derive(objs, derived)
        fields = [*fields, *(field.name for field in derived if field.name not in fields)]
        return super().bulk_update(objs, fields, batch_size=batch_size)

    bulk_update.alters_data = True


def _derive(objs, fields):
    for obj in objs:
        for field in fields:
            field.pre_save(obj, add=False)


class DerivedName:
    """A model mixin for a name with one unique field derived from it (a tag's slug, a
    pen name's key): the name is kept on one line (`vntext.one_line`), the derived field
    is set on every save and in `clean()`, a name with nothing to derive is refused
    with `empty_message`, and the constraints check the derived field even when a form
    leaves it out."""

    derived_field = ""
    empty_message = ""

    def derived_value(self) -> str:
        raise NotImplementedError

    def derive(self):
        self.name = vntext.one_line(self.name)
        setattr(self, self.derived_field, self.derived_value())

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.derive()
        if self.name and not getattr(self, self.derived_field):
            raise ValidationError({"name": self.empty_message})

    def validate_constraints(self, exclude=None):
        if exclude:
            exclude = set(exclude) - {self.derived_field}
        super().validate_constraints(exclude=exclude)
