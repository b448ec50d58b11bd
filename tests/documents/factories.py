"""Small builders for documents and their files (real PDFs, DOCX, XLSX... made on the spot)."""

import io
import struct
import zipfile
from datetime import date

__all__ = ["date"]
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, DocumentFile, Issuer, Kind
from portal.demo.documents import make_pdf

_numbers = count(1)


def kind(name="Nghị quyết") -> Kind:
    return Kind.objects.get(name=name)


def issuer(name="Đảng ủy Khối") -> Issuer:
    return Issuer.objects.get(name=name)


def document(**values) -> Document:
    """A public, published document issued on 1 March 2026 unless told otherwise."""
    number = next(_numbers)
    values.setdefault("code", f"{number}-NQ/ĐUK")
    values.setdefault("title", f"Nghị quyết số {number} về công tác xây dựng Đảng")
    values.setdefault("kind", kind())
    values.setdefault("issuer", issuer())
    values.setdefault("issued_on", date(2026, 3, 1))
    values.setdefault("status", Document.Status.PUBLISHED)
    subjects = values.pop("subjects", ())
    doc = Document(**values)
    doc.full_clean()
    doc.save()
    if subjects:
        doc.subjects.set(subjects)
    return doc


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def pdf_upload(
    name="van-ban.pdf", text="Nghị quyết về công tác kiểm tra, giám sát"
) -> SimpleUploadedFile:
    return upload(name, make_pdf("Văn bản", [text]))


def attach(doc: Document, uploaded, **values) -> DocumentFile:
    item = DocumentFile(document=doc, file=uploaded, **values)
    item.full_clean()
    item.save()
    doc.refresh_file_text()
    return item


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _content_types(main: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
    )


def docx_bytes(text="Kế hoạch tổ chức hội nghị quán triệt") -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": _content_types(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
            ),
            "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="x"><w:body>'
            f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        }
    )


def docm_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": _content_types(
                "application/vnd.ms-word.document.macroEnabled.main+xml"
            ),
            "word/document.xml": "<w:document/>",
            "word/vbaProject.bin": b"\x00" * 64,
        }
    )


def xlsx_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": _content_types(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
            ),
            "xl/workbook.xml": "<workbook/>",
        }
    )


def xlsm_bytes() -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": _content_types(
                "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
            ),
            "xl/workbook.xml": "<workbook/>",
            "xl/vbaProject.bin": b"\x00" * 64,
        }
    )


def odf_bytes(mimetype="application/vnd.oasis.opendocument.text", extra=None) -> bytes:
    return zip_bytes(
        {"mimetype": mimetype, "content.xml": "<office:document-content/>", **(extra or {})}
    )


def ole_bytes(streams=("WordDocument",), storages=()) -> bytes:
    """A minimal OLE compound file (version 3) with the named streams and empty storages.

    Each stream holds 4,096 bytes (the mini-stream cut-off), so no mini FAT is needed.
    At most three entries besides the root: one directory sector.
    """
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    entries = [(name, 2) for name in streams] + [(name, 1) for name in storages]
    assert len(entries) <= 3
    fat = [fat_sector, end]
    starts = []
    for _ in streams:
        first = len(fat)
        starts.append(first)
        fat += [*range(first + 1, first + 8), end]
    fat += [free] * (128 - len(fat))

    def entry(name, kind, child=no_stream, right=no_stream, start=end, size=0):
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(encoded), kind, 1, no_stream, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, child=1 if entries else no_stream)
    for index, (name, kind) in enumerate(entries, start=1):
        right = index + 1 if index < len(entries) else no_stream
        if kind == 2:
            directory += entry(name, 2, right=right, start=starts[index - 1], size=4096)
        else:
            directory += entry(name, 1, right=right, start=0)
    directory = directory.ljust(512, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    body = struct.pack("<128I", *fat) + directory + b"x" * (4096 * len(streams))
    return header + body


def zip_bomb_bytes() -> bytes:
    """A DOCX-looking zip whose document.xml unpacks to 20 MB of zeros from ~20 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            _content_types(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
            ),
        )
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(20):
                member.write(chunk)
    return buffer.getvalue()
