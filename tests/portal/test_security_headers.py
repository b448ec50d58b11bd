import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_pages_send_a_content_security_policy(client):
    """Public pages forbid inline and foreign scripts, plugins and framing."""
    policy = client.get(reverse("portal:home"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy


def test_404_pages_carry_it_too(client):
    """Even an error page is covered."""
    assert "Content-Security-Policy" in client.get("/khong-ton-tai/")


def test_admin_is_left_to_djangos_own_protections(client):
    """The admin (CKEditor) gets no CSP from us, but still refuses framing."""
    response = client.get(reverse("admin:login"))
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
