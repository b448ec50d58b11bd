"""Anonymous satisfaction votes: one tally row per page, month and score, nothing else.

A reader is never identified: no account, no cookie, no address stored. To refuse a
second vote on the same page the same day, a keyed hash of (day, address, browser,
page) is kept in the cache until the day ends; the key changes every day and cannot be
turned back into an address without the site's secret. See docs/sections.md.
"""

import hashlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from sitewide.models import RatingTally

logger = logging.getLogger(__name__)

# section -> is_public(object_id): only pages the public can see may be rated.
_targets: dict[str, Callable[[int], bool]] = {}


def register_target(section: str, is_public: Callable[[int], bool]) -> None:
    _targets[section] = is_public


@dataclass(frozen=True)
class Outcome:
    counted: bool
    message: str


COUNTED = Outcome(True, "Cảm ơn bạn đã cho biết ý kiến về thông tin này.")
REPEAT = Outcome(False, "Hôm nay bạn đã đánh giá thông tin này rồi. Cảm ơn bạn.")
UNKNOWN = Outcome(False, "Không tìm thấy nội dung cần đánh giá.")
UNAVAILABLE = Outcome(False, "Tạm thời chưa nhận được đánh giá. Xin vui lòng thử lại sau.")


def _digest(message: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


def address_key(address: str) -> str:
    """What the rate limit counts by: a keyed hash, so no address sits in the cache."""
    return _digest(f"rating-rate|{address}")


def repeat_key(*, day: date, address: str, agent: str, section: str, object_id: int) -> str:
    return "rating:seen:" + _digest(f"{day.isoformat()}|{address}|{agent}|{section}|{object_id}")


def _seconds_left_today(now: datetime) -> int:
    local = timezone.localtime(now)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)
    return max(int((midnight - local).total_seconds()), 1)


def record_vote(*, section: str, object_id: int, score: int, address: str, agent: str) -> Outcome:
    """Count one vote unless the same reader voted on this page today."""
    is_public = _targets.get(section)
    if is_public is None or score not in RatingTally.Score.values or not is_public(object_id):
        return UNKNOWN
    now = timezone.now()
    today = timezone.localdate(now)
    key = repeat_key(
        day=today, address=address, agent=agent[:300], section=section, object_id=object_id
    )
    try:
        first_today = cache.add(key, 1, timeout=_seconds_left_today(now))
    except Exception:  # the cache is down: a repeat could not be recognised, count nothing
        logger.warning("ratings: cache unavailable, vote not counted", exc_info=True)
        return UNAVAILABLE
    if not first_today:
        return REPEAT
    tally, _ = RatingTally.objects.get_or_create(
        section=section, object_id=object_id, month=today.replace(day=1), score=score
    )
    RatingTally.objects.filter(pk=tally.pk).update(votes=F("votes") + 1)
    return COUNTED
