"""The organization register as CSV: `import_organizations` and `export_organizations`.

Columns and rules: docs/organizations.md ("CSV"). The import is keyed by `slug`, so
running it twice changes nothing the second time, and it is all-or-nothing: the whole
file is checked first (every bad row is reported with its line number), then written in
one transaction in which any remaining database error undoes everything.

The import loads and corrects the register as it stands; it writes no history events.
Changes that happened by decision go through the admin's history operations.
"""

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import dbstats
import vntext
from organizations.models import Organization
from pagecache import content_changed

COLUMNS = [
    "slug",
    "name",
    "short_name",
    "kind",
    "parent",
    "host_unit",
    "address",
    "phone",
    "email",
    "member_count",
    "established_on",
    "status",
    "ended_on",
    "merged_into",
    "order",
    "description",
]
REQUIRED = ("slug", "name", "kind")
# Columns that are not fields of the row itself but slugs of other rows.
LINKS = ("parent", "merged_into")
MAX_REPORTED = 50


class ImportRejected(Exception):
    """The file is refused; `errors` are "Dòng N: reason" lines, nothing was written."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def _choice_lookup(choices) -> dict[str, str]:
    """Accept a code or its Vietnamese label, with or without diacritics."""
    lookup = {}
    for value, label in choices:
        for key in (value, label):
            lookup[vntext.fold(key)] = value
    return lookup


KINDS = _choice_lookup(Organization.Kind.choices)
STATUSES = _choice_lookup(Organization.Status.choices)


class FoldedChoiceField(forms.CharField):
    """A choice typed as its code or its Vietnamese label, with or without diacritics."""

    def __init__(self, lookup, *, what, empty="", **kwargs):
        self.lookup, self.what, self.empty = lookup, what, empty
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value) or self.empty
        if value and vntext.fold(value) not in self.lookup:
            raise ValidationError(f"không phải {self.what} nào đã biết.")
        return self.lookup.get(vntext.fold(value), "")


WHOLE_NUMBER = {"invalid": "cần một số nguyên không âm", "min_value": "cần một số nguyên không âm"}


class RowForm(forms.Form):
    """One line of the register: parsing only. Whether the organization may be what the
    line says is the model's to decide (`Organization.full_clean`, when the row is written).

    Dates are read with the project's input formats (day first, or ISO).
    """

    slug = forms.SlugField(max_length=255)
    name = forms.CharField(max_length=255)
    short_name = forms.CharField(max_length=120, required=False)
    kind = FoldedChoiceField(KINDS, what="loại hình")
    parent = forms.CharField(max_length=255, required=False)
    host_unit = forms.CharField(max_length=255, required=False)
    address = forms.CharField(max_length=300, required=False)
    phone = forms.CharField(max_length=100, required=False)
    email = forms.EmailField(required=False)
    member_count = forms.IntegerField(min_value=0, required=False, error_messages=WHOLE_NUMBER)
    established_on = forms.DateField(required=False)
    status = FoldedChoiceField(STATUSES, what="tình trạng", empty="active", required=False)
    ended_on = forms.DateField(required=False)
    merged_into = forms.CharField(max_length=255, required=False)
    order = forms.IntegerField(min_value=0, required=False, error_messages=WHOLE_NUMBER)
    description = forms.CharField(required=False, strip=False)

    def clean(self):
        cleaned = super().clean()
        for name in ("member_count", "order"):
            if cleaned.get(name) is None and name in cleaned:
                cleaned[name] = 0
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = vntext.normalize(value).strip()
        return cleaned


@dataclass
class Row:
    line: int
    slug: str
    values: dict = field(default_factory=dict)  # model field → value, for the columns given
    parent: str | None = None  # None: no such column, keep what is recorded
    merged_into: str | None = None
    # The links as the import leaves them (recorded ones where the file has no column).
    parent_slug: str = ""
    merged_into_slug: str = ""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def export_csv(stream) -> int:
    """Write every organization, parents before children; return how many."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    organizations = list(
        Organization.objects.with_tree_fields()
        .select_related("parent", "merged_into")
        .order_siblings_by("order", "name")
    )
    for org in organizations:
        writer.writerow(
            {
                "slug": org.slug,
                "name": org.name,
                "short_name": org.short_name,
                "kind": org.get_kind_display(),
                "parent": org.parent.slug if org.parent_id else "",
                "host_unit": org.host_unit,
                "address": org.address,
                "phone": org.phone,
                "email": org.email,
                "member_count": org.member_count,
                "established_on": org.established_on.isoformat() if org.established_on else "",
                "status": org.get_status_display(),
                "ended_on": org.ended_on.isoformat() if org.ended_on else "",
                "merged_into": org.merged_into.slug if org.merged_into_id else "",
                "order": org.order,
                "description": org.description,
            }
        )
    return len(organizations)


