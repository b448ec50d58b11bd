"""Documents' files are judged by their content; names are generated; text is extracted."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from pypdf import PdfWriter

from documents.models import DocumentFile
from portal.demo.documents import make_pdf, make_scanned_pdf
from tests.documents import factories

pytestmark = pytest.mark.django_db


def _pdf_with_javascript() -> bytes:
    import io

    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('x');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _check(name: str, content: bytes) -> DocumentFile:
    item = DocumentFile(document=factories.document(), file=factories.upload(name, content))
    item.full_clean()
    return item


ACCEPTED = [
    ("toan-van.pdf", lambda: make_pdf("Nghị quyết", ["Nội dung"]), "pdf"),
    ("ke-hoach.docx", factories.docx_bytes, "docx"),
    ("bang.xlsx", factories.xlsx_bytes, "xlsx"),
    ("cong-van.doc", lambda: factories.ole_bytes(["WordDocument"]), "doc"),
    ("bieu-mau.xls", lambda: factories.ole_bytes(["Workbook"]), "xls"),
    ("van-ban.odt", factories.odf_bytes, "odt"),
    (
        "bang.ods",
        lambda: factories.odf_bytes("application/vnd.oasis.opendocument.spreadsheet"),
        "ods",
    ),
    # The content decides, not the name: a real PDF named .doc is a PDF.
    ("nham-ten.doc", lambda: make_pdf("Tên sai", ["Nội dung"]), "pdf"),
]

REFUSED = [
    ("html-doi-ten.pdf", lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script>", "HTML"),
    ("macro.docm", factories.docm_bytes, "macro"),
    # By the name alone: a plain DOCX called .docm is refused all the same.
    ("chi-ten-docm.docm", factories.docx_bytes, "Không nhận tệp .docm"),
    # By a macro project alone, under a plain document's content type.
    (
        "vba-giau.docx",
        lambda: factories.zip_bytes(
            {
                "[Content_Types].xml": factories._content_types(
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
                ),
                "word/document.xml": "<w:document/>",
                "word/vbaProject.bin": b"\x00" * 64,
            }
        ),
        "macro",
    ),
    ("macro-doi-ten.docx", factories.docm_bytes, "macro"),
    ("macro.xlsm", factories.xlsm_bytes, "macro"),
    ("macro-doi-ten.xlsx", factories.xlsm_bytes, "macro"),
    ("macro.doc", lambda: factories.ole_bytes(["WordDocument"], ["Macros"]), "macro"),
    ("macro.xls", lambda: factories.ole_bytes(["Workbook"], ["_VBA_PROJECT_CUR"]), "macro"),
    (
        "macro.odt",
        lambda: factories.odf_bytes(extra={"Basic/Standard/Module1.xml": "<x/>"}),
        "macro",
    ),
    ("anh.svg", lambda: b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
    ("anh-doi-ten.pdf", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "SVG"),
    ("bom.docx", factories.zip_bomb_bytes, "zip bomb"),
    ("rong.pdf", lambda: b"", "rỗng"),
    ("chuong-trinh.pdf", lambda: b"MZ\x90\x00\x03" + b"\x00" * 200, "chương trình"),
    ("linux.pdf", lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "chương trình"),
    ("lenh.pdf", lambda: b"#!/bin/sh\nrm -rf /\n", "script"),
    ("hong.pdf", lambda: b"%PDF-1.7\n1 0 obj garbage", "hỏng"),
    ("co-ma.pdf", _pdf_with_javascript, "JavaScript"),
    ("nen.zip", lambda: factories.zip_bytes({"a.txt": "x"}), "không phải văn bản"),
    ("slide.docx", lambda: factories.ole_bytes(["PowerPoint Document"]), "không phải Word"),
    ("anh.pdf", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "không phải"),
]


@pytest.mark.parametrize(("name", "content", "file_type"), ACCEPTED)
def test_accepted_files(name, content, file_type):
    item = _check(name, content())
    assert item.file_type == file_type


@pytest.mark.parametrize(("name", "content", "reason"), REFUSED)
def test_refused_files(name, content, reason):
    with pytest.raises(ValidationError) as error:
        _check(name, content())
    assert reason in str(error.value)


@override_settings(DOCUMENT_MAX_BYTES=10_000)
def test_files_over_the_size_cap_are_refused():
    with pytest.raises(ValidationError, match="vượt giới hạn"):
        _check("lon.pdf", make_pdf("Dài", ["chữ " * 4000]) + b" " * 10_000)


def test_saving_without_full_clean_still_checks_the_content():
    """save() inspects a new file too: no path stores an unchecked file."""
    item = DocumentFile(
        document=factories.document(), file=factories.upload("x.pdf", b"<html></html>")
    )
    with pytest.raises(ValidationError):
        item.save()
    assert not DocumentFile.objects.exists()


def test_stored_names_are_generated_with_the_proven_extension():
    """Whatever the uploader called it, the stored name is random hex and the real type."""
    item = factories.attach(
        factories.document(),
        factories.upload("../../etc/Nghị quyết số 5.doc", make_pdf("A", ["B"])),
    )
    assert re.fullmatch(r"\d{4}/\d{2}/[0-9a-f]{32}\.pdf", item.file.name)
    assert item.original_name == "Nghị quyết số 5.doc"
    assert item.download_name == "nghi-quyet-so-5.pdf"


def test_text_inside_a_pdf_is_extracted_folded():
    item = factories.attach(
        factories.document(),
        factories.upload("a.pdf", make_pdf("Kế hoạch", ["Tổ chức Hội nghị quán triệt Chỉ thị 05"])),
    )
    assert "to chuc hoi nghi quan triet chi thi 5" in item.text
    assert not item.is_scan
    assert item.pages == 1
    item.document.refresh_from_db()
    assert "hoi nghi quan triet" in item.document.search_body


def test_text_inside_a_docx_is_extracted():
    item = factories.attach(
        factories.document(),
        factories.upload("a.docx", factories.docx_bytes("Sinh hoạt chuyên đề")),
    )
    assert item.text == "sinh hoat chuyen de"


def test_an_image_only_scan_is_flagged():
    item = factories.attach(factories.document(), factories.upload("scan.pdf", make_scanned_pdf()))
    assert item.is_scan
    assert item.text == ""


@override_settings(DOCUMENT_TEXT_MAX_CHARS=100)
def test_extracted_text_is_capped():
    """The search text stays far below PostgreSQL's 1 MB tsvector limit."""
    item = factories.attach(
        factories.document(), factories.upload("a.pdf", make_pdf("Dài", ["đảng viên " * 200]))
    )
    assert 0 < len(item.text) <= 100
    assert len(item.document.file_text) <= 100
