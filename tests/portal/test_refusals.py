"""Routine refusals answer in Vietnamese and log briefly (docs/security.md)."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_csrf_failure_page_is_vietnamese(client):
    """A form posted without its token gets the portal's Vietnamese 403, not Django's English."""
    response = Client(enforce_csrf_checks=True).post(
        reverse("admin:login"), {"username": "admin", "password": "x"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không gửi được biểu mẫu" in html
    assert "cookie" in html
    assert "CSRF verification failed" not in html


def test_refused_host_header_is_one_log_line(client, caplog):
    """A request for a host the portal does not serve: 400, logged in one line, no traceback."""
    with caplog.at_level(logging.INFO, logger="django.security.DisallowedHost"):
        response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    records = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert len(records) == 1
    assert records[0].exc_info is None
    assert records[0].levelname == "WARNING"
    assert "evil.example" in records[0].getMessage()
    assert "\n" not in logging.Formatter().format(records[0])
