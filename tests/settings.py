"""Test settings: the production module plus what only tests need.

Loaded by pytest-django (pyproject.toml). The environment still decides the database
and cache, so `DATABASE_URL=postgres://… REDIS_URL=redis://… pytest` runs the same
suite against PostgreSQL and Redis.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")

from portal.settings import *  # noqa: F403

# Tests must not need collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
DOCUMENT_FILES_ROOT = tempfile.mkdtemp(prefix="portal-test-documents-")
# WhiteNoise scans STATIC_ROOT at start-up; an empty one keeps it quiet without collectstatic.
STATIC_ROOT = tempfile.mkdtemp(prefix="portal-test-static-")
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# One process (the live server of the browser tests included): local memory is shared.
PAGE_CACHE_SINGLE_PROCESS = True
if REDIS_URL:  # noqa: F405
    # Keep test keys apart from anything else using the same Redis.
    CACHES["default"]["KEY_PREFIX"] = f"portal-test-{os.getpid()}"  # noqa: F405
    # Each pytest-xdist worker (`make test` runs several) gets a database index of its own,
    # REDIS_URL's plus the worker's number: the autouse cache.clear() of tests/conftest.py
    # empties the whole database, and must not empty another worker's (docs/testing.md).
    _worker = (os.environ.get("PYTEST_XDIST_WORKER") or "gw0").removeprefix("gw")
    if _worker != "0":
        from urllib.parse import urlsplit, urlunsplit

        _url = urlsplit(REDIS_URL)  # noqa: F405
        _index = int(_url.path.strip("/") or 0) + int(_worker)
        if _index > 15:
            raise RuntimeError(f"REDIS_URL {REDIS_URL}: worker gw{_worker} would need db {_index}")  # noqa: F405
        CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_index}"))  # noqa: F405
