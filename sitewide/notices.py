"""The notices banner and the page cache, without a query on a cached page.

The current and upcoming notices are kept in the cache as one list (read from the
database when missing, dropped whenever a notice is saved). From it come both the
banner (`active()`). The page cache learns the next start or end from `next_change()`
and caps a cached page's lifetime there, so a notice appears and disappears at its
times, as a scheduled article does.
See docs/sections.md.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from sitewide.models import Notice

logger = logging.getLogger(__name__)

KEY = "sitewide:notices"
# Read again at least this often: a notice changed without the admin (plain ORM, a
# script) shows within this time.
REFRESH_SECONDS = 5 * 60


def _load() -> list[Notice]:
    return list(Notice.objects.filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk"))


def upcoming() -> list[Notice]:
    """Notices that had not ended when the list was read (some may have ended since)."""
    try:
        notices = cache.get(KEY)
    except Exception:  # the cache is down: read the database, as if nothing were cached
        logger.warning("notices: cache unavailable", exc_info=True)
        return _load()
    if notices is None:
        notices = _load()
        remember(notices)
    return notices


def remember(notices: list[Notice]) -> None:
    try:
        cache.set(KEY, notices, REFRESH_SECONDS)
    except Exception:
        logger.warning("notices: cache unavailable", exc_info=True)


def active(now=None) -> list[Notice]:
    now = now or timezone.now()
    return [notice for notice in upcoming() if notice.starts_at <= now < notice.ends_at]


def next_change():
    """For `pagecache.register`: the next time a notice starts or ends (one query)."""
    return Notice.objects.next_change()


def notices_changed() -> None:
    """After a notice is saved or deleted: read them again once the change is committed."""

    def drop():
        try:
            cache.delete(KEY)
        except Exception:
            logger.warning("notices: cache unavailable", exc_info=True)

    transaction.on_commit(drop)
