"""Where documents' files live: a folder nginx does not publish (`DOCUMENT_FILES_ROOT`).

Every file, public or internal, is served by `documents.views.download`, which checks
who may read it, counts the download and sets the headers; in production it hands the
bytes to nginx with `X-Accel-Redirect` (docs/documents.md, "Files"). A document can go
from internal to public and back without its files moving.
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.functional import LazyObject


class _DocumentStorage(LazyObject):
    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.DOCUMENT_FILES_ROOT, base_url=None)


document_storage = _DocumentStorage()


def get_document_storage():
    return document_storage


def generated_name(instance, filename: str) -> str:
    """A name nobody chose: year/month/random hex, with the extension the content proved."""
    now = timezone.localtime()
    return f"{now:%Y/%m}/{uuid.uuid4().hex}.{instance.file_type or 'bin'}"
