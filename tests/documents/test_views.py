"""The public documents pages: list, filters, search by code and by words inside files,
the detail page, downloads; internal documents nowhere; fixed query counts."""

from datetime import date

import pytest
from django.urls import reverse

from documents.models import Document
from portal.demo.documents import make_pdf
from tests.documents import factories

pytestmark = pytest.mark.django_db

LIST = reverse("documents:document_list")


def _codes(response) -> list[str]:
    return [doc.code for doc in response.context["documents"]]


@pytest.fixture
def directive(db):
    return factories.document(
        code="05-CT/TW",
        title="Chỉ thị về tiếp tục đẩy mạnh học tập và làm theo tư tưởng Hồ Chí Minh",
        kind=factories.kind("Chỉ thị"),
        issuer=factories.issuer("Bộ Chính trị"),
        issued_on=date(2016, 5, 15),
        signer_name="Nguyễn Văn A",
    )


@pytest.fixture
def bloc_resolution(db):
    return factories.document(code="12-NQ/ĐUK", title="Nghị quyết về công tác cán bộ")


@pytest.mark.parametrize("typed", ["05-CT/TW", "05 ct tw", "5/CT-TW", "5-ct/tw", "CT/TW 05"])
def test_the_code_is_found_however_it_is_typed(client, directive, bloc_resolution, typed):
    response = client.get(LIST, {"q": typed})
    assert _codes(response) == ["05-CT/TW"]


@pytest.mark.parametrize("typed", ["ĐUK", "DUK", "duk", "12-nq/duk"])
def test_issuer_abbreviations_are_found_with_or_without_the_d_stroke(
    client, directive, bloc_resolution, typed
):
    response = client.get(LIST, {"q": typed})
    assert _codes(response) == ["12-NQ/ĐUK"]


def test_a_number_alone_does_not_match_a_longer_one(client, directive):
    """ "5" is the word 5: not 15, not 150."""
    factories.document(
        code="15-CT/TW", kind=factories.kind("Chỉ thị"), issuer=factories.issuer("Bộ Chính trị")
    )
    assert _codes(client.get(LIST, {"q": "chỉ thị 05"})) == ["05-CT/TW"]


def test_a_word_only_inside_the_pdf_is_found_without_accents(client, bloc_resolution):
    """The keeper's PDF says «quán triệt sâu rộng»; the reader types "quan triet sau rong"."""
    factories.attach(
        bloc_resolution,
        factories.upload(
            "nq.pdf",
            make_pdf("Nghị quyết", ["Các chi bộ quán triệt sâu rộng tinh thần Nghị quyết."]),
        ),
    )
    factories.document(code="13-NQ/ĐUK", title="Nghị quyết khác")
    response = client.get(LIST, {"q": "quan triet sau rong"})
    assert _codes(response) == ["12-NQ/ĐUK"]


def test_filters_narrow_the_list_and_show_counts(client, directive, bloc_resolution):
    response = client.get(LIST, {"loai": "chi-thi"})
    assert _codes(response) == ["05-CT/TW"]
    page = response.content.decode()
    assert "Chỉ thị (1)" in page
    assert "Nghị quyết (1)" in page
    assert _codes(client.get(LIST, {"cap": "trung-uong"})) == ["05-CT/TW"]
    assert _codes(client.get(LIST, {"nam": "2016"})) == ["05-CT/TW"]
    assert _codes(client.get(LIST, {"nguoi_ky": "Nguyễn Văn A"})) == ["05-CT/TW"]
    assert _codes(client.get(LIST, {"co_quan": "dang-uy-khoi"})) == ["12-NQ/ĐUK"]


def test_filter_by_validity(client, directive):
    factories.document(
        code="1-KH/ĐUK", issued_on=date(2020, 1, 1), effective_until=date(2020, 12, 31)
    )
    expired = client.get(LIST, {"hieu_luc": "het-hieu-luc"})
    assert _codes(expired) == ["1-KH/ĐUK"]


def test_newest_issued_first(client):
    for day in (3, 1, 2):
        factories.document(code=f"{day}-TB/ĐUK", issued_on=date(2026, 1, day))
    assert _codes(client.get(LIST)) == ["3-TB/ĐUK", "2-TB/ĐUK", "1-TB/ĐUK"]


def test_absurd_input_is_answered_not_an_error(client, directive):
    response = client.get(
        LIST, {"q": "\x00" + "'; drop table" * 100, "nam": "x", "loai": "khong-co"}
    )
    assert response.status_code == 200


