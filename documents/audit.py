"""Replaced document files in the audit trail (docs/audit.md).

Publishing and withdrawing a document (with the reason) are already in the admin's
history (`LogEntry`, written by documents/workflow.py), which the trail reads as its own
source; what only this app records is which file a keeper replaced, and by whom.
"""

from django.db.models import CharField, F
from django.db.models.functions import Concat

from audittrail import Source, ref, register, text
from documents.models import ReplacedFile


def rows():
    return ReplacedFile.objects.annotate(
        at=F("replaced_at"),
        who=F("replaced_by_id"),
        what=text("Văn bản: thay tệp"),
        target=Concat(
            F("document_file__document__code"),
            text(": "),
            F("document_file__document__title"),
            output_field=CharField(),
        ),
        target_ref=ref("documents.document", "document_file__document_id"),
        detail=Concat(text("Tệp cũ: "), F("original_name"), output_field=CharField()),
    )


register(Source("document_file", "Thay tệp văn bản", rows))
