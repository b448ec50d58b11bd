"""The monthly royalty sheet: its sums, approval, lock, corrections and who may do what."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from news.models import (
    Article,
    Coefficient,
    Genre,
    PenName,
    RoyaltyLine,
    RoyaltySheet,
    UnitValue,
)
from news.royalties import sheets
from news.royalties.models import amount_of
from tests.news.factories import HEAD, make_published, make_user

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
NOVEMBER = date(2026, 11, 1)
DECEMBER = date(2026, 12, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 12, 10, 9, tzinfo=VIETNAM), tick=False):
        yield


@pytest.fixture
def head(db):
    return make_user("truongban", HEAD, first_name="Trưởng", last_name="Nguyễn Văn")


@pytest.fixture
def genres(db):
    return {genre.name: genre for genre in Genre.objects.all()}


@pytest.fixture
def month(category, author, other_author, genres, editor):
    """November 2026: four graded articles by two writers under three bylines, at
    100.000 đồng a coefficient unit; plus articles of other months and a draft."""
    UnitValue.objects.create(starts_on=date(2026, 1, 1), amount=100_000)

    def article(title, day, by, byline, genre, grade, hour=9):
        item = make_published(
            category,
            title,
            published_at=datetime(2026, 11, day, hour, tzinfo=VIETNAM),
            created_by=by,
            pen_name=PenName.objects.get_or_create(name=byline, owner=by)[0],
        )
        if genre:
            sheets.grade_articles(grades={item.pk: (genres[genre], grade)}, actor=editor)
        return item

    made = {
        "tin": article("Tin hội nghị", 3, author, "Xuân Hiền", "Tin", "A"),  # 3
        "bai": article("Bài chuyên đề", 12, author, "Xuân Hiền", "Bài", "B"),  # 8
        "anh": article("Ảnh lễ kỷ niệm", 20, author, "X.H.", "Ảnh", "C"),  # 1
        "phong-su": article("Phóng sự vùng cao", 30, other_author, "Minh Đức", "Phóng sự", "A", hour=23),  # 20
    }  # fmt: skip
    # Outside November (local time): 31/10 23:59 and 1/12 00:00 are not in the sheet.
    article("Tin cuối tháng Mười", 1, author, "Xuân Hiền", "Tin", "A").__class__.objects.filter(
        title="Tin cuối tháng Mười"
    ).update(published_at=datetime(2026, 10, 31, 23, 59, tzinfo=VIETNAM))
    make_published(
        category,
        "Tin đầu tháng Mười Hai",
        published_at=datetime(2026, 12, 1, 0, 0, tzinfo=VIETNAM),
        created_by=author,
    )
    make_published(category, "Bản nháp", status=Article.Status.DRAFT, created_by=author)
    return made


def test_the_sheet_sums_per_writer_and_byline(month):
    """Lines are grouped by writer and pen name; each sum is coefficient × unit value."""
    view = sheets.read_sheet(RoyaltySheet.objects.create(month=NOVEMBER))
    groups = [(g.writer_name, g.byline, g.coefficient, g.amount, len(g.lines)) for g in view.groups]
    assert groups == [
        ("Minh Đức", "Minh Đức", Decimal(20), 2_000_000, 1),
        ("Xuân Hiền", "X.H.", Decimal(1), 100_000, 1),
        ("Xuân Hiền", "Xuân Hiền", Decimal(11), 1_100_000, 2),
    ]
    assert view.amount == 3_200_000
    assert view.ungraded == []
    titles = {line.title for line in view.lines}
    assert "Tin cuối tháng Mười" not in titles
    assert "Tin đầu tháng Mười Hai" not in titles


def test_outside_contributors_and_unsigned_articles(month, category, author, editor, genres):
    """A byline typed by hand is an outside contributor's (no account); an article with
    no byline is paid to the account that wrote it; each is its own group."""
    typed = make_published(
        category,
        "Bài cộng tác",
        published_at=datetime(2026, 11, 5, tzinfo=VIETNAM),
        created_by=author,
        author_name="Hồng Nhung",
    )
    unsigned = make_published(
        category,
        "Tin không ký",
        published_at=datetime(2026, 11, 6, tzinfo=VIETNAM),
        created_by=author,
    )
    grades = {typed.pk: (genres["Bài"], "C"), unsigned.pk: (genres["Tin"], "C")}
    sheets.grade_articles(grades=grades, actor=editor)
    view = sheets.read_sheet(RoyaltySheet.objects.create(month=NOVEMBER))
    found = {(g.writer_name, g.byline): [line.title for line in g.lines] for g in view.groups}
    assert found[("Cộng tác viên ngoài", "Hồng Nhung")] == ["Bài cộng tác"]
    assert found[("Xuân Hiền", "Xuân Hiền")] == ["Tin hội nghị", "Tin không ký", "Bài chuyên đề"]
    line = next(line for line in view.lines if line.title == "Tin hội nghị")
    assert (line.writer, line.pen_name.name) == (author, "Xuân Hiền")


def test_amounts_round_half_up_to_the_dong():
    """1,5 × 234.567 = 351.850,5 → 351.851 đồng."""
    assert amount_of(Decimal("1.5"), 234_567) == 351_851
    assert amount_of(Decimal("-1.5"), 234_567) == -351_851


def test_ungraded_articles_block_the_approval(month, category, author, head):
    """An article of the month without a grade is listed apart, and the sheet cannot be
    approved until it is graded."""
    make_published(
        category,
        "Chưa chấm",
        published_at=datetime(2026, 11, 15, tzinfo=VIETNAM),
        created_by=author,
    )
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    assert [a.title for a in sheets.read_sheet(sheet).ungraded] == ["Chưa chấm"]
    with pytest.raises(ValidationError, match="1 bài chưa chấm"):
        sheets.approve_sheet(sheet=sheet, actor=head)
    sheet.refresh_from_db()
    assert sheet.is_open()
    assert not sheet.lines.exists()


def test_without_a_unit_value_the_sheet_cannot_be_approved(month, head):
    UnitValue.objects.all().delete()
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    with pytest.raises(ValidationError, match="giá trị một hệ số"):
        sheets.approve_sheet(sheet=sheet, actor=head)


def test_the_unit_value_in_force_on_the_first_day_applies(month):
    UnitValue.objects.create(starts_on=date(2026, 11, 2), amount=999_999)
    assert sheets.read_sheet(RoyaltySheet.objects.create(month=NOVEMBER)).unit_value == 100_000
    UnitValue.objects.create(starts_on=NOVEMBER, amount=120_000)
    assert sheets.read_sheet(RoyaltySheet.objects.get(month=NOVEMBER)).amount == 3_840_000


def test_a_locked_sheet_never_changes(month, head, editor, genres):
    """After the lock, editing an article, its grade, the table and the unit value
    changes nothing on the sheet."""
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    sheets.approve_sheet(sheet=sheet, actor=head)
    sheets.lock_sheet(sheet=sheet, actor=head)
    before = [
        (line.title, line.byline, line.genre, line.coefficient, line.amount)
        for line in sheets.read_sheet(sheet).lines
    ]
    tin = month["tin"]
    tin.title, tin.author_name = "Tiêu đề đã sửa", "Bút danh mới"
    tin.save()
    sheets.grade_articles(grades={tin.pk: (genres["Phóng sự"], "A")}, actor=editor)
    Coefficient.objects.update(value=Decimal(50))
    UnitValue.objects.update(amount=1)
    sheet.refresh_from_db()
    after = [
        (line.title, line.byline, line.genre, line.coefficient, line.amount)
        for line in sheets.read_sheet(sheet).lines
    ]
    assert after == before
    assert sheets.read_sheet(sheet).amount == 3_200_000
    with pytest.raises(ValidationError):
        sheets.reopen_sheet(sheet=sheet, actor=head)


def test_a_draft_follows_the_articles_and_reopening_lets_it_follow_again(
    month, head, editor, genres
):
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    sheets.grade_articles(grades={month["anh"].pk: (genres["Ảnh"], "A")}, actor=editor)
    assert sheets.read_sheet(sheet).amount == 3_400_000
    sheets.approve_sheet(sheet=sheet, actor=head)
    sheets.grade_articles(grades={month["anh"].pk: (genres["Ảnh"], "C")}, actor=editor)
    assert sheets.read_sheet(sheet).amount == 3_400_000  # approved: copied figures
    sheets.reopen_sheet(sheet=sheet, actor=head)
    assert not sheet.lines.exists()
    assert sheets.read_sheet(sheet).amount == 3_200_000


def test_a_correction_is_a_new_line_in_an_open_month(month, head, editor, genres):
    """Re-grading an article of a locked month: the difference goes into a later open
    sheet, at the unit value of the article's month; the locked month stays as it was."""
    november = RoyaltySheet.objects.create(month=NOVEMBER)
    sheets.approve_sheet(sheet=november, actor=head)
    sheets.lock_sheet(sheet=november, actor=head)
    UnitValue.objects.create(starts_on=DECEMBER, amount=150_000)
    tin = month["tin"]
    sheets.grade_articles(grades={tin.pk: (genres["Bài"], "A")}, actor=editor)  # 3 → 10
    december = sheets.open_sheet(month=DECEMBER, actor=editor)
    assert [(a.pk, d) for a, d in sheets.corrections_due(DECEMBER)] == [(tin.pk, Decimal(7))]
    line = sheets.add_correction(sheet=december, article=tin, actor=head, note="Chấm lại")
    assert line.is_correction()
    assert line.corrects.sheet == november
    assert (line.coefficient, line.unit_value, line.amount) == (Decimal(7), 100_000, 700_000)
    assert (line.writer_name, line.byline) == ("Xuân Hiền", "Xuân Hiền")
    assert sheets.read_sheet(november).amount == 3_200_000
    assert [l.amount for l in sheets.read_sheet(december).lines] == [700_000]  # noqa: E741
    assert sheets.corrections_due(DECEMBER) == []
    with pytest.raises(ValidationError, match="không đổi"):
        sheets.add_correction(sheet=december, article=tin, actor=head, note="Lần nữa")


