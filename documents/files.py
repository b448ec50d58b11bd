"""What a document's file may be, decided by its content, never by its name.

Accepted: PDF (it must open with pypdf), Word and Excel as the OLE compound file
(DOC, XLS) or the Office Open XML zip (DOCX, XLSX) they claim to be, and OpenDocument
text and spreadsheets (ODT, ODS). Refused whatever they are named: macro-enabled
Office files (`.docm`, `.xlsm`, a `vbaProject.bin`, an OLE `Macros` storage, ODF
`Basic/` scripts), PDFs that carry JavaScript, HTML, SVG, scripts, executables, zip
bombs, empty files and anything over `DOCUMENT_MAX_BYTES`.

`inspect()` also extracts the text of PDFs and DOCX files (folded, capped at
`DOCUMENT_TEXT_MAX_CHARS`, well under PostgreSQL's 1 MB tsvector limit) for search, and
says when a PDF has pages but no text: an image-only scan. docs/documents.md, "Files".
"""

import html
import logging
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

import vntext
from documents.codes import fold_words

logger = logging.getLogger(__name__)

# type → (label shown to readers, Content-Type it is served with)
TYPES = {
    "pdf": ("PDF", "application/pdf"),
    "doc": ("Word (DOC)", "application/msword"),
    "docx": (
        "Word (DOCX)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xls": ("Excel (XLS)", "application/vnd.ms-excel"),
    "xlsx": ("Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": ("OpenDocument văn bản (ODT)", "application/vnd.oasis.opendocument.text"),
    "ods": ("OpenDocument bảng tính (ODS)", "application/vnd.oasis.opendocument.spreadsheet"),
}
ACCEPTED = "PDF, DOC, DOCX, XLS, XLSX, ODT hoặc ODS"
MACRO_EXTENSIONS = {"docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm", "potm", "ppsm"}

# A zip that unpacks to more than this, or one member packed more tightly than this
# ratio, is a zip bomb, not an office file (text compresses ~10:1, XML up to ~50:1).
ZIP_MAX_UNPACKED = 300 * 1024 * 1024
ZIP_MAX_RATIO = 200
ZIP_MAX_MEMBERS = 5000
PDF_TEXT_MAX_PAGES = 500
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_WORD_TEXT = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|</w:p>")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class FileFacts:
    file_type: str
    size: int
    text: str = ""  # folded words (codes.fold_words), capped
    pages: int | None = None
    is_scan: bool = False

    @property
    def content_type(self) -> str:
        return TYPES[self.file_type][1]


class CheckedFile:
    """For a model holding one checked file: `file`, `label`, `original_name`, `file_type`
    and `size` fields (documents' files, articles' attachments). The file is inspected
    once, when newly chosen, by `clean()` and again by `save()` if `clean()` was skipped;
    `record()` keeps the facts (extend it to keep more)."""

    download_fallback = "tep"  # the download name's stem when the file had none

    def save(self, *args, **kwargs):
        self.inspect_file()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.inspect_file()

    def inspect_file(self):
        if (
            not self.file
            or self.file._committed
            or getattr(self, "_inspected", None) is self.file.file
        ):
            return
        facts = inspect(self.file.file)
        self._inspected = self.file.file
        self.record(facts)

    def record(self, facts: "FileFacts"):
        self.original_name = vntext.normalize(self.file.name.rsplit("/", 1)[-1])[:255]
        self.file_type = facts.file_type
        self.size = facts.size

    @property
    def display_name(self) -> str:
        return self.label or self.original_name or f"Tệp {self.pk}"

    @property
    def download_name(self) -> str:
        stem = self.original_name.rsplit(".", 1)[0] if self.original_name else self.label
        slug = vntext.slugify(stem, max_length=80, fallback=self.download_fallback)
        return f"{slug}.{self.file_type}"

    @property
    def type_label(self) -> str:
        return TYPES.get(self.file_type, ("",))[0]

    @property
    def content_type(self) -> str:
        return TYPES.get(self.file_type, ("", "application/octet-stream"))[1]

    @property
    def opens_inline(self) -> bool:
        """PDFs open in the browser's own viewer; the rest are downloaded."""
        return self.file_type == "pdf"


def refuse(message: str):
    raise ValidationError(message, code="refused_file")


def inspect(uploaded) -> FileFacts:
    """Check an uploaded file by its content; the facts, or a Vietnamese ValidationError."""
    size = uploaded.size or 0
    if size == 0:
        refuse("Tệp rỗng (0 byte): hãy chọn lại đúng tệp văn bản.")
    limit = settings.DOCUMENT_MAX_BYTES
    if size > limit:
        refuse(
            f"Tệp nặng {filesizeformat(size)}, vượt giới hạn {filesizeformat(limit)} "
            "cho một tệp văn bản."
        )
    extension = (uploaded.name or "").rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    if extension in MACRO_EXTENSIONS:
        refuse(f"Không nhận tệp .{extension}: tệp Office có macro có thể chứa mã độc.")
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    try:
        if head.startswith(_PDF_MAGIC):
            return _inspect_pdf(uploaded, size)
        if head.startswith(_ZIP_MAGIC):
            return _inspect_zip(uploaded, size)
        if head.startswith(_OLE_MAGIC):
            return _inspect_ole(uploaded, size)
    finally:
        uploaded.seek(0)
    refuse(f"{_what_it_is(uploaded)} Chỉ nhận tệp {ACCEPTED}.")
    raise AssertionError  # refuse() always raises


def _what_it_is(uploaded) -> str:
    uploaded.seek(0)
    start = uploaded.read(512)
    uploaded.seek(0)
    text = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"MZ", b"\x7fELF")):
        return "Đây là tệp chương trình chạy được, không phải văn bản."
    if text.startswith(b"#!"):
        return "Đây là một đoạn mã lệnh (script), không phải văn bản."
    if b"<svg" in text:
        return "Đây là ảnh SVG (có thể chứa mã lệnh), không phải văn bản."
    if text.startswith((b"<!doctype html", b"<html", b"<")) or b"<script" in text:
        return "Đây là trang HTML, không phải văn bản."
    return "Nội dung tệp không phải một định dạng văn bản được nhận."


