from datetime import date
from xml.etree import ElementTree

import pytest

from organizations import workflow as wf
from tests.organizations import factories as f
from tests.organizations.test_views import PRIVATE, PRIVATE_TEXT

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.organizations.urls")]

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    return response.content.decode(), [loc.text for loc in root.findall("s:url/s:loc", NS)]


def test_sitemap_lists_every_organization_even_ended_ones(client):
    """Active, dissolved and merged organizations are all in sitemap.xml: they stay browsable."""
    root = f.bloc()
    cell = f.cell(root)
    gone = f.cell(root)
    wf.dissolve(organization=gone, date=date(2022, 1, 1))
    _, locs = locations(client)
    for org in (root, cell, gone):
        assert f"http://testserver{org.get_absolute_url()}" in locs


def test_sitemap_lists_cadres_with_positions_and_nothing_private(client):
    """Cadres who hold or held a position are listed; their private fields never appear."""
    root = f.bloc()
    holder = f.cadre(full_name="Người Có Chức Vụ", **PRIVATE)
    f.position(root, holder)
    nobody = f.cadre(full_name="Người Chưa Có Chức Vụ")
    xml, locs = locations(client)
    assert f"http://testserver{holder.get_absolute_url()}" in locs
    assert f"http://testserver{nobody.get_absolute_url()}" not in locs
    for text in PRIVATE_TEXT:
        assert text not in xml.replace(holder.slug, "")


def test_sitemap_query_count_is_fixed(client, django_assert_num_queries):
    """A count and a page per section (organizations, cadres), whatever the size."""
    root = f.tree(committees=20, cells=20)
    for _ in range(5):
        f.position(root)
    with django_assert_num_queries(4):
        client.get("/sitemap.xml")
