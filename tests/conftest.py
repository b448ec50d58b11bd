import functools

import pytest
from django.core.cache import cache, caches

# The demo's generated files: pure functions of their arguments (the same bytes each time),
# and most of what seed_demo costs (fpdf2 parses DejaVu Sans for each PDF). Tests that run
# the demo reuse what an earlier run made (docs/testing.md, "Time it takes").
DEMO_FILE_MAKERS = {
    "portal.demo.documents": ["make_pdf", "make_scanned_pdf"],
    "portal.demo.newsroom": ["make_pdf"],
    "portal.demo.images": ["cover_jpeg", "banner_jpeg", "portrait_jpeg"],
    "portal.demo.gallery": ["make_video"],
}


def _made_once(make):
    @functools.cache
    def cached(args, kwargs):
        return make(*(list(a) if isinstance(a, tuple) else a for a in args), **dict(kwargs))

    @functools.wraps(make)
    def wrapper(*args, **kwargs):
        key = tuple(tuple(a) if isinstance(a, list) else a for a in args)
        return cached(key, tuple(sorted(kwargs.items())))

    return wrapper


@pytest.fixture(autouse=True, scope="session")
def _demo_files_made_once():
    import importlib

    made = {}
    with pytest.MonkeyPatch.context() as patch:
        for module_name, names in DEMO_FILE_MAKERS.items():
            module = importlib.import_module(module_name)
            for name in names:
                original = getattr(module, name)
                if original not in made:
                    made[original] = _made_once(original)
                patch.setattr(module, name, made[original])
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache, whichever backend the run uses.

    Empty but for the list of notices, which a running site keeps there: an empty
    database has none, and pinned query counts stay those of a warm site (the cold
    read is tested in tests/sitewide/test_notices.py).
    """
    import pagecache
    from sitewide import notices

    cache.clear()
    pagecache._move_pending.clear()  # no test inherits another's failed generation move
    notices.remember([])
    yield
    cache.clear()
    pagecache._move_pending.clear()


# The cache operations `cache_calls` counts (every one pagecache and the counters use).
SPIED_CACHE_CALLS = (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "incr",
    "decr",
    "delete",
    "get_many_and_incr",
    "incr_and_add",
)


@pytest.fixture
def cache_calls(monkeypatch):
    """The names of the cache operations called while the test runs, in order, outermost
    only (Django's base `get_many` calls `get` per key on the local-memory cache: one call
    still). Counted on the cache object itself, so a call is counted whichever code makes
    it; `.clear()` the list to count from a point on."""
    backend = caches["default"]
    calls, depth = [], []

    def spy(name, real):
        @functools.wraps(real)
        def counted(*args, **kwargs):
            if not depth:
                calls.append(name)
            depth.append(name)
            try:
                return real(*args, **kwargs)
            finally:
                depth.pop()

        return counted

    for name in SPIED_CACHE_CALLS:
        if hasattr(backend, name):
            monkeypatch.setattr(backend, name, spy(name, getattr(backend, name)))
    return calls


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, with the e-mail settings pointing at it."""
    from tests.smtp import SMTPServer

    server = SMTPServer().use_in(settings).start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server_down(settings):
    """The e-mail settings point at a port where nothing listens until `.start()`."""
    from tests.smtp import SMTPServer

    server = SMTPServer().use_in(settings)
    yield server
    server.stop()
