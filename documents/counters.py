"""Download counts without a write per download (buffered in `pagecache.counters`).

Each download increments a counter in the shared cache; the first download of a
document after `VIEW_COUNT_FLUSH_SECONDS` moves the pending number into the database
with one atomic `F()` update, as article views do (docs/performance.md); `run_periodic`
moves every document's pending downloads each minute (`flush_all_downloads`).
"""

from django.conf import settings
from django.db.models import F

from documents.models import Document
from pagecache.counters import BufferedCounter


def _write_downloads(document_id: int, amount: int) -> None:
    Document.objects.filter(pk=document_id).update(download_count=F("download_count") + amount)


downloads = BufferedCounter("documents:downloads", _write_downloads)


def record_download(document_id: int) -> int:
    """Count one download; returns how many pending downloads reached the database."""
    downloads.add(document_id)
    return downloads.flush_due(document_id, settings.VIEW_COUNT_FLUSH_SECONDS)


def flush_all_downloads() -> int:
    """Every document's pending downloads into the database (a `run_periodic` job)."""
    return downloads.flush_all(Document.objects.values_list("pk", flat=True).iterator())


def pending_downloads(document_id: int) -> int:
    return downloads.pending(document_id)
