"""Where documents' files live: a folder nginx does not publish (`DOCUMENT_FILES_ROOT`).

Every file, public or internal, is served by `documents.views.download`, which checks
who may read it, counts the download and sets the headers; in production it hands the
bytes to nginx with `X-Accel-Redirect` (docs/documents.md, "Files"). A document can go
from internal to public and back without its files moving.
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import LazyObject
from django.utils.http import content_disposition_header


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


def file_response(stored, *, content_type: str, download_name: str, inline: bool, public: bool):
    """The answer that serves one stored file of this storage, whoever decided who may read it.

    PDFs open in the browser's own viewer (`inline`), other types are downloaded;
    `X-Content-Type-Options: nosniff` always; in production nginx sends the bytes
    (`X-Accel-Redirect` to its internal location, docs/documents.md). Public files may be
    kept by browsers and CDNs for an hour, the others never.
    """
    prefix = settings.DOCUMENT_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + stored.name
    else:
        try:
            handle = stored.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, download_name)
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
