"""/tro-giup-tiep-can/: what the portal supports, its keys, how to report, the audit date."""

import pytest
from django.urls import resolve, reverse

from portal.models import SiteSettings
from portal.templatetags.portal import SHORTCUTS
from portal.views import AccessibilityView

pytestmark = pytest.mark.django_db


def test_url_resolves_to_the_statement():
    """The Vietnamese path reverses and resolves to the accessibility view."""
    assert reverse("portal:accessibility") == "/tro-giup-tiep-can/"
    assert resolve("/tro-giup-tiep-can/").view_name == "portal:accessibility"


def test_statement_lists_keys_contact_and_audit_date(client):
    """Every shortcut key, the footer's e-mail and phone, and the date of the last audit."""
    SiteSettings.objects.create(email="vanphong@dukhs.example.vn", phone="0233 3852 123")
    html = client.get(reverse("portal:accessibility")).content.decode()
    for key, label in SHORTCUTS.values():
        assert f"<td><kbd>{key}</kbd></td><td>{label}</td>" in html
    assert "mailto:vanphong@dukhs.example.vn" in html
    assert "0233 3852 123" in html
    assert f"Ngày {AccessibilityView.audited_on:%d/%m/%Y}" in html
    assert "Báo một trở ngại" in html


def test_every_page_carries_the_shortcut_keys_once(client):
    """Home, site map, search and the statement have their accesskey, each key once."""
    html = client.get(reverse("portal:home")).content.decode()
    for key, _label in SHORTCUTS.values():
        assert html.count(f'accesskey="{key}"') == 1
    assert f'href="{reverse("portal:site_map")}" accesskey="3"' in html
    assert f'href="{reverse("portal:accessibility")}" accesskey="0"' in html
    assert 'id="search-q" accesskey="4"' in html


def test_statement_is_in_the_sitemap(client):
    """The sitemap index lists the portal's own pages, and they list the statement."""
    index = client.get(reverse("portal:sitemap")).content.decode()
    assert "sitemap-tiep-can.xml" in index
    pages = client.get(reverse("portal:sitemap_section", args=["tiep-can"])).content.decode()
    assert "/tro-giup-tiep-can/</loc>" in pages