def test_corrections_are_refused_where_they_do_not_belong(month, head):
    november = RoyaltySheet.objects.create(month=NOVEMBER)
    december = RoyaltySheet.objects.create(month=DECEMBER)
    with pytest.raises(ValidationError, match="chưa khóa"):
        sheets.add_correction(sheet=december, article=month["tin"], actor=head, note="Sớm quá")
    sheets.approve_sheet(sheet=november, actor=head)
    sheets.lock_sheet(sheet=november, actor=head)
    with pytest.raises(ValidationError, match="đang lập"):
        sheets.add_correction(
            sheet=november, article=month["tin"], actor=head, note="Tháng đã khóa"
        )
    with pytest.raises(ValidationError, match="lý do"):
        sheets.add_correction(sheet=december, article=month["tin"], actor=head, note=" ")


def test_an_article_is_paid_once(month, head):
    """Moved to another month after its month was approved, an article is not paid again."""
    november = RoyaltySheet.objects.create(month=NOVEMBER)
    sheets.approve_sheet(sheet=november, actor=head)
    Article.objects.filter(pk=month["tin"].pk).update(
        published_at=datetime(2026, 12, 2, 8, tzinfo=VIETNAM)
    )
    december = RoyaltySheet.objects.create(month=DECEMBER)
    assert "Tin hội nghị" not in {line.title for line in sheets.read_sheet(december).lines}


