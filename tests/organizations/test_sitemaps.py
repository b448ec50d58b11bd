from datetime import date
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from tests.organizations import factories as f
from tests.organizations import ops as wf
from tests.organizations.test_views import PRIVATE, PRIVATE_TEXT

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client):
    """Text and URLs of the organization sections of the portal's sitemap."""
    xml, locs = "", []
    for section in ("to-chuc", "can-bo"):
        response = client.get(reverse("portal:sitemap_section", kwargs={"section": section}))
        assert response.status_code == 200
        root = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
        xml += response.content.decode()
        locs += [loc.text for loc in root.findall("s:url/s:loc", NS)]
    return xml, locs


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


@pytest.mark.parametrize("section", ["to-chuc", "can-bo"])
def test_sitemap_query_count_is_fixed(client, django_assert_num_queries, section):
    """Each organization section costs the page cache's check, a count and a page, whatever the size."""
    root = f.tree(committees=20, cells=20)
    for _ in range(5):
        f.position(root)
    with django_assert_num_queries(3):
        client.get(reverse("portal:sitemap_section", kwargs={"section": section}))


def test_sitemap_index_lists_the_organization_sections(client):
    """/sitemap.xml points to the organization and cadre sections."""
    f.bloc()
    index = client.get(reverse("portal:sitemap")).content.decode()
    assert "http://testserver/sitemap-to-chuc.xml" in index
    assert "http://testserver/sitemap-can-bo.xml" in index
