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
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import IntegrityError, transaction

import dbstats
import vntext
from organizations.models import Organization

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
TEXT_FIELDS = ("name", "short_name", "host_unit", "address", "phone", "email", "description")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
MAX_REPORTED = 50


class ImportRejected(Exception):
    """The file is refused; `errors` are "Dòng N: reason" lines, nothing was written."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    slug: str
    values: dict = field(default_factory=dict)  # model field → value, for the columns given
    parent: str | None = None  # None: no such column, keep what is recorded
    merged_into: str | None = None
    # After _check_graph: the organization as the import leaves it.
    status: str = ""
    ended_on: date | None = None
    parent_slug: str = ""
    merged_into_slug: str = ""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _choice_lookup(choices) -> dict[str, str]:
    """Accept a code or its Vietnamese label, with or without diacritics."""
    lookup = {}
    for value, label in choices:
        for key in (value, label):
            lookup[vntext.fold(key)] = value
    return lookup


KINDS = _choice_lookup(Organization.Kind.choices)
STATUSES = _choice_lookup(Organization.Status.choices)


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
    """Check and load a whole file; ImportRejected (nothing written) on any bad row."""
    records = read_csv(raw)
    rows = _parse(records)
    existing = {org.slug: org for org in Organization.objects.all()}
    _check_graph(rows, existing)
    if dry_run:
        return ImportResult(
            created=sum(row.slug not in existing for row in rows),
            updated=sum(row.slug in existing for row in rows),
        )
    return _write(rows, existing)


def _parse(records) -> list[Row]:
    errors, rows, seen = [], [], {}
    for record in records:
        line = record["__line__"]
        problems = []
        slug = record.get("slug", "")
        values = {}
        for name in REQUIRED:
            if not record.get(name):
                problems.append(f"thiếu «{name}»")
        if slug:
            try:
                validate_slug(slug)
            except ValidationError:
                problems.append(f"đường dẫn «{slug}» chỉ được gồm chữ không dấu, số và dấu gạch")
            if slug in seen:
                problems.append(f"đường dẫn «{slug}» trùng với dòng {seen[slug]}")
            seen.setdefault(slug, line)
        for name in TEXT_FIELDS:
            if name in record:
                values[name] = vntext.normalize(record[name])
        if record.get("kind"):
            kind = KINDS.get(vntext.fold(record["kind"]))
            if kind is None:
                problems.append(f"loại hình «{record['kind']}» không hợp lệ")
            values["kind"] = kind
        if "status" in record:
            status = STATUSES.get(vntext.fold(record["status"] or "active"))
            if status is None:
                problems.append(f"tình trạng «{record['status']}» không hợp lệ")
            values["status"] = status
        for name in ("established_on", "ended_on"):
            if name in record:
                try:
                    values[name] = _date(record[name])
                except ValueError:
                    problems.append(f"ngày «{record[name]}» ở cột {name} không hợp lệ")
        for name in ("member_count", "order"):
            raw = record.get(name)
            if raw is None:
                continue
            if raw == "":
                values[name] = 0
            elif raw.isdigit():
                values[name] = int(raw)
            else:
                problems.append(f"«{raw}» ở cột {name} không phải số nguyên không âm")
        if values.get("email"):
            try:
                validate_email(values["email"])
            except ValidationError:
                problems.append(f"thư điện tử «{values['email']}» không hợp lệ")
        if problems:
            errors.append(f"Dòng {line}: {'; '.join(problems)}.")
        rows.append(
            Row(
                line=line,
                slug=slug,
                values=values,
                parent=record.get("parent"),
                merged_into=record.get("merged_into"),
            )
        )
    if errors:
        raise ImportRejected(errors[:MAX_REPORTED])
    return rows


def _check_graph(rows: list[Row], existing: dict[str, Organization]) -> None:
    """Placement, cycles and the single Đảng bộ Khối, on the tree as the file would leave it."""
    slug_of = {org.pk: org.slug for org in existing.values()}
    # slug → (kind, parent slug, status, name) after the import
    final = {
        org.slug: (org.kind, slug_of.get(org.parent_id, ""), org.status, org.name)
        for org in existing.values()
    }
    for row in rows:
        recorded = existing.get(row.slug)
        row.status = row.values.get("status", recorded.status if recorded else "active")
        row.ended_on = row.values.get("ended_on", recorded.ended_on if recorded else None)
        row.parent_slug = (
            row.parent
            if row.parent is not None
            else slug_of.get(recorded.parent_id, "")
            if recorded
            else ""
        )
        row.merged_into_slug = (
            row.merged_into
            if row.merged_into is not None
            else slug_of.get(recorded.merged_into_id, "")
            if recorded
            else ""
        )
        final[row.slug] = (row.values["kind"], row.parent_slug, row.status, row.values["name"])
    errors = []
    for row in rows:
        problem = _placement_problem(row.values["kind"], row.parent_slug, row.status, final)
        if problem is None and row.merged_into_slug and row.merged_into_slug not in final:
            problem = f"không tìm thấy tổ chức hợp nhất vào «{row.merged_into_slug}»"
        if (
            problem is None
            and row.status == Organization.Status.MERGED
            and not row.merged_into_slug
        ):
            problem = "tổ chức đã hợp nhất cần cột merged_into"
        if problem is None and row.status != Organization.Status.MERGED and row.merged_into_slug:
            problem = "chỉ tổ chức đã hợp nhất mới có merged_into"
        if problem is None and row.status != Organization.Status.ACTIVE and not row.ended_on:
            problem = "tổ chức đã giải thể hoặc hợp nhất cần ngày kết thúc (ended_on)"
        if problem is None and row.status == Organization.Status.ACTIVE and row.ended_on:
            problem = "tổ chức đang hoạt động không có ngày kết thúc"
        if problem is None and _in_cycle(row.slug, final):
            problem = f"«{row.slug}» sẽ nằm bên dưới chính nó (vòng lặp cấp trên)"
        if problem:
            errors.append(f"Dòng {row.line}: {problem}.")
    # Organizations not in the file must still sit well under what the file changes.
    in_file = {row.slug: row for row in rows}
    for slug, (kind, parent, status, name) in final.items():
        if slug in in_file or parent not in in_file:
            continue
        problem = _placement_problem(kind, parent, status, final)
        if problem:
            errors.append(
                f"Dòng {in_file[parent].line}: «{name}» (không có trong tệp) {problem} sau khi nhập."
            )
    blocs = [
        slug
        for slug, (kind, _parent, status, _name) in final.items()
        if kind == Organization.Kind.BLOC and status == Organization.Status.ACTIVE
    ]
    if len(blocs) > 1:
        lines = [str(in_file[slug].line) for slug in blocs if slug in in_file]
        errors.append(
            f"Dòng {', '.join(lines) or '?'}: chỉ được có một Đảng bộ Khối đang hoạt động "
            f"({', '.join(blocs)})."
        )
    if errors:
        raise ImportRejected(errors[:MAX_REPORTED])


def _placement_problem(kind, parent, status, final) -> str | None:
    allowed = Organization.ALLOWED_PARENT_KINDS[kind]
    label = Organization.Kind(kind).label
    if not allowed:
        return f"{label} không trực thuộc tổ chức nào" if parent else None
    if not parent:
        return f"{label} phải có tổ chức cấp trên (cột parent)"
    if parent not in final:
        return f"không tìm thấy tổ chức cấp trên «{parent}»"
    parent_kind, _grandparent, parent_status, parent_name = final[parent]
    if parent_kind not in allowed:
        labels = " hoặc ".join(Organization.Kind(k).label for k in sorted(allowed))
        return (
            f"{label} không thể trực thuộc {Organization.Kind(parent_kind).label} "
            f"«{parent_name}»; phải trực thuộc {labels}"
        )
    if status == Organization.Status.ACTIVE and parent_status != Organization.Status.ACTIVE:
        return f"tổ chức cấp trên «{parent_name}» không còn hoạt động"
    return None


def _in_cycle(slug, final) -> bool:
    seen = {slug}
    current = final[slug][1]
    while current:
        if current in seen:
            return True
        seen.add(current)
        current = final[current][1] if current in final else ""
    return False


def _write(rows: list[Row], existing: dict[str, Organization]) -> ImportResult:
    result = ImportResult()
    saved = dict(existing)
    try:
        with transaction.atomic():
            for row in _parents_first(rows):
                org = saved.get(row.slug) or Organization(slug=row.slug)
                is_new = org.pk is None
                before = [getattr(org, name) for name in row.values]
                before += [org.parent_id, org.merged_into_id]
                for name, value in row.values.items():
                    setattr(org, name, value)
                org.parent = _linked(saved, row.parent_slug, row)
                org.merged_into = _linked(saved, row.merged_into_slug, row)
                after = [*row.values.values(), org.parent_id, org.merged_into_id]
                if not is_new and before == after:
                    result.unchanged += 1
                    continue
                _save(org, row)
                saved[row.slug] = org
                if is_new:
                    result.created += 1
                else:
                    result.updated += 1
    except IntegrityError as error:
        raise ImportRejected([f"Dữ liệu vi phạm ràng buộc của cơ sở dữ liệu: {error}"]) from error
    if result.created or result.updated:
        dbstats.analyze(Organization)  # docs/performance.md, "Bulk loads"
    return result


def _linked(saved, slug, row) -> Organization | None:
    if not slug:
        return None
    if slug not in saved:
        raise ImportRejected([f"Dòng {row.line}: «{slug}» phụ thuộc vòng tròn vào dòng này."])
    return saved[slug]


def _save(org: Organization, row: Row) -> None:
    try:
        org.full_clean()
    except ValidationError as error:
        raise ImportRejected([f"Dòng {row.line}: {' '.join(error.messages)}"]) from error
    org.save()


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


def _date(value: str) -> date | None:
    if not value:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
    raise ValueError(value)
