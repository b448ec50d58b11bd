"""Cached documents pages change at once when a keeper acts, and at midnight by themselves."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from documents import workflow
from documents.models import Document
from tests.documents import factories
from tests.news.factories import make_user

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LIST = reverse("documents:document_list")


def test_publishing_and_withdrawing_show_at_once_on_cached_pages(
    client, django_capture_on_commit_callbacks
):
    """Only the commit-time generation moves (no document query in the page-cache state)."""
    keeper = make_user("vanthu", "Quản trị văn bản")
    doc = factories.document(code="7-KH/ĐUK", status=Document.Status.DRAFT)
    assert "7-KH/ĐUK" not in client.get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_document(document=doc, actor=keeper)
    assert "7-KH/ĐUK" in client.get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw_document(document=doc, actor=keeper, reason="Nhầm")
    assert "7-KH/ĐUK" not in client.get(LIST).content.decode()


def test_validity_on_a_cached_page_turns_at_midnight():
    """A page cached the evening before a document expires is not served the next day."""
    from django.test import Client

    client = Client()
    doc = factories.document(issued_on=date(2026, 1, 1), effective_until=date(2026, 6, 30))
    with time_machine.travel(datetime(2026, 6, 30, 23, 59, 30, tzinfo=TZ), tick=False):
        first = client.get(doc.get_absolute_url())
        assert "validity--con-hieu-luc" in first.content.decode()
        assert "s-maxage=30" in first["Cache-Control"]  # never past midnight, CDN included
    with time_machine.travel(datetime(2026, 7, 1, 0, 0, 10, tzinfo=TZ), tick=False):
        assert "validity--het-hieu-luc" in client.get(doc.get_absolute_url()).content.decode()


def test_a_filtered_list_is_never_served_from_the_cached_plain_list(client):
    factories.document(
        code="1-CT/TW", kind=factories.kind("Chỉ thị"), issuer=factories.issuer("Bộ Chính trị")
    )
    factories.document(code="2-NQ/ĐUK")
    client.get(LIST)  # the plain list, now cached
    filtered = client.get(LIST, {"loai": "chi-thi"})
    assert [d.code for d in filtered.context["documents"]] == ["1-CT/TW"]
    assert "private" in filtered["Cache-Control"]
