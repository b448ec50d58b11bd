import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from organizations.models import Organization, OrganizationEvent
from tests.organizations import factories as f

pytestmark = pytest.mark.django_db

K = Organization.Kind
HEADER = (
    "slug,name,short_name,kind,parent,host_unit,address,phone,email,member_count,"
    "established_on,status,ended_on,merged_into,order,description"
)
VALID = f"""{HEADER}
dang-bo-khoi,Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh Sơn Hà,Đảng bộ Khối,Đảng bộ Khối,,Đảng ủy Khối,"Số 12 Trần Hưng Đạo, Sơn Hà",0233 3852123,dangbokhoi@example.vn,0,2019-06-26,Đang hoạt động,,,0,"Thành lập năm 2019,
trên cơ sở hợp nhất hai Đảng bộ Khối."
dang-bo-so-y-te,Đảng bộ Sở Y tế,,grassroots_committee,dang-bo-khoi,Sở Y tế,,,,4,15/07/2019,,,,1,
bv-tinh,Đảng bộ bộ phận Bệnh viện tỉnh,,Đảng bộ bộ phận,dang-bo-so-y-te,,,,,1,2020-03-02,active,,,0,
chi-bo-khoi-noi,Chi bộ Khối Nội,,chi bo truc thuoc,bv-tinh,,,,,12,2020-03-02,,,,0,
chi-bo-so-tu-phap,Chi bộ Sở Tư pháp,,Chi bộ cơ sở,dang-bo-khoi,Sở Tư pháp,,,,21,2019-07-15,,,,2,
chi-bo-quy-dau-tu,Chi bộ Quỹ Đầu tư,,Chi bộ cơ sở,dang-bo-khoi,,,,,8,2019-07-15,Đã giải thể,2022-12-30,,3,
chi-bo-so-thong-tin,Chi bộ Sở Thông tin,,Chi bộ cơ sở,dang-bo-khoi,,,,,18,2019-07-15,merged,2025-03-01,chi-bo-so-khoa-hoc,4,
chi-bo-so-khoa-hoc,Chi bộ Sở Khoa học,,Chi bộ cơ sở,dang-bo-khoi,,,,,37,2019-07-15,,,,5,
"""