def read_csv(raw: bytes) -> list[dict]:
    """Decode (UTF-8, with or without BOM; comma or semicolon) and check the header."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(
            ["Tệp không phải văn bản UTF-8 (hãy lưu lại dạng CSV UTF-8)."]
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    if not header:
        raise ImportRejected(["Tệp trống."])
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in header]
    errors = []
    if unknown:
        errors.append(f"Dòng 1: cột không hợp lệ: {', '.join(unknown)}.")
    if missing:
        errors.append(f"Dòng 1: thiếu cột bắt buộc: {', '.join(missing)}.")
    if errors:
        raise ImportRejected(errors)
    reader.fieldnames = header
    rows = []
    while True:
        line = reader.line_num + 1  # where the record starts: a cell may span lines
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise ImportRejected([f"Dòng {line}: không đọc được ({error})."]) from error
        if None in record:
            raise ImportRejected([f"Dòng {line}: nhiều giá trị hơn số cột."])
        rows.append({key: (value or "").strip() for key, value in record.items()})
        rows[-1]["__line__"] = line
    return rows


def import_csv(raw: bytes, *, dry_run: bool = False) -> ImportResult:
    """Check and load a whole file; ImportRejected (nothing written) on any bad row.

    Every row is written, in one transaction, through the model's own validation
    (`full_clean`: placement, status and dates, the single Đảng bộ Khối); the
    problems of all rows are gathered, and any problem undoes the whole file.
    """
    rows = _parse(read_csv(raw))
    existing = {org.slug: org for org in Organization.objects.all()}
    _link(rows, existing)
    return _write(rows, existing, dry_run=dry_run)


def _parse(records) -> list[Row]:
    errors, rows, seen = [], [], {}
    for record in records:
        line = record["__line__"]
        form = RowForm({name: value for name, value in record.items() if name in COLUMNS})
        problems = [
            f"cột {name} «{record.get(name, '')}»: {message.rstrip('.')}"
            for name, messages in form.errors.items()
            for message in messages
        ]
        slug = record.get("slug", "")
        if slug in seen:
            problems.append(f"đường dẫn «{slug}» trùng với dòng {seen[slug]}")
        seen.setdefault(slug, line)
        if problems:
            errors.append(f"Dòng {line}: {'; '.join(problems)}.")
            continue
        given = [name for name in record if name in COLUMNS]
        rows.append(
            Row(
                line=line,
                slug=slug,
                values={
                    name: form.cleaned_data[name]
                    for name in given
                    if name not in LINKS and name != "slug"
                },
                parent=form.cleaned_data["parent"] if "parent" in record else None,
                merged_into=form.cleaned_data["merged_into"] if "merged_into" in record else None,
            )
        )
    if errors:
        raise ImportRejected(errors[:MAX_REPORTED])
    return rows


def _link(rows: list[Row], existing: dict[str, Organization]) -> None:
    """Each row's parent and merge target by slug: in the file, or recorded; and no
    cycle among the file's rows, which could not be written parents first."""
    slug_of = {org.pk: org.slug for org in existing.values()}
    known = set(existing) | {row.slug for row in rows}
    errors = []
    for row in rows:
        recorded = existing.get(row.slug)
        for name in LINKS:
            given = getattr(row, name)
            if given is None:  # no such column: keep what is recorded
                given = slug_of.get(getattr(recorded, f"{name}_id"), "") if recorded else ""
            setattr(row, f"{name}_slug", given)
        if row.parent_slug and row.parent_slug not in known:
            errors.append(f"Dòng {row.line}: không tìm thấy tổ chức cấp trên «{row.parent_slug}».")
        if row.merged_into_slug and row.merged_into_slug not in known:
            errors.append(
                f"Dòng {row.line}: không tìm thấy tổ chức hợp nhất vào «{row.merged_into_slug}»."
            )
    if errors:
        raise ImportRejected(errors[:MAX_REPORTED])
    parent_of = {org.slug: slug_of.get(org.parent_id, "") for org in existing.values()}
    parent_of.update({row.slug: row.parent_slug for row in rows})
    errors = [
        f"Dòng {row.line}: «{row.slug}» sẽ nằm bên dưới chính nó (vòng lặp cấp trên)."
        for row in rows
        if _in_cycle(row.slug, parent_of)
    ]
    if errors:
        raise ImportRejected(errors[:MAX_REPORTED])


