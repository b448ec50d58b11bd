"""The documents' admin: who may do what, publishing, withdrawing, file history, warnings."""

from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from documents.models import Document, ReplacedFile
from portal.demo.documents import make_pdf
from tests.documents import factories
from tests.news.factories import (
    AUTHOR,
    EDITOR,
    make_category,
    make_draft,
    make_published,
    make_user,
)

pytestmark = pytest.mark.django_db

KEEPER = "Quản trị văn bản"
ADD = reverse("admin:documents_document_add")
CHANGELIST = reverse("admin:documents_document_changelist")


def _change(doc):
    return reverse("admin:documents_document_change", args=[doc.pk])


def _delete(doc):
    return reverse("admin:documents_document_delete", args=[doc.pk])


@pytest.fixture
def keeper(db):
    return make_user("vanthu", KEEPER)


@pytest.fixture
def editor(db):
    return make_user("bientap", EDITOR)


@pytest.fixture
def author(db):
    return make_user("phongvien", AUTHOR)


@pytest.fixture
def superuser(db):
    return make_user("quantri", is_superuser=True)


FILE_ROW = {"files-TOTAL_FORMS": "1", "files-0-label": "Toàn văn", "files-0-order": "0"}


def _form(**overrides):
    data = {
        "code": "149-KH/ĐUK",
        "title": "Kế hoạch tổ chức hội nghị học tập chuyên đề năm 2026",
        "kind": factories.kind("Kế hoạch").pk,
        "issuer": factories.issuer().pk,
        "issued_on": "01/03/2026",
        "effective_from": "",
        "effective_until": "",
        "summary": "",
        "signer_name": "Nguyễn Văn B",
        "signer_title": "Phó Bí thư",
        "visibility": "public",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_a_keeper_registers_a_document_with_a_pdf_and_publishes_it(client, keeper):
    client.force_login(keeper)
    pdf = factories.upload("kh.pdf", make_pdf("Kế hoạch", ["Tổ chức hội nghị trực tuyến"]))
    response = client.post(ADD, {**_form(**FILE_ROW), "files-0-file": pdf, "_publish": "1"})
    assert response.status_code == 302, (
        response.context["adminform"].errors if response.context else ""
    )
    doc = Document.objects.get()
    assert doc.status == Document.Status.PUBLISHED
    assert doc.published_at is not None
    assert doc.created_by == keeper
    assert "hoi nghi truc tuyen" in doc.search_body
    assert doc.files.get().file_type == "pdf"


def test_a_refused_file_keeps_everything_typed(client, keeper):
    client.force_login(keeper)
    html = factories.upload("kh.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(ADD, {**_form(**FILE_ROW), "files-0-file": html})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đây là trang HTML" in page
    assert "Kế hoạch tổ chức hội nghị học tập chuyên đề năm 2026" in page  # nothing lost
    assert not Document.objects.exists()


def test_a_duplicate_code_is_refused_in_the_form(client, keeper):
    factories.document(code="149-KH/ĐUK", kind=factories.kind("Kế hoạch"))
    client.force_login(keeper)
    response = client.post(ADD, _form(code="149 kh duk"))
    assert response.status_code == 200
    assert "đã có một văn bản cùng số ký hiệu" in response.content.decode()
    assert Document.objects.count() == 1


def test_a_malformed_code_warns_but_saves(client, keeper):
    client.force_login(keeper)
    response = client.post(ADD, _form(code="KH 149 DUK"), follow=True)
    assert Document.objects.filter(code="KH 149 DUK").exists()
    assert "không giống mẫu thường gặp" in response.content.decode()
    response = client.post(ADD, _form(code="150-KH/ĐUK"), follow=True)
    assert "không giống mẫu thường gặp" not in response.content.decode()


def test_role_matrix(client, keeper, editor, author, superuser):
    """Keeper registers, publishes, never deletes; editor sees; author nothing; superuser deletes."""
    doc = factories.document()
    expected = {
        # user: (list, add, change page, delete)
        keeper: (200, 200, 200, 403),
        editor: (200, 403, 200, 403),
        author: (403, 403, 403, 403),
        superuser: (200, 200, 200, 200),
    }
    for user, (listing, add, change, delete) in expected.items():
        client.force_login(user)
        got = (
            client.get(CHANGELIST).status_code,
            client.get(ADD).status_code,
            client.get(_change(doc)).status_code,
            client.get(_delete(doc)).status_code,
        )
        assert got == (listing, add, change, delete), user.username
    client.force_login(editor)
    response = client.post(_change(doc), {**_form(), "_publish": "1"})
    assert response.status_code == 403  # read-only for an editor


def test_only_a_keeper_sees_the_publish_and_withdraw_actions(client, keeper, editor):
    factories.document()
    client.force_login(keeper)
    assert "withdraw_selected" in client.get(CHANGELIST).content.decode()
    client.force_login(editor)
    assert "withdraw_selected" not in client.get(CHANGELIST).content.decode()


def test_withdrawing_keeps_the_document_with_who_and_why(client, keeper):
    doc = factories.document()
    client.force_login(keeper)
    data = {"action": "withdraw_selected", "_selected_action": [doc.pk]}
    confirm = client.post(CHANGELIST, data)
    assert "Lý do thu hồi" in confirm.content.decode()
    client.post(CHANGELIST, {**data, "reason": "Ban hành nhầm bản dự thảo"})
    doc.refresh_from_db()
    assert doc.status == Document.Status.WITHDRAWN
    assert doc.withdrawn_by == keeper
    assert doc.withdrawal_reason == "Ban hành nhầm bản dự thảo"
    assert LogEntry.objects.filter(
        object_id=str(doc.pk), change_message__contains="Thu hồi"
    ).exists()
    assert client.get(doc.get_absolute_url()).status_code == 404


def test_withdrawing_needs_a_reason(client, keeper):
    doc = factories.document()
    client.force_login(keeper)
    client.post(
        CHANGELIST, {"action": "withdraw_selected", "_selected_action": [doc.pk], "reason": " "}
    )
    doc.refresh_from_db()
    assert doc.status == Document.Status.PUBLISHED


def test_replacing_a_published_file_keeps_the_old_one(client, keeper):
    doc = factories.document()
    first = factories.attach(doc, factories.upload("ban-dau.pdf", make_pdf("A", ["bản đầu"])))
    old_name = first.file.name
    client.force_login(keeper)
    data = _form(
        code=doc.code,
        title=doc.title,
        kind=doc.kind_id,
        issued_on="01/03/2026",
        **{
            **FILE_ROW,
            "files-INITIAL_FORMS": "1",
            "files-0-id": str(first.pk),
            "files-0-document": str(doc.pk),
            "files-0-file": factories.upload("sua.pdf", make_pdf("B", ["bản sửa lỗi chính tả"])),
        },
    )
    response = client.post(_change(doc), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.file.name != old_name
    kept = ReplacedFile.objects.get()
    assert kept.file.name == old_name
    assert kept.file.storage.exists(old_name)
    assert kept.replaced_by == keeper
    doc.refresh_from_db()
    assert "ban sua loi chinh ta" in doc.search_body
    assert "ban dau" not in doc.search_body


def test_admin_search_finds_code_variants(client, keeper):
    factories.document(code="05-CT/TW", issuer=factories.issuer("Bộ Chính trị"))
    factories.document(code="12-NQ/ĐUK")
    client.force_login(keeper)
    for typed in ("5/ct-tw", "05 CT TW"):
        response = client.get(CHANGELIST, {"q": typed})
        assert [d.code for d in response.context["cl"].result_list] == ["05-CT/TW"]
    response = client.get(CHANGELIST, {"q": "DUK"})
    assert [d.code for d in response.context["cl"].result_list] == ["12-NQ/ĐUK"]


def test_the_list_shows_a_validity_badge(client, keeper):
    factories.document(issued_on=date(2020, 1, 1), effective_until=date(2020, 6, 30))
    client.force_login(keeper)
    assert "validity--het-hieu-luc" in client.get(CHANGELIST).content.decode()


def test_editors_link_documents_to_articles_authors_cannot(client, editor, author):
    """The Article ↔ Document link is on the article form for editors only."""
    doc = factories.document()
    article = make_draft(created_by=author)
    client.force_login(author)
    form = client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert "id_documents" not in form.content.decode()
    client.force_login(editor)
    form = client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert "id_documents" in form.content.decode()
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "news", "model_name": "article", "field_name": "documents", "term": "NQ"},
    )
    assert autocomplete.status_code == 200
    assert [r["id"] for r in autocomplete.json()["results"]] == [str(doc.pk)]


def test_a_linked_article_shows_on_the_document_page_and_back(client, editor):
    doc = factories.document()
    article = make_published(make_category())
    article.documents.add(doc)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert article.title in page
    assert doc.code in client.get(article.get_absolute_url()).content.decode()
