"""The admin speaks Vietnamese where Django's own catalogue is silent (locale/vi)."""

import pytest
from django.urls import reverse

from tests.news.factories import make_user

pytestmark = pytest.mark.django_db


def test_list_filters_offer_their_counts_in_vietnamese(client):
    client.force_login(make_user("quantri", is_superuser=True))
    page = client.get(reverse("admin:news_royaltysheet_changelist")).content.decode()
    assert "Hiện số lượng" in page
    assert "Show counts" not in page
    page = client.get(
        reverse("admin:news_royaltysheet_changelist"), {"_facets": "True"}
    ).content.decode()
    assert "Ẩn số lượng" in page
    assert "Hide counts" not in page
