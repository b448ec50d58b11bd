"""The royalty sheet's CSV and XLSX, read back as a spreadsheet program would."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from news.models import Genre, PenName, RoyaltySheet, UnitValue
from news.royalties import sheets
from news.royalties.exports import HEADERS, coefficient, money
from tests.news.factories import HEAD, make_published, make_user

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(category, author, other_author):
    """October 2026, locked: two articles by Xuân Hiền (Tin C 1,5 and Bài A 10) and one by
    Minh Đức (Ảnh B 2), at 234.567 đồng a unit."""
    head = make_user("truongban", HEAD)
    UnitValue.objects.create(starts_on=date(2026, 1, 1), amount=234_567)
    genres = {g.name: g for g in Genre.objects.all()}
    with time_machine.travel(datetime(2026, 11, 3, 9, tzinfo=VIETNAM), tick=False):
        for title, day, by, byline, genre, grade in [
            ("Tin hội nghị sơ kết", 5, author, "Xuân Hiền", "Tin", "C"),
            ("Bài chuyên đề chuyển đổi số", 9, author, "Xuân Hiền", "Bài", "A"),
            ("Ảnh ngày hội", 21, other_author, "Minh Đức", "Ảnh", "B"),
        ]:
            item = make_published(
                category,
                title,
                published_at=datetime(2026, 10, day, 8, tzinfo=VIETNAM),
                created_by=by,
                pen_name=PenName.objects.get_or_create(name=byline, owner=by)[0],
            )
            sheets.grade_articles(grades={item.pk: (genres[genre], grade)}, actor=head)
        sheet = RoyaltySheet.objects.create(month=date(2026, 10, 1))
        sheets.approve_sheet(sheet=sheet, actor=head)
        sheets.lock_sheet(sheet=sheet, actor=head)
    return sheet


def test_vietnamese_numbers():
    assert money(1234567) == "1.234.567"
    assert money(-700000) == "-700.000"
    assert coefficient(Decimal("1.50")) == "1,5"
    assert coefficient(Decimal("10.00")) == "10"
    assert coefficient(Decimal("0.25")) == "0,25"


def test_the_csv_reads_back(client, sheet, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:news_royaltysheet_export", args=[sheet.pk, "csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="nhuan-but-2026-10.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == HEADERS
    assert rows[1] == ["1", "Minh Đức", "Minh Đức", "Ảnh ngày hội", "21/10/2026", "Ảnh", "Loại B", "2", "234.567", "469.134", ""]  # fmt: skip
    assert rows[2][1:4] == ["Cộng: Minh Đức", "Minh Đức", "1 dòng"]
    assert rows[2][7] == "2"
    assert rows[2][9] == "469.134"
    assert [r[3] for r in rows[3:5]] == ["Tin hội nghị sơ kết", "Bài chuyên đề chuyển đổi số"]
    assert (rows[3][7], rows[3][9]) == ("1,5", "351.851")
    assert (rows[4][7], rows[4][9]) == ("10", "2.345.670")
    assert rows[5][1] == "Cộng: Xuân Hiền"
    assert rows[5][7:10] == ["11,5", "", "2.697.521"]
    assert rows[6][1] == "Tổng cộng"
    assert rows[6][9] == "3.166.655"
    assert len(rows) == 7


def test_the_xlsx_reads_back(client, sheet, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:news_royaltysheet_export", args=[sheet.pk, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    page = load_workbook(io.BytesIO(response.content)).active
    assert page["A1"].value == "BẢNG NHUẬN BÚT THÁNG 10/2026"
    assert page["A2"].value == "Trạng thái: Đã khóa"
    assert [c.value for c in page[3]] == HEADERS
    first = [c.value for c in page[4]]
    assert first == [1, "Minh Đức", "Minh Đức", "Ảnh ngày hội", "21/10/2026", "Ảnh", "Loại B", 2, 234567, 469134, None]  # fmt: skip
    assert page["J4"].number_format == "#,##0"
    assert page["H4"].number_format == "0.0#"
    assert page["H6"].value == 1.5
    assert page["J6"].value == 351851
    total = [c.value for c in page[9]]
    assert total[1] == "Tổng cộng"
    assert total[9] == 3166655
    assert total[7] == 11.5 + 2
    assert page.max_row == 9


def test_exports_are_for_those_who_read_sheets(client, sheet, author):
    client.force_login(author)
    for extension in ("csv", "xlsx"):
        url = reverse("admin:news_royaltysheet_export", args=[sheet.pk, extension])
        assert client.get(url).status_code == 403
