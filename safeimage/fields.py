"""A model field for images people upload: validated and re-encoded before storage."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.functional import cached_property

import vntext
from safeimage import EXTENSIONS, MAX_BYTES, ImageRefused, check_writable, reencode

_CLEANED = "_safeimage_cleaned"


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
        return file
