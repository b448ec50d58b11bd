"""Admin logins are throttled by username and address (django-axes, docs/security.md)."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from tests.news.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LIMIT = 5


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def admin_user():
    return make_user("admin", is_superuser=True)


def login(client, password, username="admin", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **headers,
    )


def fail(client, times, username="admin", **headers):
    for _ in range(times):
        response = login(client, "sai-mat-khau", username, **headers)
        assert response.status_code in {200, 429}
    return response


def test_right_password_after_too_many_wrong_ones_is_refused(client, admin_user):
    """After five wrong passwords even the right one gets the Vietnamese lockout page."""
    fail(client, LIMIT)
    response = login(client, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "15 phút" in html
    assert "no-cache" in response["Cache-Control"]
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_still_let_the_owner_in(client, admin_user):
    """Four typos, then the right password: logged in, and the count starts again."""
    fail(client, LIMIT - 1)
    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(admin_user.pk)
    assert not AccessAttempt.objects.filter(username="admin").exists()


def test_lockout_is_per_username_and_address(client, admin_user):
    """The locked pair is one username from one address: others are not shut out."""
    make_user("bientap")
    fail(client, LIMIT, REMOTE_ADDR="203.0.113.7")
    assert login(client, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert login(client, PASSWORD, "bientap", REMOTE_ADDR="203.0.113.7").status_code == 302
    client.logout()
    assert login(client, PASSWORD, REMOTE_ADDR="198.51.100.9").status_code == 302


def test_lockout_ends_after_the_cool_off(client, admin_user):
    """Fifteen minutes after the last failure the right password works again."""
    fail(client, LIMIT)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert login(client, PASSWORD).status_code == 302


def test_forged_forwarded_for_does_not_escape_the_lockout(client, admin_user, settings):
    """Exposed directly (no trusted proxy), a new X-Forwarded-For per try changes nothing."""
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(LIMIT):
        login(client, "sai-mat-khau", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert login(client, PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_behind_nginx_each_client_address_is_throttled_apart(client, admin_user, settings):
    """With one trusted proxy, the address nginx appended decides; forged entries do not."""
    settings.TRUSTED_PROXY_COUNT = 1
    nginx = {"REMOTE_ADDR": "127.0.0.1"}
    for n in range(LIMIT):
        login(client, "sai", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.7", **nginx)
    assert login(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7", **nginx).status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    response = login(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9", **nginx)
    assert response.status_code == 302


def test_failures_are_logged_and_kept(client, admin_user, caplog):
    """Each failure is logged with the address and kept in the failure log table."""
    with caplog.at_level(logging.WARNING, logger="axes"):
        fail(client, 2, REMOTE_ADDR="203.0.113.7")
    assert AccessFailureLog.objects.filter(username="admin", ip_address="203.0.113.7").count() == 2
    assert any("login failure" in record.getMessage() for record in caplog.records)
    assert "203.0.113.7" in caplog.text  # the operator sees who (never the password)
    assert "sai-mat-khau" not in caplog.text


def test_superuser_unlocks_in_the_admin(client, admin_user):
    """Deleting the attempt in the admin's "Lần đăng nhập" list lifts the lockout at once."""
    fail(client, LIMIT, REMOTE_ADDR="203.0.113.7")
    other = Client()
    other.force_login(make_user("quantri", is_superuser=True))
    changelist = reverse("admin:axes_accessattempt_changelist")
    page = other.get(changelist)
    assert page.status_code == 200
    assert "203.0.113.7" in page.content.decode()
    attempt = AccessAttempt.objects.get()
    other.post(
        changelist,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [attempt.pk], "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    assert login(client, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", ""])
def test_login_with_an_unsafe_next_lands_in_the_admin(client, admin_user, unsafe):
    """A `next` pointing off the site is dropped: the user lands on the admin's index."""
    response = client.post(
        reverse("admin:login"), {"username": "admin", "password": PASSWORD, "next": unsafe}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
