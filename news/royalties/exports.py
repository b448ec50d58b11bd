"""The royalty sheet as CSV and XLSX, with Vietnamese headers and numbers.

CSV carries the numbers as a Vietnamese reader writes them (1.234.567 đồng, hệ số 2,5),
UTF-8 with a BOM so that Excel reads the diacritics. XLSX carries real numbers with the
format codes "#,##0" and "0.0#", which Excel shows with the reader's own separators
(1.234.567 on a Vietnamese system). See docs/royalties.md.
"""

import csv
import io
from decimal import Decimal

from django.utils import formats, timezone

from news.royalties.sheets import SheetView

HEADERS = [
    "STT",
    "Người viết",
    "Bút danh",
    "Tiêu đề",
    "Ngày đăng",
    "Thể loại",
    "Loại",
    "Hệ số",
    "Giá trị 1 hệ số (đồng)",
    "Thành tiền (đồng)",
    "Ghi chú",
]
MONEY_FORMAT = "#,##0"
COEFFICIENT_FORMAT = "0.0#"


def money(value: int) -> str:
    """1234567 → "1.234.567" (the separators of portal/formats/vi)."""
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def coefficient(value: Decimal) -> str:
    """Decimal("2.50") → "2,5"; Decimal("3.00") → "3"."""
    text = formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    return text.rstrip("0").rstrip(",")


def _date(line) -> str:
    return f"{timezone.localtime(line.published_at):%d/%m/%Y}" if line.published_at else ""


def _rows(view: SheetView):
    """(line number or "", cells...) per line, then a subtotal per writer and pen name."""
    number = 0
    for group in view.groups:
        for line in group.lines:
            number += 1
            yield (
                "line",
                [
                    number,
                    line.writer_name,
                    line.byline,
                    line.title,
                    _date(line),
                    line.genre,
                    line.get_grade_display() if line.grade else "",
                    line.coefficient,
                    line.unit_value,
                    line.amount,
                    line.note or ("Điều chỉnh" if line.is_correction() else ""),
                ],
            )
        yield (
            "subtotal",
            [
                "",
                f"Cộng: {group.writer_name}",
                group.byline,
                f"{len(group.lines)} dòng",
                "",
                "",
                "",
                group.coefficient,
                "",
                group.amount,
                "",
            ],
        )
    yield (
        "total",
        ["", "Tổng cộng", "", f"{number} dòng", "", "", "", view.coefficient, "", view.amount, ""],
    )


def filename(view: SheetView, extension: str) -> str:
    return f"nhuan-but-{view.sheet.month:%Y-%m}.{extension}"


def as_csv(view: SheetView) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 only with the BOM
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for _kind, cells in _rows(view):
        cells = list(cells)
        cells[7] = coefficient(cells[7])
        for index in (8, 9):
            cells[index] = money(cells[index]) if cells[index] != "" else ""
        writer.writerow(cells)
    return out.getvalue()


def as_xlsx(view: SheetView) -> bytes:
    from openpyxl import Workbook  # only the export needs it
    from openpyxl.styles import Alignment, Font

    sheet = view.sheet
    book = Workbook()
    page = book.active
    page.title = f"Tháng {sheet.month:%m-%Y}"
    page.append([f"BẢNG NHUẬN BÚT THÁNG {sheet.label}"])
    page["A1"].font = Font(bold=True, size=14)
    page.append([f"Trạng thái: {sheet.get_status_display()}"])
    page.append(HEADERS)
    header_row = page.max_row
    for cell in page[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for kind, cells in _rows(view):
        page.append([float(v) if isinstance(v, Decimal) else v for v in cells])
        row = page[page.max_row]
        row[7].number_format = COEFFICIENT_FORMAT
        row[8].number_format = MONEY_FORMAT
        row[9].number_format = MONEY_FORMAT
        if kind != "line":
            for cell in row:
                cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJK", (5, 22, 18, 50, 11, 12, 8, 7, 12, 14, 30), strict=True):
        page.column_dimensions[column].width = width
    page.freeze_panes = page.cell(row=header_row + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
