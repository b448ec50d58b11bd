import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env):
    clean_env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings"],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    """With DEBUG off and no SECRET_KEY, importing the settings fails with a clear message."""
    result = _import_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_starts_with_secret_key():
    """The same import succeeds once SECRET_KEY is given."""
    result = _import_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_debug_runs_without_secret_key():
    """Local development (DEBUG=1) needs no SECRET_KEY."""
    result = _import_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_vietnamese_locale_and_time_zone():
    """The portal speaks Vietnamese and keeps Vietnam's time."""
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def test_database_vendor_follows_database_url(db):
    """The run really uses the database DATABASE_URL names (PostgreSQL in CI's second run)."""
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1


def test_cache_backend_follows_redis_url():
    """With REDIS_URL set, the cache is the portal's Redis backend (Django's, one client per
    pool: pagecache/redis.py) and round-trips a value."""
    default = caches["default"]
    backend = type(default).__module__ + "." + type(default).__name__
    if os.environ.get("REDIS_URL"):
        assert backend == "pagecache.redis.RedisCache"
        client = default._cache.get_client(write=True)
        assert client.ping() is True
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"
    cache.set("portal-probe", "Đảng ủy Khối", 30)
    assert cache.get("portal-probe") == "Đảng ủy Khối"
