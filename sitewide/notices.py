"""The notices banner and the page cache, without a query on a cached page.

The current and upcoming notices are kept in the cache as one list (read from the
database when missing or older than `REFRESH_SECONDS`, dropped whenever a notice is
saved). From that one list come both the banner (`active()`) and the next moment a
notice starts or ends (`next_change()`, which `pagecache.register` is given), so a page
miss reads the notices at most once, for both. The page cache caps a stored page's
lifetime at that moment: a notice appears and disappears at its times, as a scheduled
article does. See docs/sections.md.
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


def next_change(now=None):
    """For `pagecache.register`: the next time a notice starts or ends, or None.

    Read from the same list as the banner, so that the two can never disagree.
    """
    now = now or timezone.now()
    moments = [moment for notice in upcoming() for moment in (notice.starts_at, notice.ends_at)]
    return min((moment for moment in moments if moment > now), default=None)


def notices_changed() -> None:
    """After a notice is saved or deleted: read them again once the change is committed.

    Call it before `pagecache.content_changed()` (on-commit hooks run in order): the list
    is dropped before the generation moves, so no reader can store the old list's next
    change under the new generation.
    """

    def drop():
        try:
            cache.delete(KEY)
        except Exception:
            logger.warning("notices: cache unavailable", exc_info=True)

    transaction.on_commit(drop)
