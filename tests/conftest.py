import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache, whichever backend the run uses.

    Empty but for the list of notices, which a running site keeps there: an empty
    database has none, and pinned query counts stay those of a warm site (the cold
    read is tested in tests/sitewide/test_notices.py).
    """
    from sitewide import notices

    cache.clear()
    notices.remember([])
    yield
    cache.clear()


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
