"""A model field for images people upload: validated and re-encoded before storage."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.signals import post_delete, post_init
from django.utils.functional import cached_property

import vntext
from safeimage import EXTENSIONS, MAX_BYTES, ImageRefused, check_writable, reencode, renditions

_CLEANED = "_safeimage_cleaned"
_LOADED = "_safeimage_loaded"  # per instance: the stored name of each field when loaded


class SafeImageValidator:
    """Refuse anything `safeimage.reencode` refuses within these limits; keep its result
    for `pre_save`, so a file is decoded once."""

    def __init__(self, *, max_bytes: int, formats: tuple[str, ...]):
        self.max_bytes, self.formats = max_bytes, formats

    def __call__(self, value):
        if not value or getattr(value, "_committed", True):
            return  # a file already stored was checked when it came in
        upload = value.file
        if getattr(upload, _CLEANED, None) is None:
            try:
                setattr(upload, _CLEANED, self.reencode(upload))
            except ImageRefused as refusal:
                raise ValidationError(str(refusal), code="unsafe_image") from None

    def reencode(self, upload):
        return reencode(upload, max_bytes=self.max_bytes, formats=self.formats)

    def __eq__(self, other):
        return isinstance(other, SafeImageValidator) and (self.max_bytes, self.formats) == (
            other.max_bytes,
            other.formats,
        )


class SafeImageField(models.ImageField):
    """An `ImageField` that stores only the re-encoded picture, under a name of ours.

    Forms and `full_clean()` refuse what is not a JPEG, PNG, WebP or GIF within bounds
    (or the narrower `max_bytes` and `formats` given), with a Vietnamese message;
    `pre_save` stores the re-encoded bytes (EXIF, GPS and anything appended gone)
    whichever way the file arrived, so code that assigns a file and saves without
    validating gets the same treatment.

    The file's renditions follow it (safeimage/renditions.py): made once the new file is
    committed, removed once it is replaced, cleared or its row deleted. Like
    `ImageField`'s dimension fields, this is the field keeping its own files in step.
    """

    def __init__(self, *args, max_bytes: int | None = None, formats=None, **kwargs):
        self.max_bytes, self.formats = max_bytes, tuple(formats) if formats else None
        super().__init__(*args, **kwargs)
        self.safe_image = SafeImageValidator(
            max_bytes=max_bytes or MAX_BYTES, formats=self.formats or tuple(EXTENSIONS)
        )

    @cached_property
    def validators(self):
        return [*super().validators, self.safe_image]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.max_bytes:
            kwargs["max_bytes"] = self.max_bytes
        if self.formats:
            kwargs["formats"] = self.formats
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_init.connect(self._remember_name, sender=cls, weak=False)
            post_delete.connect(self._forget_file, sender=cls, weak=False)

    def _remember_name(self, instance, **kwargs):
        if self.attname in instance.__dict__:  # not deferred
            loaded = instance.__dict__.setdefault(_LOADED, {})
            loaded[self.attname] = renditions.name_of(instance.__dict__[self.attname])

    def _forget_file(self, instance, **kwargs):
        name = renditions.name_of(instance.__dict__.get(self.attname))
        if name:
            model = type(instance)
            transaction.on_commit(lambda: self._remove_unused(model, name))

    def _remove_unused(self, model, name: str) -> None:
        """Remove the renditions of `name` unless another row of this field still shows it
        (the demo shares a few covers among many articles)."""
        if not model._base_manager.filter(**{self.attname: name}).exists():
            renditions.remove(name, self.storage)

    def _follow_renditions(self, instance, new_name: str, made_now: bool) -> None:
        loaded = instance.__dict__.setdefault(_LOADED, {})
        old_name = loaded.get(self.attname, "")
        loaded[self.attname] = new_name
        if old_name and old_name != new_name:
            model = type(instance)
            transaction.on_commit(lambda: self._remove_unused(model, old_name))
        if made_now and new_name:
            transaction.on_commit(lambda: renditions.make(new_name, self.storage))

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and not getattr(value, "_committed", True):
            try:
                check_writable(self.storage, value.size or 0)
            except ImageRefused as refusal:
                raise ValidationError(str(refusal), code="storage_unavailable") from None

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            cleaned = getattr(file.file, _CLEANED, None)
            if cleaned is None:
                try:
                    cleaned = self.safe_image.reencode(file.file)
                except ImageRefused as refusal:
                    raise ValueError(f"{self.name}: {refusal}") from None
            data, extension = cleaned
            stem = vntext.slugify(PurePath(file.name or "").stem, max_length=60, fallback="anh")
            file.save(f"{stem}.{extension}", ContentFile(data), save=False)
            self._follow_renditions(model_instance, file.name, made_now=True)
        else:
            self._follow_renditions(model_instance, renditions.name_of(file), made_now=False)
        return file
