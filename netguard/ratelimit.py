"""A rate limit on Django's cache: a few lines around `cache.add` and `cache.incr`.

django-ratelimit refuses to start on the local-memory cache that `make run` uses, so
the portal counts for itself. The window is fixed: it starts at a multiple of `period`
counted in local time (Asia/Ho_Chi_Minh), so a day's window runs from midnight to
midnight and "try again tomorrow" is true. Simple, and good enough against a script
posting the same form. `allowed()` asks without counting, for a form that checks two
limits and should count only the attempts it lets through.
If the cache is down the request is let through: a broken cache must not close the
site's forms. That is logged at most once a minute, not once per request.
"""

import logging
import time
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from netguard.client import client_ip

logger = logging.getLogger(__name__)
_last_warning = [0.0]

TOO_MANY_MESSAGE = (
    "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Xin vui lòng thử lại sau ít phút."
)


def _local_seconds() -> float:
    """Seconds since the epoch as the local clock reads them (windows start at local midnight)."""
    now = time.time()
    offset = timezone.localtime(timezone.now()).utcoffset()
    return now + (offset.total_seconds() if offset else 0)


def _bucket(scope: str, key: str, period: int) -> str:
    return f"netguard:rate:{scope}:{key}:{int(_local_seconds() // period)}"


def allowed(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Whether one more request of `key` would stay within the limit (nothing is counted)."""
    try:
        return (cache.get(_bucket(scope, key, period)) or 0) < limit
    except Exception:  # the cache is down: let the request through, as hit() does
        return True


def hit(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one request of `key` in `scope`; True while at most `limit` fall in `period` s."""
    bucket = _bucket(scope, key, period)
    try:
        cache.add(bucket, 0, timeout=period + 1)
        try:
            count = cache.incr(bucket)
        except ValueError:  # evicted between add and incr
            cache.set(bucket, 1, timeout=period + 1)
            count = 1
    except Exception:  # the cache is down: let the request through
        if time.monotonic() - _last_warning[0] > 60:
            _last_warning[0] = time.monotonic()
            logger.warning("Rate limits skipped: the cache does not answer", exc_info=True)
        return True
    return count <= limit


def retry_after(period: int) -> int:
    """Seconds until the current window of `period` ends."""
    return period - int(_local_seconds()) % period


def rate_limited(scope: str, *, limit: int, period: int, key=client_ip, methods=("POST",)):
    """Decorate a view: more than `limit` requests from one client in `period` s get a 429.

    `key(request)` decides who "one client" is (by default its address); only the
    listed methods are counted, so reading a form page never uses up the allowance.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and not hit(
                scope, key(request), limit=limit, period=period
            ):
                response = HttpResponse(
                    TOO_MANY_MESSAGE, status=429, content_type="text/plain; charset=utf-8"
                )
                response["Retry-After"] = str(retry_after(period))
                response["Cache-Control"] = "no-store"
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
