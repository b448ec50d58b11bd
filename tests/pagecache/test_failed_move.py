"""A committed change whose generation move did not reach the cache (a Redis blip at
commit) is never hidden by the cache: the process that failed retries the move before
it serves anything, and renders uncached until it succeeds (docs/performance.md,
"Why never stale")."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse

import pagecache
from portal.models import SiteSettings
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def blip_at_commit(django_capture_on_commit_callbacks):
    """Run a change whose on-commit generation move finds the cache not answering."""
    real_set = cache.set

    def failing_set(key, *args, **kwargs):
        if key == pagecache.GENERATION_KEY:
            raise ConnectionError("Redis did not answer")
        return real_set(key, *args, **kwargs)

    def run(change):
        with (
            mock.patch.object(cache, "set", side_effect=failing_set),
            django_capture_on_commit_callbacks(execute=True),
            transaction.atomic(),
        ):
            change()
            pagecache.content_changed()

    return run


def test_a_page_stored_before_the_change_is_not_served(client, blip_at_commit):
    party = make_category("Xây dựng Đảng", show_on_home=True)
    make_published(party, "Tin cũ")
    client.get(reverse("portal:home"))  # stored under the old generation
    assert client.get(reverse("portal:home")).context is None  # served from the cache

    blip_at_commit(lambda: make_published(party, "Tin mới xuất bản"))

    response = client.get(reverse("portal:home"))
    assert response.context is not None  # rendered: the move was retried first
    assert "Tin mới xuất bản" in response.content.decode()
    assert client.get(reverse("portal:home")).context is None  # and cached again


def test_the_shared_chrome_is_not_served_from_before_the_change(client, blip_at_commit):
    party = make_category("Xây dựng Đảng")
    row = SiteSettings.load()
    row.owner_name = "Tên cũ"
    row.save()
    client.get(reverse("portal:home"))  # the chrome is kept under the current state

    def rename():
        row.owner_name = "Tên mới"
        row.save()

    blip_at_commit(rename)
    html = client.get(party.get_absolute_url()).content.decode()
    assert "Tên mới" in html
    assert "Tên cũ" not in html


def test_while_the_move_cannot_be_made_nothing_is_served_from_the_cache(client, blip_at_commit):
    party = make_category("Xây dựng Đảng", show_on_home=True)
    make_published(party, "Tin cũ")
    client.get(reverse("portal:home"))
    blip_at_commit(lambda: make_published(party, "Tin mới xuất bản"))
    with mock.patch.object(cache, "set", side_effect=ConnectionError("still down")):
        response = client.get(reverse("portal:home"))
    assert response.context is not None
    assert "private" in response["Cache-Control"]
    assert pagecache._move_pending


def test_a_page_with_something_for_one_reader_is_neither_stored_nor_public():
    """A view that puts a CSRF token in its page (or sets a cookie) is sent `private`."""

    def view(request):
        return HttpResponse(f"<p>{get_token(request)}</p>" + "x" * 300)

    wrapped = pagecache.cache_public_page(view)
    first = wrapped(RequestFactory().get("/x/"))
    second = wrapped(RequestFactory().get("/x/"))
    assert "public" not in first["Cache-Control"]
    assert "private" in first["Cache-Control"]
    assert second.content != first.content  # rendered again, its own token


def test_the_calendar_file_keeps_its_name_when_served_from_the_cache(client):
    url = reverse("schedule:ical")
    miss = client.get(url)
    hit = client.get(url)
    assert getattr(hit, "from_page_cache", False)
    assert miss["Content-Disposition"] == 'inline; filename="lich-cong-tac.ics"'
    assert hit["Content-Disposition"] == miss["Content-Disposition"]
