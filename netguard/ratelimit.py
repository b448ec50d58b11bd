"""A rate limit on Django's cache: a few lines around `cache.add` and `cache.incr`.

django-ratelimit refuses to start on the local-memory cache that `make run` uses, so
the portal counts for itself. The window is fixed (it starts at a multiple of
`period`): simple, and good enough against a script posting the same form.
If the cache is down the request is let through: a broken cache must not close the
site's forms. That is logged at most once a minute, not once per request.
"""

import logging
import time
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from netguard.client import client_ip

logger = logging.getLogger(__name__)
_last_warning = [0.0]

TOO_MANY_MESSAGE = (
    "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Xin vui lòng thử lại sau ít phút."
)


def hit(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one request of `key` in `scope`; True while at most `limit` fall in `period` s."""
    window = int(time.time() // period)
    bucket = f"netguard:rate:{scope}:{key}:{window}"
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
    return period - int(time.time()) % period


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