def test_only_the_head_approves_locks_and_corrects(month, editor, author):
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    for step in (sheets.approve_sheet, sheets.lock_sheet, sheets.reopen_sheet):
        with pytest.raises(PermissionDenied):
            step(sheet=sheet, actor=editor)
    with pytest.raises(PermissionDenied):
        sheets.add_correction(sheet=sheet, article=month["tin"], actor=editor, note="x")
    with pytest.raises(PermissionDenied):
        sheets.grade_articles(grades={}, actor=author)
    assert RoyaltySheet.objects.get().is_open()


# --- the admin pages, by crafted requests -------------------------------------------------


def _step(sheet, step):
    return reverse("admin:news_royaltysheet_step", args=[sheet.pk, step])


def test_crafted_posts_from_an_editor_are_refused(client, month, editor):
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    client.force_login(editor)
    assert client.get(sheet.get_absolute_url()).status_code == 200
    for step in ("duyet", "khoa", "mo-lai"):
        assert client.post(_step(sheet, step)).status_code == 403
    response = client.post(_step(sheet, "dieu-chinh"), {"article": month["tin"].pk, "note": "x"})
    assert response.status_code == 403
    assert RoyaltySheet.objects.get().is_open()
    assert not RoyaltyLine.objects.exists()


def test_an_author_cannot_read_or_grade_sheets(client, month, author, genres):
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    client.force_login(author)
    assert client.get(sheet.get_absolute_url()).status_code == 403
    response = client.post(
        sheet.get_absolute_url(), {f"genre-{month['tin'].pk}": genres["Phóng sự"].pk, f"grade-{month['tin'].pk}": "A"}
    )  # fmt: skip
    assert response.status_code == 403
    assert month["tin"].royalty.genre.name == "Tin"
    assert client.get(_step(sheet, "duyet")).status_code in (403, 405)


