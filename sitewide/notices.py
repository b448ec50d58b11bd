"""The notices banner and the page cache, without a query on a cached page.

The current and upcoming notices are kept in the cache as one list (read from the
database when missing, dropped whenever a notice is saved). From it come both the
banner (`active()`) and the page cache's state (`state()`): the token counts the start
and end times already passed, and the next of them caps a cached page's lifetime, so a
notice appears and disappears at its times, as a scheduled article does.
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


def state():
    """For `pagecache.register`: (how many start/end times have passed, the next one)."""
    now = timezone.now()
    times = sorted({t for notice in upcoming() for t in (notice.starts_at, notice.ends_at)})
    passed = sum(1 for t in times if t <= now)
    return str(passed), next((t for t in times if t > now), None)


def notices_changed() -> None:
    """After a notice is saved or deleted: read them again once the change is committed."""

    def drop():
        try:
            cache.delete(KEY)
        except Exception:
            logger.warning("notices: cache unavailable", exc_info=True)

    transaction.on_commit(drop)