def test_detail_page_shows_the_metadata_table(client, directive):
    response = client.get(directive.get_absolute_url())
    page = response.content.decode()
    for label in (
        "Số ký hiệu",
        "Ngày ban hành",
        "Ngày hiệu lực",
        "Cơ quan ban hành",
        "Người ký",
        "Thể loại",
        "Lĩnh vực",
        "Tình trạng hiệu lực",
    ):
        assert f'<th scope="row">{label}</th>' in page
    assert "15/05/2016" in page
    assert '"@type": "DigitalDocument"' in page


def test_old_slug_redirects_permanently(client, directive):
    url = reverse("documents:document_detail", kwargs={"slug": "ten-cu", "pk": directive.pk})
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == directive.get_absolute_url()


def test_the_chain_is_shown_both_ways(client):
    old = factories.document(code="1-QC/ĐUK", issued_on=date(2020, 1, 1))
    new = factories.document(code="2-QC/ĐUK", issued_on=date(2024, 1, 1), replaces=old)
    old.refresh_from_db()
    old_page = client.get(old.get_absolute_url())
    assert old_page.context["replaced_by_chain"] == [new]
    assert "Bị thay thế" in old_page.content.decode()
    assert client.get(new.get_absolute_url()).context["replaces_chain"] == [old]


def test_files_are_listed_with_type_and_size_and_download(client, directive):
    item = factories.attach(directive, factories.pdf_upload("Chỉ thị 05.pdf"), label="Toàn văn")
    page = client.get(directive.get_absolute_url()).content.decode()
    assert "Toàn văn" in page
    assert "PDF, " in page
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="chi-thi-05.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_old_file_name_redirects_to_the_current_one(client, directive, internal, admin_user):
    """A file's address under another name (an old label, a mistyped name) answers with
    the current address: 301 for a public document, 302 for an internal one."""
    item = factories.attach(directive, factories.pdf_upload("Chỉ thị 05.pdf"))
    old = reverse("documents:file_download", kwargs={"pk": item.pk, "name": "ten-cu.pdf"})
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()
    _doc, secret = internal
    client.force_login(admin_user)
    old = reverse("documents:file_download", kwargs={"pk": secret.pk, "name": "ten-cu.pdf"})
    response = client.get(old)
    assert response.status_code == 302
    assert response["Location"] == secret.get_absolute_url()


def test_office_files_are_downloaded_as_attachments(client, directive):
    item = factories.attach(directive, factories.upload("kh.docx", factories.docx_bytes()))
    response = client.get(item.get_absolute_url())
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_downloads_are_counted_through_the_cache(client, directive, settings):
    settings.VIEW_COUNT_FLUSH_SECONDS = 3600
    item = factories.attach(directive, factories.pdf_upload())
    for _ in range(3):
        client.get(item.get_absolute_url())
    directive.refresh_from_db()
    assert directive.download_count == 1  # the first download flushed itself; two wait
    assert client.get(directive.get_absolute_url()).context["download_count"] == 3


def test_x_accel_redirect_in_production(client, directive, settings):
    settings.DOCUMENT_ACCEL_REDIRECT_PREFIX = "/_van-ban/"
    item = factories.attach(directive, factories.pdf_upload())
    response = client.get(item.get_absolute_url())
    assert response["X-Accel-Redirect"] == f"/_van-ban/{item.file.name}"
    assert response.content == b""


# --- internal documents are nowhere public --------------------------------------------


@pytest.fixture
def internal(db):
    doc = factories.document(
        code="99-HD/ĐUK",
        title="Hướng dẫn mật danh Sencha nội bộ",
        visibility=Document.Visibility.INTERNAL,
    )
    item = factories.attach(doc, factories.upload("noi-bo.pdf", make_pdf("Nội bộ", ["Sencha"])))
    return doc, item


