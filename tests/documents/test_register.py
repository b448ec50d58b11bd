"""manage.py import_documents: a CSV register and a folder of files, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document, DocumentFile
from portal.demo.documents import make_pdf
from tests.documents import factories

pytestmark = pytest.mark.django_db

HEADER = "code,title,kind,issuer,issued_on,effective_until,signer_name,subjects,visibility,replaces,files\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "nq12.pdf").write_bytes(
        make_pdf("Nghị quyết 12", ["Nâng cao chất lượng sinh hoạt chi bộ"])
    )
    (tmp_path / "kh149.docx").write_bytes(factories.docx_bytes("Kế hoạch kiểm tra"))
    (tmp_path / "gia.pdf").write_bytes(b"<html>not a pdf</html>")
    return tmp_path


def _run(tmp_path, folder, rows: str, *args):
    register = tmp_path / "so-van-ban.csv"
    register.write_text(HEADER + rows, encoding="utf-8")
    call_command("import_documents", str(register), str(folder), *args)


def test_a_good_register_is_imported_with_its_files(tmp_path, folder):
    _run(
        tmp_path,
        folder,
        "12-NQ/ĐUK,Nghị quyết về sinh hoạt chi bộ,Nghị quyết,ĐUK,05/03/2024,,Phan Minh Khoa,Xây dựng Đảng,công khai,,nq12.pdf\n"
        "15-NQ/ĐUK,Nghị quyết thay thế,nghi quyet,Đảng ủy Khối,2026-01-10,,,,nội bộ,12-NQ/DUK,kh149.docx\n",
    )
    old, new = Document.objects.order_by("issued_on")
    assert new.replaces == old
    assert new.visibility == Document.Visibility.INTERNAL
    assert "nang cao chat luong sinh hoat chi bo" in old.search_body
    assert list(old.subjects.values_list("name", flat=True)) == ["Xây dựng Đảng"]
    assert DocumentFile.objects.count() == 2


def test_every_problem_is_reported_by_line_and_nothing_is_written(tmp_path, folder):
    factories.document(code="7-KH/ĐUK", issued_on=factories.date(2025, 2, 1))
    rows = (
        "12-NQ/ĐUK,Đúng,Nghị quyết,ĐUK,05/03/2024,,,,,,nq12.pdf\n"
        "13-NQ/ĐUK,Thể loại lạ,Sắc lệnh,ĐUK,05/03/2024,,,,,,\n"
        "14-NQ/ĐUK,Ngày sai,Nghị quyết,ĐUK,31/02/2024,,,,,,\n"
        "15-NQ/ĐUK,Tệp giả,Nghị quyết,ĐUK,05/03/2024,,,,,,gia.pdf\n"
        "7-KH/ĐUK,Trùng số,Kế hoạch,ĐUK,01/06/2025,,,,,,\n"
        "16-NQ/ĐUK,Hết hạn trước hiệu lực,Nghị quyết,ĐUK,05/03/2024,01/01/2024,,,,,\n"
        "17-NQ/ĐUK,Thiếu tệp,Nghị quyết,ĐUK,05/03/2024,,,,,,khong-co.pdf\n"
        "18-NQ/ĐUK,Thoát thư mục,Nghị quyết,ĐUK,05/03/2024,,,,,,../so-van-ban.csv\n"
    )
    with pytest.raises(CommandError) as error:
        _run(tmp_path, folder, rows)
    message = str(error.value)
    assert "Dòng 3: không có thể loại «Sắc lệnh»" in message
    assert "Dòng 4: ngày «31/02/2024» không hợp lệ" in message
    assert "Dòng 5: tệp: Đây là trang HTML" in message
    assert "Dòng 6: Cơ quan ban hành này đã có một văn bản cùng số ký hiệu" in message
    assert "Dòng 7: ngày hết hiệu lực: Ngày hết hiệu lực phải sau" in message
    assert "Dòng 8: không có tệp «khong-co.pdf»" in message
    assert "Dòng 9: không có tệp «../so-van-ban.csv»" in message
    assert "Dòng 2" not in message
    assert Document.objects.count() == 1  # only the one made above
    assert not DocumentFile.objects.exists()


def test_a_duplicate_inside_the_file_is_refused(tmp_path, folder):
    """Rows are checked against the rows above them by the same constraint as the admin."""
    with pytest.raises(
        CommandError, match="Dòng 3: Cơ quan ban hành này đã có một văn bản cùng số ký hiệu"
    ):
        _run(
            tmp_path,
            folder,
            "12-NQ/ĐUK,A,Nghị quyết,ĐUK,05/03/2024,,,,,,\n12 nq duk,B,Nghị quyết,ĐUK,06/03/2024,,,,,,\n",
        )
    assert not Document.objects.exists()


def test_a_dry_run_writes_nothing(tmp_path, folder):
    _run(tmp_path, folder, "12-NQ/ĐUK,A,Nghị quyết,ĐUK,05/03/2024,,,,,,nq12.pdf\n", "--dry-run")
    assert not Document.objects.exists()
