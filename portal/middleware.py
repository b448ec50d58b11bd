"""What every response shares: the public pages' CSP, gzip for text, the answer to a
database outage."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
RETRY_AFTER = 30  # seconds: a restarted PostgreSQL is usually back well within this


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on public pages: the second layer behind sanitizing.

    Public pages run only the portal's own script files: no inline script, no plugin,
    no framing by other sites. Inline `style` attributes stay allowed because article
    bodies carry CKEditor's (sanitized) image sizes and alignment. The admin, whose
    editor needs more, is left to Django's own protections.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            f"{name} {value}" for name, value in settings.CONTENT_SECURITY_POLICY.items()
        )
        self.exempt = tuple(settings.CONTENT_SECURITY_POLICY_EXEMPT_PATHS)

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.exempt):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class DatabaseUnavailableMiddleware:
    """A database outage answers 503 in Vietnamese, not a 500 with a traceback.

    Public pages get "Hệ thống đang tạm thời gián đoạn", the admin is told its change was
    not saved. `Retry-After` tells crawlers and monitors when to come back, and the
    answer is never cacheable (a CDN must not keep serving the outage). Recovery needs
    no restart: Django opens a fresh connection for the next request, checked first
    (`CONN_HEALTH_CHECKS`). One log line per refused request, no traceback
    (docs/security.md, "Database outage").
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable, answered 503 for %s %s: %s",
            request.method,
            request.path,
            str(exception).strip().splitlines()[0]
            if str(exception).strip()
            else type(exception).__name__,
        )
        return database_unavailable(request)


def database_unavailable(request):
    is_admin = request.path.startswith(reverse("admin:index"))
    response = HttpResponse(
        render_to_string(
            "503.html",
            {"admin": is_admin, "retry_after": RETRY_AFTER, "request_path": request.path},
        ),
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class TextGZipMiddleware(GZipMiddleware):
    """Gzip the text the app renders (HTML, XML, JSON, feeds) when nginx is not in front.

    Files and streams pass untouched, so PDFs and videos keep their Content-Length and
    byte ranges, and static files keep WhiteNoise's own precompressed copies. Django's
    GZipMiddleware already skips short bodies and adds `Vary: Accept-Encoding`, and
    pads its output against BREACH. docs/deploy.md, "Compression".
    """

    TEXT_TYPES = (
        "text/",
        "application/json",
        "application/ld+json",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/xhtml+xml",
        "application/javascript",
        "image/svg+xml",
    )

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if response.streaming or not content_type.startswith(self.TEXT_TYPES):
            return response
        return super().process_response(request, response)
