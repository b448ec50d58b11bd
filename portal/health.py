"""Health checks for nginx, a load balancer and monitoring (docs/deploy.md).

- `/healthz`: the process answers. No database, no cache: a liveness probe must not
  restart workers because PostgreSQL is down.
- `/readyz`: the database and the cache answer, each bounded by a short timeout
  (PostgreSQL's `connect_timeout`, Redis' socket timeouts in settings). 503 when
  either does not, so a load balancer sends traffic elsewhere.

Neither is cached anywhere (`never_cache`: `no-store`) nor listed in the sitemap.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:  # one line per probe, no traceback
        logger.warning("readyz: the database does not answer: %s", str(error).strip())
        return False


def _cache() -> bool:
    key, token = "readyz:probe", secrets.token_hex(8)
    try:
        cache.set(key, token, timeout=10)
        return cache.get(key) == token
    except Exception as error:  # any backend error: refused, timed out, out of memory
        logger.warning("readyz: the cache does not answer: %s", str(error).strip())
        return False


@never_cache
def readyz(request):
    checks = {"database": _database(), "cache": _cache()}
    ready = all(checks.values())
    body = {
        "status": "ok" if ready else "unavailable",
        **{name: "ok" if passed else "error" for name, passed in checks.items()},
    }
    return JsonResponse(body, status=200 if ready else 503)
