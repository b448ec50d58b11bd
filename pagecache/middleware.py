"""Page-cache hits answered near the top of the middleware stack (docs/performance.md).

A hit needs nothing that the inner middleware prepare for a view: no session, no user,
no messages, no CSRF check. Like Django's `FetchFromCacheMiddleware`, this middleware
answers it before them: for a URL wrapped in `cache_public_page` (its `page_cache`), the
stored page as the wrapper would send it, plus what the skipped middleware add to a hit
(`INNER`). Anything else, a miss included, goes on through the whole stack unchanged,
and the wrapper decides as it always did.

Sits below the middleware that every response needs (security headers, the CSP, gzip,
static files, the database outage page) and above `INNER`, which
`tests/pagecache/test_middleware.py` checks against `MIDDLEWARE`.
"""

from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.urls import Resolver404, resolve

from pagecache import cached_response, is_enabled

# The middleware a hit skips, and what each adds to a hit today: sessions, CSRF,
# messages (nothing, for a request without their cookies: see `_is_plain`), CommonMiddleware
# (`Content-Length`, and the checks of its `process_request`), authentication and axes
# (nothing on a GET), X-Frame-Options (its header).
INNER = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.common = CommonMiddleware(get_response)
        self.x_frame_options = XFrameOptionsMiddleware(get_response)

    def __call__(self, request):
        response = self.from_cache(request)
        if response is None:
            return self.get_response(request)
        return response

    def from_cache(self, request):
        if request.method not in {"GET", "HEAD"} or not _is_plain(request) or not is_enabled():
            return None  # checked before resolving: without the cache, a URL is resolved once
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        route = getattr(match.func, "page_cache", None)
        if route is None or self.common.process_request(request) is not None:
            return None  # not a cached URL; a redirect of CommonMiddleware's (PREPEND_WWW)
        response = cached_response(request, route, match.kwargs)
        if response is None:
            return None
        response = self.x_frame_options.process_response(request, response)
        return self.common.process_response(request, response)


def _is_plain(request) -> bool:
    """No cookie that an inner middleware would answer: a session or messages cookie
    (`cached_response` checks those), or a CSRF cookie that CsrfViewMiddleware would
    replace (one not in the form it writes)."""
    token = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    return token is None or (
        len(token) == CSRF_SECRET_LENGTH and all(char in CSRF_ALLOWED_CHARS for char in token)
    )
