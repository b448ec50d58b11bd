"""Download counts without a write per download, the way article views are counted.

Each download increments a counter in the shared cache; the first download of a
document after `VIEW_COUNT_FLUSH_SECONDS` moves the pending number into the database
with one `F()` update (docs/performance.md, "View counter"). Once the shared counters
library is on main, this module becomes a call to it.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models import F

from documents.models import Document

logger = logging.getLogger(__name__)


def _pending_key(document_id: int) -> str:
    return f"documents:downloads:pending:{document_id}"


def _flushed_key(document_id: int) -> str:
    return f"documents:downloads:flushed:{document_id}"


def record_download(document_id: int) -> int:
    """Count one download; returns how many pending downloads reached the database."""
    try:
        key = _pending_key(document_id)
        cache.add(key, 0, timeout=None)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add() and incr()
            cache.set(key, 1, timeout=None)
        if cache.add(_flushed_key(document_id), 1, timeout=settings.VIEW_COUNT_FLUSH_SECONDS):
            return flush_downloads(document_id)
    except Exception:  # Redis down: a count is not worth an error
        logger.warning("download counter unavailable", exc_info=True)
    return 0


def flush_downloads(document_id: int) -> int:
    key = _pending_key(document_id)
    pending = cache.get(key) or 0
    if pending <= 0:
        return 0
    cache.decr(key, pending)
    Document.objects.filter(pk=document_id).update(download_count=F("download_count") + pending)
    return pending


def pending_downloads(document_id: int) -> int:
    try:
        return max(cache.get(_pending_key(document_id)) or 0, 0)
    except Exception:  # Redis down: the stored count alone
        logger.warning("download counter unavailable", exc_info=True)
        return 0
