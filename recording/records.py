"""Abstract models for the records every section keeps (docs/architecture.md, "Workflows").

`Record` is one step of a workflow (who, a note, when), `Revision` the text a row had
before one of its saves. A concrete record names the row it belongs to in `record_of`
(the foreign key's name): its admin page is that row's change page.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from recording import user_field


class _BelongsToRow(models.Model):
    record_of = ""  # the name of the foreign key to the row the record belongs to

    class Meta:
        abstract = True

    def get_absolute_url(self):
        row = self._meta.get_field(self.record_of).related_model._meta
        return reverse(
            f"admin:{row.app_label}_{row.model_name}_change",
            args=[getattr(self, f"{self.record_of}_id")],
        )

    def belongs_to(self):
        return getattr(self, self.record_of)


class Record(_BelongsToRow):
    """One step: who took it (nobody for the public or a script), a note, and when."""

    actor = user_field("người thực hiện")
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


class Revision(_BelongsToRow):
    """The version a save replaced, who saved and when (the text fields are the row's own)."""

    version = models.PositiveIntegerField("phiên bản")
    created_by = user_field("người sửa")
    created_at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        abstract = True
        verbose_name = "phiên bản cũ"
        verbose_name_plural = "phiên bản cũ"
        ordering = ["-version", "-pk"]

    def __str__(self):
        return f"{self.belongs_to()} – phiên bản {self.version}"
