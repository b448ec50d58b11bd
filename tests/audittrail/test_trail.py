"""The audit trail page and its command: who did what, when, for superusers only."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from news.models import Article, ArticleTransition
from organizations.models import OrganizationEvent
from tests.news.factories import EDITOR, make_draft, make_user
from tests.organizations.factories import bloc

pytestmark = pytest.mark.django_db

URL = "admin:audittrail_audittrail_changelist"
S = Article.Status


def at(day, hour=9):
    return datetime(2025, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def people():
    return {
        "hoa": make_user("bientap", EDITOR, first_name="Hoa", last_name="Lê Thị"),
        "an": make_user("quantri", is_superuser=True, first_name="An", last_name="Nguyễn Văn"),
    }


@pytest.fixture
def history(people):
    article = make_draft(title="Hội nghị Ban Chấp hành lần thứ 5")
    ArticleTransition.objects.create(
        article=article,
        actor=people["hoa"],
        from_status=S.PENDING,
        to_status=S.PUBLISHED,
        note="Đã duyệt",
        created_at=at(3),
    )
    khoi = bloc(name="Đảng bộ Khối Cơ quan tỉnh")
    OrganizationEvent.objects.create(
        organization=khoi,
        kind=OrganizationEvent.Kind.RENAMED,
        date=date(2025, 3, 1),
        decision_number="1405-QĐ/TU",
        created_by=people["an"],
        created_at=at(5),
    )
    LogEntry.objects.create(
        user=people["an"],
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(article.pk),
        object_repr=article.title,
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Sapo"]}}]',
        action_time=at(7),
    )
    return {"article": article, "khoi": khoi}


def rows(response):
    return response.context["page_obj"].object_list


def test_superuser_sees_every_source_newest_first(client, people, history):
    """Article transitions, organization events and admin changes, in one list by time."""
    client.force_login(people["an"])
    response = client.get(reverse(URL))
    assert response.status_code == 200
    listed = [row for row in rows(response) if row["source"] != "login"]  # force_login's own
    assert [row["source"] for row in listed] == ["admin", "organization", "article"]
    assert listed[2]["who_name"] == "Lê Thị Hoa"
    assert listed[2]["what"] == "Bài viết: Chờ duyệt → Đã xuất bản"
    assert listed[1]["what"] == "Tổ chức: Đổi tên"
    assert listed[1]["target"] == "Đảng bộ Khối Cơ quan tỉnh"
    assert listed[0]["what"] == "Sửa trong quản trị"
    assert "Sapo" in listed[0]["detail"]
    html = response.content.decode()
    assert reverse("admin:news_article_change", args=[history["article"].pk]) in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"who": "hoa"}, ["article"]),
        ({"since": "2025-03-04", "until": "2025-03-06"}, ["organization"]),
        ({"target": "ban chấp hành"}, ["admin", "article"]),
        ({"source": "organization"}, ["organization"]),
        ({"ref": "news.article:ARTICLE"}, ["admin", "article"]),
    ],
)
def test_filters_by_person_date_object_and_kind(client, people, history, query, expected):
    """Each filter narrows the list across all sources at once."""
    client.force_login(people["an"])
    if "who" in query:
        query = {"who": people[query["who"]].pk}
    if "ref" in query:
        query = {"ref": f"news.article:{history['article'].pk}"}
    assert [row["source"] for row in rows(client.get(reverse(URL), query))] == expected


def test_a_reversed_date_range_is_explained(client, people, history):
    """«Từ ngày» after «Đến ngày» shows a Vietnamese error and lists everything."""
    client.force_login(people["an"])
    response = client.get(reverse(URL), {"since": "2025-03-09", "until": "2025-03-01"})
    assert "«Từ ngày» phải trước «Đến ngày»." in response.content.decode()


def test_editors_cannot_read_the_trail(client, people, history):
    """Staff who are not superusers get 403 and no link on the admin index."""
    client.force_login(people["hoa"])
    assert client.get(reverse(URL)).status_code == 403
    assert reverse(URL) not in client.get(reverse("admin:index")).content.decode()


def test_nobody_can_edit_or_delete_the_trail(client, people, history):
    """The page has no add, change, delete or history route, and no actions."""
    for name in ["add", "change", "delete", "history"]:
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:audittrail_audittrail_{name}", args=[] if name == "add" else [1])
    client.force_login(people["an"])
    before = LogEntry.objects.count()
    response = client.post(
        reverse(URL), {"action": "delete_selected", "_selected_action": [1], "index": "0"}
    )
    assert LogEntry.objects.count() == before
    assert response.status_code in {200, 405}


def test_query_count_does_not_grow_with_entries(client, people, history):
    """Per source: a count, the newest keys, the shown rows; never a query per entry."""
    from audittrail import sources

    client.force_login(people["an"])
    client.get(reverse(URL))

    def queries(**query):
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse(URL), query)
        return len(context), response

    empty, _ = queries(since="2030-01-01")  # the counts only: nothing to show
    # Then per source the newest keys and the shown rows, and the users: nothing per entry.
    budget = empty + 2 * len(sources()) + 1
    few, _ = queries()
    ArticleTransition.objects.bulk_create(
        ArticleTransition(
            article=history["article"],
            actor=people["hoa"],
            from_status=S.DRAFT,
            to_status=S.PENDING,
            created_at=at(10 + n % 15),
        )
        for n in range(120)
    )
    many, response = queries(p="2")
    assert len(rows(response)) == 50
    assert few <= budget
    assert many <= budget


def test_oldest_entry_command_reports_how_far_back_the_trail_goes(people, history):
    """The command names the oldest entry per source and says whether two years are kept."""
    out = StringIO()
    with time_machine.travel(datetime(2027, 3, 10, tzinfo=UTC), tick=False):
        call_command("audit_oldest", stdout=out)
    text = out.getvalue()
    assert "Duyệt và xuất bản bài viết: 03-03-2025 16:00" in text
    assert "Cũ nhất: 03-03-2025 16:00 (736 ngày trước)" in text
    assert "Nhật ký phủ đủ 2 năm." in text


def test_logins_are_in_the_trail(client, people, history):
    """A successful login through the login page appears, with the address it came from."""
    from tests.news.factories import PASSWORD

    client.post(
        reverse("admin:login"),
        {"username": "quantri", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    listed = rows(client.get(reverse(URL), {"source": "login"}))
    assert [(row["who_name"], row["what"]) for row in listed] == [
        ("Nguyễn Văn An", "Đăng nhập từ 203.0.113.7")
    ]


def test_oldest_entry_command_says_when_two_years_are_not_yet_covered(people, history):
    """A younger trail is reported with its span, not claimed as two years."""
    out = StringIO()
    with time_machine.travel(datetime(2025, 12, 1, tzinfo=UTC), tick=False):
        call_command("audit_oldest", stdout=out)
    assert "Nhật ký phủ 272 ngày (chưa đủ 2 năm = 730 ngày)." in out.getvalue()


def test_question_steps_are_in_the_trail_without_contact_data(client, people):
    """Each step of a question appears under its receipt code, never with the asker's data."""
    from tests.questions.factories import PRIVATE, answered

    question = answered(publish=True)
    client.force_login(people["an"])
    response = client.get(reverse(URL), {"source": "question"})
    listed = rows(response)
    assert [row["what"] for row in listed] == [
        "Hỏi – đáp: Công khai",
        "Hỏi – đáp: Trả lời",
        "Hỏi – đáp: Tiếp nhận",
        "Hỏi – đáp: Gửi câu hỏi",
    ]
    assert {row["target"] for row in listed} == {str(question)}
    html = response.content.decode()
    for value in PRIVATE.values():
        assert str(value) not in html


def test_replaced_document_files_are_in_the_trail(client, people):
    """A keeper's file replacement appears with the document, the old file and who did it."""
    from documents import workflow
    from tests.documents import factories as documents

    document = documents.document(code="7-HD/ĐUK", title="Hướng dẫn học tập nghị quyết")
    item = documents.attach(document, documents.pdf_upload("ban-dau.pdf"))
    item.file = documents.pdf_upload("ban-moi.pdf")
    workflow.keep_replaced_file(document_file=item, actor=people["an"])
    item.save()
    client.force_login(people["an"])
    response = client.get(reverse(URL), {"source": "document_file"})
    [row] = rows(response)
    assert row["what"] == "Văn bản: thay tệp"
    assert row["target"] == "7-HD/ĐUK: Hướng dẫn học tập nghị quyết"
    assert row["detail"] == "Tệp cũ: ban-dau.pdf"
    assert row["who"] == people["an"].pk
    change = reverse("admin:documents_document_change", args=[document.pk])
    assert change in response.content.decode()