def _in_cycle(slug, parent_of) -> bool:
    seen = {slug}
    current = parent_of.get(slug, "")
    while current:
        if current in seen:
            return True
        seen.add(current)
        current = parent_of.get(current, "")
    return False


def _write(rows: list[Row], existing: dict[str, Organization], *, dry_run) -> ImportResult:
    result = ImportResult()
    saved = dict(existing)
    errors = []
    failed = set()
    try:
        with transaction.atomic():
            for row in _parents_first(rows):
                if {row.parent_slug, row.merged_into_slug} & failed:
                    failed.add(row.slug)  # its parent's line says what is wrong
                    continue
                org = saved.get(row.slug) or Organization(slug=row.slug)
                is_new = org.pk is None
                before = [getattr(org, name) for name in row.values]
                before += [org.parent_id, org.merged_into_id]
                for name, value in row.values.items():
                    setattr(org, name, value)
                org.parent = saved.get(row.parent_slug)
                org.merged_into = saved.get(row.merged_into_slug)
                after = [*row.values.values(), org.parent_id, org.merged_into_id]
                if not is_new and before == after:
                    result.unchanged += 1
                    continue
                try:
                    org.full_clean()
                except ValidationError as error:
                    errors.append(f"Dòng {row.line}: {' '.join(error.messages)}")
                    failed.add(row.slug)
                    continue
                org.save()
                saved[row.slug] = org
                if is_new:
                    result.created += 1
                else:
                    result.updated += 1
            errors += _left_out_problems(rows, saved)
            if errors or dry_run:
                transaction.set_rollback(True)
            content_changed()  # on commit: a rolled-back import moves nothing
    except IntegrityError as error:
        raise ImportRejected([f"Dữ liệu vi phạm ràng buộc của cơ sở dữ liệu: {error}"]) from error
    if errors:
        raise ImportRejected(errors[:MAX_REPORTED])
    if not dry_run and (result.created or result.updated):
        dbstats.analyze(Organization)  # docs/performance.md, "Bulk loads"
    return result


def _left_out_problems(rows: list[Row], saved: dict[str, Organization]) -> list[str]:
    """Organizations not in the file must still sit well under what the file changed."""
    in_file = {row.slug: row for row in rows}
    changed = [saved[slug].pk for slug in in_file if slug in saved]
    problems = []
    for child in Organization.objects.filter(parent__in=changed).exclude(slug__in=in_file):
        try:
            child.full_clean()
        except ValidationError as error:
            line = in_file[child.parent.slug].line
            problems.append(
                f"Dòng {line}: «{child.name}» (không có trong tệp): {' '.join(error.messages)}"
            )
    return problems


def _parents_first(rows: list[Row]) -> list[Row]:
    """Each row after its parent and after the organization it merged into."""
    by_slug = {row.slug: row for row in rows}
    ordered, done = [], set()

    def visit(row):
        if row.slug in done:
            return
        done.add(row.slug)
        for slug in (row.parent_slug, row.merged_into_slug):
            if slug in by_slug:
                visit(by_slug[slug])
        ordered.append(row)

    for row in rows:
        visit(row)
    return ordered