def test_the_head_approves_and_locks_through_the_admin(client, month, head):
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    client.force_login(head)
    assert client.get(_step(sheet, "duyet")).status_code == 405  # a GET changes nothing
    assert client.post(_step(sheet, "khoa")).status_code == 302  # not approved yet: refused
    assert RoyaltySheet.objects.get().is_open()
    client.post(_step(sheet, "duyet"))
    client.post(_step(sheet, "khoa"))
    sheet.refresh_from_db()
    assert sheet.is_locked()
    assert sheet.approved_by == head
    assert sheet.lines.count() == 4
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert "3.200.000" in page
    assert "Đã khóa" in page
    assert 'name="genre-' not in page


def test_an_editor_grades_from_the_sheet_page(client, month, editor, genres, category, author):
    new = make_published(
        category, "Bài mới", published_at=datetime(2026, 11, 16, tzinfo=VIETNAM), created_by=author
    )
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    client.force_login(editor)
    response = client.post(
        sheet.get_absolute_url(), {f"genre-{new.pk}": genres["Bài dịch"].pk, f"grade-{new.pk}": "B"}
    )
    assert response.status_code == 302
    new.refresh_from_db()
    assert (new.royalty.genre.name, new.royalty.grade, new.royalty.graded_by) == (
        "Bài dịch",
        "B",
        editor,
    )
    assert sheets.read_sheet(sheet).amount == 3_700_000


def test_the_sheet_page_reads_in_constant_queries(
    client, month, head, category, author, genres, django_assert_max_num_queries
):
    """The draft page's queries do not grow with its articles."""
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    client.force_login(head)
    client.get(sheet.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(sheet.get_absolute_url())
    for day in range(1, 21):
        item = make_published(
            category,
            f"Tin {day}",
            published_at=datetime(2026, 11, day, 10, tzinfo=VIETNAM),
            created_by=author,
        )
        sheets.grade_articles(grades={item.pk: (genres["Tin"], "B")}, actor=head)
    with django_assert_max_num_queries(len(few)):
        client.get(sheet.get_absolute_url())


def test_crafted_ids_are_404s(client, head):
    client.force_login(head)
    sheet = RoyaltySheet.objects.create(month=NOVEMBER)
    for url in (
        reverse("admin:news_royaltysheet_change", args=["abc"]),
        reverse("admin:news_royaltysheet_change", args=[sheet.pk + 99]),
        reverse("admin:news_royaltysheet_export", args=["1%00", "csv"]),
        reverse("admin:news_royaltysheet_export", args=[sheet.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(_step(sheet, "xoa")).status_code == 404
    assert (
        client.post(reverse("admin:news_royaltysheet_step", args=["x", "duyet"])).status_code == 404
    )