def test_internal_documents_are_absent_from_every_public_page(client, internal, directive):
    doc, item = internal
    pages = [
        LIST,
        f"{LIST}?q=sencha",
        f"{LIST}?q=99-HD/DUK",
        reverse("documents:feed"),
        reverse("portal:sitemap_section", kwargs={"section": "van-ban"}),
        reverse("portal:home"),
        reverse("news:search") + "?q=sencha",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "mật danh Sencha" not in page, url
        assert f"-{doc.pk}/" not in page, url
        assert item.get_absolute_url() not in page, url
    assert client.get(doc.get_absolute_url()).status_code == 404
    assert client.get(item.get_absolute_url()).status_code == 404


def test_drafts_and_withdrawn_documents_are_404(client):
    for status in (Document.Status.DRAFT, Document.Status.WITHDRAWN):
        doc = factories.document(status=status)
        assert client.get(doc.get_absolute_url()).status_code == 404


def test_staff_download_internal_files_uncached(client, internal, django_user_model):
    from django.contrib.auth.models import Group

    _doc, item = internal
    keeper = django_user_model.objects.create_user("vanthu", is_staff=True)
    keeper.groups.add(Group.objects.get(name="Quản trị văn bản"))
    client.force_login(keeper)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    client.logout()
    staff_without_right = django_user_model.objects.create_user("khac", is_staff=True)
    client.force_login(staff_without_right)
    assert client.get(item.get_absolute_url()).status_code == 404


# --- query counts, constant in the number of documents --------------------------------

# page-cache state (news), the filters' counts (level, year, validity, signer), the
# counted kinds, fields and issuers, count, page, footer, menu (2: the top level, what
# hangs under it). The counts are then kept until the content moves, so a filtered list
# or a search runs count, page, footer and menu (2); the detail page: the document,
# fields, files, chain (2), amends (2), related, same kind, news, footer, menu (2)
LIST_QUERIES = 13
FILTERED_QUERIES = 5
SEARCH_QUERIES = 5
DETAIL_QUERIES = 13
# The chrome (footer settings, menu: 3 queries) is built by the first page of a content
# state and read from the cache by the next ones (portal/chrome.py).
CHROME_QUERIES = 3


def _bulk(n: int):
    kind, issuer = factories.kind(), factories.issuer()
    Document.objects.bulk_create(
        Document(
            code=f"{i}-NQ/ĐUK",
            title=f"Nghị quyết số {i} về công tác xây dựng Đảng",
            kind=kind,
            issuer=issuer,
            issued_on=date(2000 + i % 25, 1 + i % 12, 1),
            status=Document.Status.PUBLISHED,
            signer_name=f"Người ký {i % 7}",
        )
        for i in range(1, n + 1)
    )


def test_filter_counts_are_kept_until_the_content_moves(client, directive):
    """The counts are computed once; a new document shows in them only once the content
    state moves (what every write path does), never from a stale count after that."""
    from pagecache import move_generation

    assert "Chỉ thị (1)" in client.get(LIST, {"q": "chi thi"}).content.decode()
    factories.document(code="06-CT/TW", kind=factories.kind("Chỉ thị"))
    assert "Chỉ thị (1)" in client.get(LIST, {"q": "chi thi"}).content.decode()  # kept
    move_generation()
    assert "Chỉ thị (2)" in client.get(LIST, {"q": "chi thi"}).content.decode()


@pytest.mark.parametrize("count", [5, 500])
def test_list_filter_search_and_detail_run_fixed_queries(client, django_assert_num_queries, count):
    _bulk(count)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(LIST)
    assert len(response.context["documents"]) == min(20, count)
    with django_assert_num_queries(FILTERED_QUERIES - CHROME_QUERIES):
        client.get(LIST, {"loai": "nghi-quyet", "nam": "2001", "hieu_luc": "con-hieu-luc"})
    with django_assert_num_queries(SEARCH_QUERIES - CHROME_QUERIES):
        response = client.get(LIST, {"q": "xay dung dang"})
    assert len(response.context["documents"]) == min(20, count)
    doc = Document.objects.order_by("pk").last()
    with django_assert_num_queries(DETAIL_QUERIES - CHROME_QUERIES):
        assert client.get(doc.get_absolute_url()).status_code == 200


def test_site_search_has_a_documents_section(client, directive):
    """/tim-kiem/ shows the documents found, and its "Văn bản" section leads to the library."""
    response = client.get(reverse("news:search"), {"q": "05 CT TW"})
    assert "05-CT/TW" in response.content.decode()
    assert response.context["documents"]["count"] == 1
    response = client.get(reverse("news:search"), {"q": "học tập", "muc": "van-ban"})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?q=h%E1%BB%8Dc+t%E1%BA%ADp"


def test_run_periodic_flushes_the_pending_downloads(client, directive, settings):
    """`manage.py run_periodic` moves every document's pending downloads; again, nothing."""
    from io import StringIO

    from django.core.management import call_command

    settings.VIEW_COUNT_FLUSH_SECONDS = 3600
    item = factories.attach(directive, factories.pdf_upload())
    for _ in range(3):
        client.get(item.get_absolute_url())
    out = StringIO()
    call_command("run_periodic", "documents.flush_downloads", stdout=out)
    assert "documents.flush_downloads: xong (2)" in out.getvalue()
    directive.refresh_from_db()
    assert directive.download_count == 3
    call_command("run_periodic", "documents.flush_downloads", "--force", stdout=StringIO())
    directive.refresh_from_db()
    assert directive.download_count == 3