@pytest.fixture
def write(tmp_path):
    def write(text, name="to-chuc.csv", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_organizations", path, *args, stdout=out)
    return out.getvalue()


def run_export(*args):
    out = io.StringIO()
    call_command("export_organizations", *args, stdout=out)
    return out.getvalue()


def state():
    """Everything the register holds, comparable across runs."""
    return sorted(
        Organization.objects.values_list(
            "slug",
            "name",
            "short_name",
            "kind",
            "parent__slug",
            "host_unit",
            "address",
            "phone",
            "email",
            "member_count",
            "established_on",
            "status",
            "ended_on",
            "merged_into__slug",
            "order",
            "description",
        )
    )


def test_import_a_valid_file(write):
    """Every row lands with its kind, parent, dates, status and merger target."""
    output = run_import(write(VALID))
    assert "8 tạo mới, 0 cập nhật, 0 không đổi" in output
    assert Organization.objects.count() == 8
    leaf = Organization.objects.get(slug="chi-bo-khoi-noi")
    assert (leaf.kind, leaf.parent.slug, leaf.member_count) == (K.SUBORDINATE_CELL, "bv-tinh", 12)
    health = Organization.objects.get(slug="dang-bo-so-y-te")
    assert health.established_on == date(2019, 7, 15)  # day-first date accepted
    merged = Organization.objects.get(slug="chi-bo-so-thong-tin")
    assert merged.merged_into.slug == "chi-bo-so-khoa-hoc"
    assert merged.ended_on == date(2025, 3, 1)
    root = Organization.objects.get(slug="dang-bo-khoi")
    assert root.description == "Thành lập năm 2019,\ntrên cơ sở hợp nhất hai Đảng bộ Khối."
    assert root.address == "Số 12 Trần Hưng Đạo, Sơn Hà"
    assert not OrganizationEvent.objects.exists()  # the register load is not history


def test_import_is_idempotent(write):
    """Running the same file again changes nothing and says so."""
    path = write(VALID)
    run_import(path)
    before = state()
    updated = {org.pk: org.updated_at for org in Organization.objects.all()}
    output = run_import(path)
    assert "0 tạo mới, 0 cập nhật, 8 không đổi" in output
    assert state() == before
    assert {org.pk: org.updated_at for org in Organization.objects.all()} == updated


def test_import_updates_by_slug(write):
    """A changed row updates the organization with that slug; the others stay."""
    run_import(write(VALID))
    changed = VALID.replace(
        "Chi bộ Sở Tư pháp,,Chi bộ cơ sở,dang-bo-khoi,Sở Tư pháp,,,,21",
        "Chi bộ Sở Tư pháp tỉnh,,Chi bộ cơ sở,dang-bo-khoi,Sở Tư pháp,,,,25",
    )
    output = run_import(write(changed, "2.csv"))
    assert "0 tạo mới, 1 cập nhật, 7 không đổi" in output
    cell = Organization.objects.get(slug="chi-bo-so-tu-phap")
    assert (cell.name, cell.member_count) == ("Chi bộ Sở Tư pháp tỉnh", 25)


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        (
            "chi-bo-moi,Chi bộ mới,,Chi bộ cơ sở,khong-ton-tai,,,,,3,2020-01-01,,,,0,",
            "không tìm thấy tổ chức cấp trên «khong-ton-tai»",
        ),
        (
            "chi-bo-moi,Chi bộ mới,,Chi bộ trực thuộc,dang-bo-khoi,,,,,3,2020-01-01,,,,0,",
            "Chi bộ trực thuộc không thể trực thuộc Đảng bộ Khối",
        ),
        (
            "chi-bo-moi,Chi bộ mới,,Chi bộ cơ sở,dang-bo-khoi,,,,,3,31/02/2020,,,,0,",
            "cột established_on «31/02/2020»: Nhập một ngày hợp lệ",
        ),
        (
            "chi-bo-moi,Chi bộ mới,,Tổ đảng,dang-bo-khoi,,,,,3,2020-01-01,,,,0,",
            "cột kind «Tổ đảng»: không phải loại hình nào đã biết",
        ),
        (
            "chi-bo-moi,Chi bộ mới,,Chi bộ cơ sở,dang-bo-khoi,,,,,ba,2020-01-01,,,,0,",
            "cột member_count «ba»: cần một số nguyên không âm",
        ),
        (
            "chi-bo-so-tu-phap,Chi bộ trùng,,Chi bộ cơ sở,dang-bo-khoi,,,,,3,2020-01-01,,,,0,",
            "đường dẫn «chi-bo-so-tu-phap» trùng với dòng 7",
        ),
        (
            "chi-bo-moi,Chi bộ mới,,Chi bộ cơ sở,dang-bo-khoi,,,,,3,2020-01-01,Đã giải thể,,,0,",
            "tổ chức đã giải thể hoặc hợp nhất phải có ngày kết thúc",
        ),
        (
            "khoi-hai,Đảng bộ Khối hai,,Đảng bộ Khối,,,,,,0,2020-01-01,,,,0,",
            "Đã có một Đảng bộ Khối đang hoạt động",
        ),
    ],
)
def test_one_bad_row_rejects_the_whole_file(write, bad_row, reason):
    """A bad row (unknown parent, illegal placement, bad date, bad kind, …) rejects the file
    with its line number and reason; nothing at all is written."""
    existing = f.bloc(
        name="Khối có sẵn",
        slug="khoi-co-san",
        established_on=None,
        status="dissolved",
        ended_on=date(2019, 1, 1),
    )
    before = state()
    text = VALID + bad_row + "\n"
    with pytest.raises(CommandError) as error:
        run_import(write(text))
    message = str(error.value)
    assert "bị từ chối, không có thay đổi nào được ghi" in message
    assert re.search(r"Dòng (2, )?11: ", message)
    assert reason in message
    assert state() == before
    assert Organization.objects.get() == existing


def test_cycle_in_the_file_is_rejected(write):
    """Two rows naming each other as parent are a cycle, refused with both lines."""
    text = VALID + (
        "a,Đảng bộ bộ phận A,,Đảng bộ bộ phận,b,,,,,0,,,,,0,\n"
        "b,Đảng bộ bộ phận B,,Đảng bộ bộ phận,a,,,,,0,,,,,0,\n"
    )
    with pytest.raises(CommandError) as error:
        run_import(write(text))
    assert "Dòng 11:" in str(error.value)
    assert not Organization.objects.exists()


