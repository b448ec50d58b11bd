"""The page cache's state lives in the cache: read without SQL, recomputed, never guessed."""

import ast
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

import pagecache
from news import workflow
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def party():
    return make_category("Xây dựng Đảng", show_on_home=True)


def test_a_hit_runs_no_sql_on_every_cached_page(client, party, django_assert_num_queries):
    """Home, category, article, feed, sitemap and chart pages: 0 queries from the cache."""
    article = make_published(party, "Tin")
    urls = [
        reverse("portal:home"),
        party.get_absolute_url(),
        article.get_absolute_url(),
        reverse("news:feed"),
        reverse("portal:sitemap"),
        reverse("news:category_list"),
    ]
    for url in urls:
        client.get(url)
    for url in urls:
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200, url


def test_a_lost_generation_never_brings_an_old_page_back(client, party):
    """Redis flushed of the generation alone: a fresh one is stored and every page renders."""
    make_published(party, "Tin")
    client.get(reverse("portal:home"))
    cache.delete(pagecache.GENERATION_KEY)
    response = client.get(reverse("portal:home"))
    assert response.context is not None  # rendered, not the page stored before
    generation = cache.get(pagecache.GENERATION_KEY)
    assert generation
    assert client.get(reverse("portal:home")).context is None  # stored under the new one
    assert cache.get(pagecache.GENERATION_KEY) == generation


def test_lost_next_changes_are_read_from_the_database_once(
    client, party, django_assert_num_queries
):
    """With the next changes gone, one request reads them again; the ones after it run no SQL,
    and a scheduled article still appears on time."""
    make_published(party, "Tin đã đăng")
    make_published(party, "Tin hẹn giờ", published_at=timezone.now() + timedelta(minutes=30))
    client.get(reverse("portal:home"))
    cache.delete(pagecache.NEXT_CHANGES_KEY)
    with django_assert_num_queries(1):  # the next scheduled publication; the page is stored
        client.get(reverse("portal:home"))
    with django_assert_num_queries(0):
        client.get(reverse("portal:home"))
    later = timezone.now() + timedelta(minutes=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "Tin hẹn giờ" in client.get(reverse("portal:home")).content.decode()


def test_next_changes_read_before_a_commit_cannot_outlive_it(
    client, party, django_capture_on_commit_callbacks
):
    """A reader that read "nothing scheduled" just before an editor scheduled an article and
    stored it just after the commit: its value is tagged with the old generation, ignored."""
    from django.contrib.auth.models import User

    editor = User.objects.create_superuser("bientap", password="x-mat-khau-dai")
    make_published(party, "Tin đã đăng")
    client.get(reverse("portal:home"))
    late_reader = cache.get(pagecache.NEXT_CHANGES_KEY)
    assert late_reader[1]["news"] is None
    draft = make_published(party, "Tin hẹn giờ", status="pending")
    soon = timezone.now() + timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_article(article=draft, actor=editor, publish_at=soon)
    cache.set(pagecache.NEXT_CHANGES_KEY, late_reader, None)  # the late write lands
    assert "Tin hẹn giờ" not in client.get(reverse("portal:home")).content.decode()
    with mock.patch("django.utils.timezone.now", return_value=soon + timedelta(seconds=1)):
        assert "Tin hẹn giờ" in client.get(reverse("portal:home")).content.decode()


def test_the_header_date_is_never_served_past_midnight(client, party):
    """Every page shows today's date: a page stored before midnight is not served after it."""
    make_published(party, "Tin")
    evening = timezone.localtime().replace(hour=23, minute=59, second=50)
    with mock.patch("django.utils.timezone.now", return_value=evening):
        response = client.get(reverse("portal:home"))
        assert "s-maxage=9" in response["Cache-Control"]  # whole seconds left
    with mock.patch("django.utils.timezone.now", return_value=evening + timedelta(seconds=15)):
        assert client.get(reverse("portal:home")).context is not None  # rendered again


@override_settings(PAGE_CACHE_SINGLE_PROCESS=False)
def test_local_memory_with_many_processes_switches_the_page_cache_off(client, party, caplog):
    """Production without a shared cache: every page is rendered, private, and it is logged."""
    if not isinstance(pagecache.caches["default"], pagecache.LocMemCache):
        pytest.skip("this run uses a shared cache (REDIS_URL)")
    make_published(party, "Tin")
    pagecache._warned.clear()
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        client.get(reverse("portal:home"))
        response = client.get(reverse("portal:home"))
    assert response.context is not None
    assert "public" not in response["Cache-Control"]
    assert len([r for r in caplog.records if "page cache off" in r.getMessage()]) == 1


@pytest.mark.parametrize("cache_works", [True, False])
def test_a_503_is_never_marked_public(cache_works):
    """Whatever the cache does, an error page is not kept by a CDN."""
    view = pagecache.cache_public_page(lambda request: HttpResponse("Lỗi", status=503))
    request = RequestFactory().get("/")
    with mock.patch.object(
        pagecache, "_read_state", wraps=pagecache._read_state if cache_works else None
    ) as state:
        if not cache_works:
            state.return_value = (None, {})
        response = view(request)
    assert state.called
    assert response.status_code == 503
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_redis_has_socket_timeouts():
    """A Redis that stops answering cannot hang a request: connect and read time out."""
    env = {**os.environ, "DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:6379/1"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import portal.settings as s; print(s.CACHES['default']['OPTIONS'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    options = ast.literal_eval(result.stdout)
    assert 0 < options["socket_connect_timeout"] <= 1
    assert 0 < options["socket_timeout"] <= 1


def test_a_stored_page_is_sent_gzipped_or_plain_as_the_client_asks(client, party):
    """Pages are stored gzipped: a hit sends them as they are to a client that accepts gzip
    and decompressed to one that does not, both with `Vary: Accept-Encoding`."""
    import gzip

    make_published(party, "Tin")
    url = reverse("portal:home")
    rendered = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert rendered.context is not None
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(url)
    assert zipped.context is None  # from the cache
    assert plain.context is None
    assert zipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert gzip.decompress(zipped.content) == plain.content
    assert gzip.decompress(rendered.content) == plain.content
    assert b"<!DOCTYPE html>" in plain.content
    for response in (zipped, plain):
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
