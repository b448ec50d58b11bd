"""The document register as CSV plus a folder of files: `manage.py import_documents`.

The way a portal moves off NukeViet's `laws` module: one row per document, its files
named in the `files` column and found in the folder. All or nothing: every row is
checked (by `full_clean()`, the files by their content) and every problem reported as
"Dòng N: …"; if there is any, nothing is written. Columns: docs/documents.md, "Import".
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

import vntext
from documents.codes import code_key
from documents.models import Document, DocumentFile, Issuer, Kind, Subject
from pagecache import content_changed

COLUMNS = [
    "code",
    "title",
    "kind",
    "issuer",
    "issued_on",
    "effective_from",
    "effective_until",
    "signer_name",
    "signer_title",
    "subjects",
    "visibility",
    "status",
    "replaces",
    "summary",
    "files",
]
REQUIRED = ("code", "title", "kind", "issuer", "issued_on")
MAX_REPORTED = 50


class ImportRejected(Exception):
    """The register is refused; `errors` are "Dòng N: reason" lines, nothing was written."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    files: int = 0


def _lookup(queryset, *fields) -> dict[str, object]:
    """Rows by their name, abbreviation or slug, folded (with or without diacritics)."""
    table = {}
    for row in queryset:
        for name in fields:
            value = getattr(row, name)
            if value:
                table.setdefault(vntext.fold(value), row)
    return table


def _date(value: str) -> date | None:
    """A date as the admin accepts it (the format module's input formats, day first)."""
    try:
        return forms.DateField(required=False).clean(value)
    except ValidationError as error:
        raise ValueError(value) from error


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{Document._meta.get_field(field).verbose_name if field != '__all__' and field in {f.name for f in Document._meta.fields} else field}: {message}"
            if field != "__all__"
            else message
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


def import_register(raw: bytes, folder: Path, *, dry_run: bool = False) -> ImportResult:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(["Tệp không phải UTF-8: hãy lưu lại CSV dạng UTF-8."]) from error
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
    if missing:
        raise ImportRejected([f"Dòng 1: thiếu cột {', '.join(missing)}."])
    kinds = _lookup(Kind.objects.all(), "name", "slug")
    issuers = _lookup(Issuer.objects.all(), "name", "abbreviation", "slug")
    subjects = _lookup(Subject.objects.all(), "name", "slug")
    errors: list[str] = []
    result = ImportResult()
    by_code: dict[str, Document] = {}
    try:
        with transaction.atomic():
            for line, row in enumerate(reader, start=2):
                row = {
                    key: vntext.normalize(value or "").strip() for key, value in row.items() if key
                }
                problems = _import_row(row, folder, kinds, issuers, subjects, by_code)
                if isinstance(problems, list):
                    errors += [f"Dòng {line}: {problem}" for problem in problems]
                else:
                    result.created += 1
                    result.files += problems
                if len(errors) >= MAX_REPORTED:
                    errors.append("… dừng kiểm tra sau 50 lỗi.")
                    break
            if errors or dry_run:
                raise _Rollback
            content_changed()
    except _Rollback:
        pass
    if errors:
        raise ImportRejected(errors)
    return result


class _Rollback(Exception):
    """Undo everything written so far (a dry run, or a file with errors)."""


def _import_row(row, folder, kinds, issuers, subjects, by_code):
    """One row written inside a savepoint: the number of files, or the list of problems."""
    problems = [f"thiếu {name}." for name in REQUIRED if not row.get(name)]
    if problems:
        return problems
    kind = kinds.get(vntext.fold(row["kind"]))
    issuer = issuers.get(vntext.fold(row["issuer"]))
    if kind is None:
        problems.append(f"không có thể loại «{row['kind']}» (xem danh mục Thể loại văn bản).")
    if issuer is None:
        problems.append(f"không có cơ quan ban hành «{row['issuer']}».")
    dates = {}
    for name in ("issued_on", "effective_from", "effective_until"):
        try:
            dates[name] = _date(row.get(name, ""))
        except ValueError:
            problems.append(f"ngày «{row[name]}» không hợp lệ (dạng 05/03/2026).")
    chosen_subjects = []
    for name in filter(None, (part.strip() for part in row.get("subjects", "").split(";"))):
        subject = subjects.get(vntext.fold(name))
        if subject is None:
            problems.append(f"không có lĩnh vực «{name}».")
        chosen_subjects.append(subject)
    visibility = {
        "": Document.Visibility.PUBLIC,
        "cong khai": Document.Visibility.PUBLIC,
        "public": Document.Visibility.PUBLIC,
        "noi bo": Document.Visibility.INTERNAL,
        "luu hanh noi bo": Document.Visibility.INTERNAL,
        "internal": Document.Visibility.INTERNAL,
    }.get(vntext.fold(row.get("visibility", "")))
    if visibility is None:
        problems.append("phạm vi phải là «công khai» hoặc «nội bộ».")
    status = {
        "": Document.Status.PUBLISHED,
        "da cong bo": Document.Status.PUBLISHED,
        "published": Document.Status.PUBLISHED,
        "chua cong bo": Document.Status.DRAFT,
        "draft": Document.Status.DRAFT,
    }.get(vntext.fold(row.get("status", "")))
    if status is None:
        problems.append("trạng thái phải là «đã công bố» hoặc «chưa công bố».")
    replaces = None
    if row.get("replaces"):
        key = code_key(row["replaces"])
        replaces = (
            by_code.get(key) or Document.objects.filter(code_key=key).order_by("-issued_on").first()
        )
        if replaces is None:
            problems.append(f"không tìm thấy văn bản bị thay thế «{row['replaces']}».")
    file_paths = []
    for name in filter(None, (part.strip() for part in row.get("files", "").split(";"))):
        path = (folder / name).resolve()
        if folder.resolve() not in path.parents or not path.is_file():
            problems.append(f"không có tệp «{name}» trong thư mục tệp.")
        file_paths.append(path)
    if problems:
        return problems
    document = Document(
        code=row["code"],
        title=row["title"],
        kind=kind,
        issuer=issuer,
        signer_name=row.get("signer_name", ""),
        signer_title=row.get("signer_title", ""),
        summary=row.get("summary", ""),
        visibility=visibility,
        status=status,
        replaces=replaces,
        **{name: value for name, value in dates.items() if value is not None},
    )
    try:
        document.full_clean()
    except ValidationError as error:
        return _messages(error)
    try:
        with transaction.atomic():
            if status == Document.Status.PUBLISHED:
                document.published_at = timezone.now()
            document.save()
            document.subjects.set([s for s in chosen_subjects if s is not None])
            for order, path in enumerate(file_paths):
                with path.open("rb") as handle:
                    item = DocumentFile(
                        document=document, order=order, file=File(handle, name=path.name)
                    )
                    item.full_clean()
                    item.save()
            document.refresh_file_text()
    except ValidationError as error:
        return [f"tệp: {message}" for message in error.messages]
    except IntegrityError as error:
        return [f"không ghi được ({error})."]
    by_code[document.code_key] = document
    return len(file_paths)