def _cap(text: str) -> str:
    folded = fold_words(text)
    limit = settings.DOCUMENT_TEXT_MAX_CHARS
    if len(folded) > limit:
        folded = folded[:limit].rsplit(" ", 1)[0]
    return folded


def _inspect_pdf(uploaded, size: int) -> FileFacts:
    # Imported here, not at the top: pypdf costs every web worker ~7 MB, and only an upload
    # needs it (docs/performance.md, "Worker memory").
    import pypdf

    try:
        reader = pypdf.PdfReader(uploaded, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            refuse("Tệp PDF có mật khẩu: hãy gửi bản không đặt mật khẩu.")
        pages = len(reader.pages)
        root = reader.trailer["/Root"]
        names = root.get("/Names")
        has_script = "/AA" in root or (names is not None and "/JavaScript" in names.get_object())
        action = root.get("/OpenAction")
        if action is not None and not isinstance(
            action.get_object(), list | pypdf.generic.ArrayObject
        ):
            has_script = has_script or action.get_object().get("/S") == "/JavaScript"
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds of errors on broken files
        logger.info("refused a PDF that does not open", exc_info=True)
        refuse("Tệp PDF bị hỏng hoặc không phải PDF thật: không mở được.")
    if pages == 0:
        refuse("Tệp PDF không có trang nào.")
    if has_script:
        refuse("Tệp PDF có chứa mã JavaScript: hãy xuất lại bản PDF không kèm mã lệnh.")
    parts, letters = [], 0
    for page in reader.pages[:PDF_TEXT_MAX_PAGES]:
        try:
            text = page.extract_text() or ""
        except Exception:  # a page pypdf cannot read stays out of the search text
            logger.info("no text from a PDF page", exc_info=True)
            continue
        letters += len(_LETTER.findall(text))
        parts.append(text)
        if sum(map(len, parts)) > settings.DOCUMENT_TEXT_MAX_CHARS * 2:
            break
    return FileFacts("pdf", size, _cap(" ".join(parts)), pages=pages, is_scan=letters == 0)


def _inspect_zip(uploaded, size: int) -> FileFacts:
    try:
        archive = zipfile.ZipFile(uploaded)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        refuse("Tệp nén bị hỏng: không phải tệp Word, Excel hay OpenDocument hợp lệ.")
    if len(members) > ZIP_MAX_MEMBERS:
        refuse("Tệp nén có quá nhiều thành phần: không phải một văn bản.")
    unpacked = sum(member.file_size for member in members)
    too_tight = any(
        member.file_size > 1024 * 1024
        and member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if unpacked > ZIP_MAX_UNPACKED or too_tight:
        refuse("Tệp nén bất thường (giải nén ra quá lớn, kiểu «zip bomb»): không nhận.")
    names = {member.filename for member in members}
    try:
        if "[Content_Types].xml" in names:
            return _inspect_ooxml(archive, names, size)
        if "mimetype" in names:
            return _inspect_odf(archive, names, size)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        refuse("Tệp nén bị hỏng: không phải tệp Word, Excel hay OpenDocument hợp lệ.")
    refuse(
        f"Tệp nén (zip) không phải văn bản Word, Excel hay OpenDocument. Chỉ nhận tệp {ACCEPTED}."
    )
    raise AssertionError


def _inspect_ooxml(archive, names: set[str], size: int) -> FileFacts:
    types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    if "macroenabled" in types.lower() or any(n.lower().endswith("vbaproject.bin") for n in names):
        refuse(
            "Tệp Office có macro (như .docm, .xlsm) có thể chứa mã độc: hãy lưu lại dạng DOCX/XLSX."
        )
    if "wordprocessingml.document.main+xml" in types:
        return FileFacts("docx", size, _cap(_docx_text(archive)))
    if "spreadsheetml.sheet.main+xml" in types:
        return FileFacts("xlsx", size)
    refuse(f"Tệp Office này không phải Word hay Excel. Chỉ nhận tệp {ACCEPTED}.")
    raise AssertionError


def _docx_text(archive) -> str:
    """The words of word/document.xml's runs, paragraph by paragraph (no XML parser: no
    entity expansion to fear)."""
    xml = archive.read("word/document.xml")
    pieces = []
    for match in _WORD_TEXT.finditer(xml):
        pieces.append(
            html.unescape(match.group(1).decode("utf-8", "replace"))
            if match.group(1) is not None
            else "\n"
        )
    return "".join(pieces)


def _inspect_odf(archive, names: set[str], size: int) -> FileFacts:
    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    if any(n.startswith(("Basic/", "Scripts/")) for n in names):
        refuse("Tệp OpenDocument có macro có thể chứa mã độc: hãy lưu lại bản không có macro.")
    if mimetype == TYPES["odt"][1]:
        return FileFacts("odt", size)
    if mimetype == TYPES["ods"][1]:
        return FileFacts("ods", size)
    refuse(f"Tệp OpenDocument này không phải văn bản hay bảng tính. Chỉ nhận tệp {ACCEPTED}.")
    raise AssertionError


def _inspect_ole(uploaded, size: int) -> FileFacts:
    import olefile  # only an upload needs it, as pypdf above

    try:
        ole = olefile.OleFileIO(uploaded.read())
        streams = ["/".join(entry) for entry in ole.listdir(streams=True, storages=True)]
    except Exception:  # olefile raises OSError and its own errors on broken files
        refuse("Tệp Word/Excel cũ (DOC/XLS) bị hỏng: không mở được.")
    lowered = {name.lower() for name in streams}
    if any(
        n == "macros" or n.startswith(("macros/", "_vba_project_cur")) or "/vba/" in f"/{n}/"
        for n in lowered
    ):
        refuse("Tệp Word/Excel có macro có thể chứa mã độc: hãy lưu lại bản không có macro.")
    if "worddocument" in lowered:
        return FileFacts("doc", size)
    if "workbook" in lowered or "book" in lowered:
        return FileFacts("xls", size)
    refuse(f"Tệp Office cũ này không phải Word hay Excel. Chỉ nhận tệp {ACCEPTED}.")
    raise AssertionError
