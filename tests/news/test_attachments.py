"""Attachments under an article: checked like documents' files, listed with type and size."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from news.models import Article, ArticleAttachment
from tests.documents.factories import docm_bytes, docx_bytes, pdf_upload, upload
from tests.news.factories import make_category, make_draft, make_published
from tests.news.test_admin import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def party():
    return make_category("Xây dựng Đảng")


def attach(article, uploaded, **fields) -> ArticleAttachment:
    item = ArticleAttachment(article=article, file=uploaded, **fields)
    item.full_clean()
    item.save()
    return item


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("thong-cao.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
        ("anh.pdf", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
        ("bai-phat-bieu.docx", docm_bytes(), "macro"),
        ("bai-phat-bieu.docm", docx_bytes(), "macro"),
        ("chuong-trinh.docx", b"MZ\x90\x00 not a document", "chương trình"),
        ("hong.pdf", b"%PDF-1.7 broken", "PDF bị hỏng"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_attachments_are_refused_by_content(party, name, content, says):
    """HTML, SVG, macros, executables and renamed or broken files are refused, whatever
    their names say."""
    article = make_published(party)
    with pytest.raises(ValidationError) as error:
        attach(article, upload(name, content))
    assert says in " ".join(error.value.messages)
    assert not ArticleAttachment.objects.exists()


def test_a_renamed_docx_is_recorded_as_what_it_is(party):
    """A DOCX named .pdf is a DOCX: its type comes from the content, and so does its name."""
    item = attach(make_published(party), upload("bai-phat-bieu.pdf", docx_bytes()))
    assert item.file_type == "docx"
    assert item.file.name.endswith(".docx")
    assert item.download_name == "bai-phat-bieu.docx"


def test_article_page_lists_attachments_with_type_and_vietnamese_size(client, party):
    """Under the article: the label, the type and the size as Vietnamese write it."""
    article = make_published(party, "Họp báo công bố kết quả Đại hội")
    pdf = attach(article, pdf_upload("thong-cao-bao-chi.pdf"), label="Thông cáo báo chí")
    attach(article, upload("phat-bieu.docx", docx_bytes() + b""), order=2)
    pdf.size = 1_288_490  # as stored; the listing formats it
    pdf.save(update_fields=["size"])
    html = client.get(article.get_absolute_url()).content.decode()
    section = html[html.index("Tệp đính kèm") :]
    assert "Thông cáo báo chí" in section
    assert "(PDF, 1,2\xa0MB, mở trong trình duyệt)" in section
    assert "phat-bieu.docx" in section
    assert "Word (DOCX)" in section
    assert section.index("Thông cáo báo chí") < section.index("phat-bieu.docx")


def test_attachment_of_a_published_article_downloads_for_everyone(client, party):
    article = make_published(party)
    item = attach(article, pdf_upload("thong-cao.pdf"))
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_attachment_of_a_draft_is_for_those_who_may_open_the_article(
    client, party, author, other_author
):
    """Before publication the file is the writer's and the editors': 404 to anyone else."""
    article = make_draft(category=party, created_by=author)
    item = attach(article, upload("phat-bieu.docx", docx_bytes()))
    url = item.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(other_author)
    assert client.get(url).status_code == 404
    client.force_login(author)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_name_in_the_address_redirects(client, party):
    item = attach(make_published(party), pdf_upload("thong-cao.pdf"))
    wrong = reverse("news:attachment_download", kwargs={"pk": item.pk, "name": "khac.pdf"})
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()


def test_the_admin_inline_refuses_an_html_file_and_keeps_the_article_unsaved(client, editor, party):
    """Uploaded through the article's form, an HTML file named .pdf is an inline error."""
    article = make_draft(category=party, created_by=editor, title="Tiêu đề cũ")
    client.force_login(editor)
    data = form_data(article, title="Tiêu đề mới") | {
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-label": "Thông cáo",
        "attachments-0-order": "0",
        "attachments-0-file": upload("thong-cao.pdf", b"<html><body>x</body></html>"),
    }
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert "trang HTML" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Tiêu đề cũ"
    assert not ArticleAttachment.objects.exists()


def test_the_admin_inline_accepts_a_pdf(client, editor, party):
    article = make_draft(category=party, created_by=editor)
    client.force_login(editor)
    data = form_data(article) | {
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-label": "Thông cáo",
        "attachments-0-order": "0",
        "attachments-0-file": pdf_upload("thong-cao.pdf"),
    }
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    item = Article.objects.get(pk=article.pk).attachments.get()
    assert (item.file_type, item.label) == ("pdf", "Thông cáo")
