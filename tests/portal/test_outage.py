"""Health checks and the answer to a database outage (docs/security.md).

The outage is real, not a mock: the default connection is dropped and every new one is
opened against a closed TCP port (PostgreSQL) or a file that cannot be opened
(SQLite), through the backend's own driver. The shared PostgreSQL is never stopped.
"""

import contextlib
import re
import socket
import threading
import time

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import RequestFactory
from django.urls import reverse

from tests.news.factories import make_category, make_published, make_user


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nobody listens once the socket is closed


@pytest.fixture
def outage():
    """Call `outage.start()` to cut the database, `outage.end()` to bring it back."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    saved = wrapper.connection

    def unreachable(params):
        if wrapper.vendor == "sqlite":
            params = {**params, "database": "file:/nonexistent/portal.sqlite3?mode=rw", "uri": True}
        else:
            params = {**params, "host": "127.0.0.1", "port": closed_port(), "connect_timeout": 2}
        return type(wrapper).get_new_connection(wrapper, params)

    class Outage:
        def start(self):
            if wrapper.vendor == "sqlite":
                wrapper.connection = None  # the in-memory test database stays open in `saved`
            else:
                wrapper.close()
            wrapper.get_new_connection = unreachable

        def end(self):
            wrapper.__dict__.pop("get_new_connection", None)

    yield Outage()
    wrapper.__dict__.pop("get_new_connection", None)
    if wrapper.vendor == "sqlite":
        if wrapper.connection is not None and wrapper.connection is not saved:
            wrapper.connection.close()
        wrapper.connection = saved


def test_healthz_needs_no_database(client):
    """/healthz answers 200 without touching the database (no django_db mark) and no cache."""
    response = client.get(reverse("portal:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_database_and_cache(client):
    """/readyz answers 200 when the database and the cache both answer."""
    response = client.get(reverse("portal:readyz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_a_broken_cache(client, monkeypatch):
    """A cache that refuses connections makes /readyz 503, naming the cache."""

    def refused(*args, **kwargs):
        raise ConnectionRefusedError("cache down")

    monkeypatch.setattr(cache, "set", refused)
    response = client.get(reverse("portal:readyz"))
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_health_checks_are_not_in_the_sitemap_nor_cached(client):
    """Neither probe appears in any sitemap section; neither is marked public."""
    sitemap = client.get(reverse("portal:sitemap")).content.decode()
    sections = [
        client.get(loc).content.decode()
        for loc in re.findall(r"<loc>http://testserver([^<]+)</loc>", sitemap)
    ]
    for text in [sitemap, *sections]:
        assert "healthz" not in text
        assert "readyz" not in text
    for name in ["portal:healthz", "portal:readyz"]:
        assert "public" not in client.get(reverse(name))["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_readyz_fails_fast_when_the_database_is_unreachable(client, outage):
    """With the database gone /readyz answers 503 within seconds, naming the database."""
    outage.start()
    started = time.monotonic()
    response = client.get(reverse("portal:readyz"))
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    outage.end()
    assert client.get(reverse("portal:readyz")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_public_page_answers_503_in_vietnamese_and_recovers(client, outage, caplog, settings):
    """During the outage a page is a Vietnamese 503, never public; afterwards it is back."""
    settings.PAGE_CACHE_SECONDS = 0  # a cached page would (rightly) still be served
    article = make_published(make_category("Tin tức"), "Bài viết còn đó")
    outage.start()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 503
    html = response.content.decode()
    assert "Hệ thống đang tạm thời gián đoạn" in html
    assert "Traceback" not in html
    assert response["Retry-After"] == "30"
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "Database unavailable" in caplog.text
    assert "Traceback" not in caplog.text
    outage.end()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Bài viết còn đó" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_admin_says_the_database_is_unavailable(client, outage):
    """An editor saving in the admin during an outage is told nothing was saved."""
    client.force_login(make_user("bientap", is_superuser=True))
    outage.start()
    response = client.post(reverse("admin:news_category_add"), {"name": "Chuyên mục mới"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Cơ sở dữ liệu tạm thời không truy cập được" in html
    assert "chưa được lưu" in html
    outage.end()
    assert client.get(reverse("admin:index")).status_code == 200


class CuttableProxy:
    """A TCP proxy to PostgreSQL that the test cuts and restores, like a failing network."""

    def __init__(self, host, port):
        self.target = (host, int(port))
        self.connections = []
        self.listener = None
        self.port = closed_port()
        self.restore()

    def restore(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self.listener.close()
        for sock in self.connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        self.connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)


def wsgi_get(path):
    """One request through Django's WSGI handler, as gunicorn makes it.

    Unlike the test client, it keeps Django's connection housekeeping at the start and
    end of each request (`close_old_connections`), which is what recovery relies on.
    """
    statuses = []
    environ = RequestFactory().get(path).environ
    body = WSGIHandler()(environ, lambda status, headers: statuses.append((status, headers)))
    content = b"".join(body)
    body.close()  # sends request_finished
    status, headers = statuses[0]
    return int(status.split()[0]), dict(headers), content


@pytest.mark.django_db(transaction=True)
def test_persistent_connection_cut_and_restored_without_restart(settings):
    """PostgreSQL only: a kept connection dies with the network; pages answer 503 meanwhile,
    and the next request after the network is back is served again, same process."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    if wrapper.vendor != "postgresql":
        pytest.skip("needs a database reached over TCP")
    settings.PAGE_CACHE_SECONDS = 0
    article = make_published(make_category("Tin tức"), "Bài viết còn đó")
    direct = dict(wrapper.settings_dict)
    proxy = CuttableProxy(direct["HOST"] or "127.0.0.1", direct["PORT"] or 5432)
    wrapper.close()
    wrapper.settings_dict.update(HOST="127.0.0.1", PORT=proxy.port, CONN_MAX_AGE=60)
    try:
        assert wrapper.settings_dict["CONN_HEALTH_CHECKS"]
        url = article.get_absolute_url()
        assert wsgi_get(url)[0] == 200
        kept = wrapper.connection
        assert kept is not None  # kept open between requests (CONN_MAX_AGE)
        proxy.cut()
        status, headers, content = wsgi_get(url)
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert "Hệ thống đang tạm thời gián đoạn" in content.decode()
        proxy.restore()
        status, _, content = wsgi_get(url)
        assert status == 200
        assert "Bài viết còn đó" in content.decode()
        assert wrapper.connection is not kept  # a fresh connection, opened by itself
        # An outage while this worker was idle: its kept connection died unseen. The
        # health check at the start of the next request notices and reconnects, so
        # the first reader after the outage is served, not given an error.
        proxy.cut()
        proxy.restore()
        assert wsgi_get(url)[0] == 200
    finally:
        proxy.cut()
        wrapper.close()
        wrapper.settings_dict.update(direct)
