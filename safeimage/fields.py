"""A model field for images people upload: validated and re-encoded before storage."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models

import vntext
from safeimage import ImageRefused, check_writable, reencode

_CLEANED = "_safeimage_cleaned"


def validate_safe_image(value):
    """Refuse anything `safeimage.reencode` refuses; keep its result for `pre_save`."""
    if not value or getattr(value, "_committed", True):
        return  # a file already stored was checked when it came in
    upload = value.file
    if getattr(upload, _CLEANED, None) is None:
        try:
            setattr(upload, _CLEANED, reencode(upload))
        except ImageRefused as refusal:
            raise ValidationError(str(refusal), code="unsafe_image") from None


class SafeImageField(models.ImageField):
    """An `ImageField` that stores only the re-encoded picture, under a name of ours.

    Forms and `full_clean()` refuse what is not a JPEG, PNG, WebP or GIF within bounds,
    with a Vietnamese message; `pre_save` stores the re-encoded bytes (EXIF, GPS and
    anything appended gone) whichever way the file arrived, so code that assigns a file
    and saves without validating gets the same treatment.
    """

    default_validators = [validate_safe_image]

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
                    cleaned = reencode(file.file)
                except ImageRefused as refusal:
                    raise ValueError(f"{self.name}: {refusal}") from None
            data, extension = cleaned
            stem = vntext.slugify(PurePath(file.name or "").stem, max_length=60, fallback="anh")
            file.save(f"{stem}.{extension}", ContentFile(data), save=False)
        return file