def test_import_checks_organizations_left_out_of_the_file(write):
    """Changing a đảng bộ into a chi bộ while it still holds chi bộ in the database is refused."""
    run_import(write(VALID))
    changed = VALID.replace(
        "dang-bo-so-y-te,Đảng bộ Sở Y tế,,grassroots_committee",
        "dang-bo-so-y-te,Đảng bộ Sở Y tế,,grassroots_cell",
    )
    only_that_row = "\n".join([HEADER, changed.splitlines()[3]]) + "\n"
    with pytest.raises(CommandError) as error:
        run_import(write(only_that_row, "3.csv"))
    assert "Dòng 2: «Đảng bộ bộ phận Bệnh viện tỉnh» (không có trong tệp)" in str(error.value)
    assert Organization.objects.get(slug="dang-bo-so-y-te").kind == K.GRASSROOTS_COMMITTEE


def test_columns_left_out_are_kept(write):
    """A file with only some columns updates those and keeps the rest."""
    run_import(write(VALID))
    run_import(
        write(
            "slug,name,kind,parent,member_count\nchi-bo-so-tu-phap,Chi bộ Sở Tư pháp,Chi bộ cơ sở,dang-bo-khoi,30\n",
            "4.csv",
        )
    )
    cell = Organization.objects.get(slug="chi-bo-so-tu-phap")
    assert cell.member_count == 30
    assert cell.host_unit == "Sở Tư pháp"
    assert cell.established_on == date(2019, 7, 15)


def test_unknown_and_missing_columns_are_refused(write):
    """A misspelt column or a missing required one refuses the file at line 1."""
    with pytest.raises(CommandError, match="Dòng 1: cột không hợp lệ: ten"):
        run_import(write("slug,ten,kind\nx,X,bloc\n"))
    with pytest.raises(CommandError, match="thiếu cột bắt buộc: kind"):
        run_import(write("slug,name\nx,X\n"))


def test_excel_files_with_bom_and_semicolons_are_read(write):
    """Excel's "CSV UTF-8" (with BOM) and semicolon-separated files both load."""
    text = VALID.replace(",", ";").replace('"Số 12 Trần Hưng Đạo; Sơn Hà"', "Số 12 Trần Hưng Đạo")
    text = text.replace('"Thành lập năm 2019;\ntrên cơ sở hợp nhất hai Đảng bộ Khối."', "")
    run_import(write(text, encoding="utf-8-sig"))
    assert Organization.objects.count() == 8


def test_non_utf8_file_is_refused(write):
    """A file in another encoding is refused with advice, not garbled."""
    with pytest.raises(CommandError, match="không phải văn bản UTF-8"):
        run_import(write(VALID, encoding="utf-16"))


def test_dry_run_writes_nothing(write):
    """--dry-run checks the file and reports, but writes nothing."""
    output = run_import(write(VALID), "--dry-run")
    assert "Tệp hợp lệ" in output
    assert not Organization.objects.exists()


def test_missing_file_is_a_clear_error():
    """An unreadable path is a CommandError in Vietnamese."""
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run_import("/khong/co/tep.csv")


def test_round_trip_import_export_import(write, tmp_path):
    """import → export → import: the export reads back with nothing to change, and the
    exported file carries the same register."""
    run_import(write(VALID))
    before = state()
    exported = run_export()
    assert exported.splitlines()[0] == HEADER
    assert exported.splitlines()[1].startswith("dang-bo-khoi,")  # parents first
    output = run_import(write(exported, "export.csv"))
    assert "0 tạo mới, 0 cập nhật, 8 không đổi" in output
    assert state() == before
    # Into an empty database the export rebuilds the same register.
    # (merged_into protects its target: what merged goes first, as dissolved)
    Organization.objects.filter(status="merged").update(status="dissolved", merged_into=None)
    for org in Organization.objects.with_tree_fields().order_by("-tree_depth"):
        org.delete()
    run_import(write(exported, "export-again.csv"))
    assert state() == before


def test_export_to_a_file_opens_in_excel(tmp_path, write):
    """Given a file name, the export writes UTF-8 with a BOM."""
    run_import(write(VALID))
    target = tmp_path / "ra.csv"
    output = run_export(str(target))
    assert "Đã xuất 8 tổ chức" in output
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Đảng bộ Sở Y tế" in raw.decode("utf-8-sig")
