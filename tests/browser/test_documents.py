"""A keeper registers a document with a PDF in the admin; the public finds it by a word
that is only inside the PDF, typed without accents, and downloads it."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from playwright.sync_api import expect

from documents.models import Issuer, Kind
from portal.demo.documents import make_pdf
from tests.browser.session import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _choose(page, field: str, text: str):
    """Pick `text` in one of the admin's autocomplete (select2) fields."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.fill(".select2-container--open .select2-search__field", text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_keeper_registers_a_pdf_and_the_public_finds_and_downloads_it(live_server, page, tmp_path):
    # Transactional tests flush the data migrations' rows: make what the form needs.
    Kind.objects.get_or_create(name="Kế hoạch", defaults={"slug": "ke-hoach", "abbreviation": "KH"})
    Issuer.objects.get_or_create(
        name="Đảng ủy Khối",
        defaults={"slug": "dang-uy-khoi", "abbreviation": "ĐUK", "level": "dang-uy-khoi"},
    )
    keeper = User.objects.create_user("vanthu", password="mat-khau-dai-123", is_staff=True)
    keeper.user_permissions.set(
        Permission.objects.filter(content_type__app_label="documents").exclude(
            codename__startswith="delete_"
        )
    )
    pdf = tmp_path / "ke-hoach-149.pdf"
    pdf.write_bytes(
        make_pdf("Kế hoạch", ["Tổ chức hội thao truyền thống chào mừng ngày thành lập Đảng bộ."])
    )

    log_in(page, live_server.url, "vanthu", "mat-khau-dai-123")
    page.goto(live_server.url + reverse("admin:documents_document_add"))
    page.fill("#id_code", "149-KH/ĐUK")
    page.fill("#id_title", "Kế hoạch tổ chức các hoạt động kỷ niệm năm 2026")
    _choose(page, "kind", "Kế hoạch")
    _choose(page, "issuer", "Đảng ủy Khối")
    page.fill("#id_issued_on", "05/03/2026")
    page.set_input_files("#id_files-0-file", str(pdf))
    page.click("input[name=_publish]")
    expect(page.locator(".messagelist")).to_contain_text("Đã lưu và công bố")

    public = page.context.browser.new_context(locale="vi-VN")
    reader = public.new_page()
    reader.goto(live_server.url + reverse("documents:document_list"))
    reader.fill(".doc-search #id_q", "hoi thao truyen thong")  # only inside the PDF, no accents
    reader.click(".doc-search button[type=submit]")
    result = reader.locator(".doc-row__title a")
    expect(result).to_have_count(1)
    result.click()
    expect(reader.locator("h1")).to_have_text("Kế hoạch tổ chức các hoạt động kỷ niệm năm 2026")
    link = reader.locator(".doc-files__link")
    response = reader.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    assert response.body().startswith(b"%PDF-")
    public.close()
