"""“Việc cần làm”: what waits for an editor (in their categories) and for a writer (sent
back), linked from the admin index; an editor picks how they hear of new work."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news import workflow
from news.editors import EditorProfile
from news.models import Article
from tests.news.factories import EDITOR, make_category, make_draft, make_user

pytestmark = pytest.mark.django_db

Status = Article.Status
INBOX = reverse("admin:news_article_inbox")


@pytest.fixture
def desk(author):
    party, economy = make_category("Xây dựng Đảng"), make_category("Kinh tế – Xã hội")
    limited = make_user("bientap-tuyengiao", EDITOR)
    EditorProfile.objects.create(user=limited).categories.add(party)
    return {"limited": limited, "party": party, "economy": economy}


def submitted(category, writer, title):
    article = make_draft(category=category, created_by=writer, title=title)
    return workflow.submit_article(article=article, actor=writer)


def test_editor_sees_what_waits_in_their_categories_oldest_first(client, desk, author):
    """Pending articles of the desk, the longest waiting first; nothing from other desks,
    no drafts; each row offers approval and rejection."""
    first = submitted(desk["party"], author, "Hội nghị Ban Chấp hành lần thứ 5")
    second = submitted(desk["party"], author, "Kết nạp đảng viên mới")
    submitted(desk["economy"], author, "Doanh nghiệp tăng trưởng")
    make_draft(category=desk["party"], created_by=author, title="Bản nháp chưa gửi")
    client.force_login(desk["limited"])
    response = client.get(INBOX)
    assert [a.title for a in response.context["waiting"]] == [first.title, second.title]
    page = response.content.decode()
    approve = reverse("admin:news_article_transition", args=[first.pk, "approve"])
    assert f'href="{approve}?phien-ban={first.version}"' in page
    assert "Doanh nghiệp tăng trưởng" not in page
    assert "Chuyên mục bạn phụ trách: Xây dựng Đảng." in page


def test_writer_sees_their_articles_sent_back_with_the_reason(client, desk, author, editor):
    """A writer's list: their rejected articles and why; no review section at all."""
    article = submitted(desk["party"], author, "Bài cần sửa")
    workflow.reject_article(article=article, actor=editor, reason="Bổ sung ảnh và chú thích.")
    someone_else = make_user("phongvien-khac", "Phóng viên")
    other = submitted(desk["party"], someone_else, "Bài của người khác")
    workflow.reject_article(article=other, actor=editor, reason="Không liên quan.")
    client.force_login(author)
    response = client.get(INBOX)
    assert [a.title for a in response.context["sent_back"]] == ["Bài cần sửa"]
    assert response.context["sent_back"][0].rejection_note == "Bổ sung ảnh và chú thích."
    page = response.content.decode()
    assert "Bổ sung ảnh và chú thích." in page
    assert "Không liên quan." not in page
    assert "Chờ bạn duyệt" not in page
    assert response.context["notify_form"] is None


def test_inbox_query_count_does_not_grow(client, desk, author):
    """The inbox reads a constant number of queries, whatever the number of rows."""
    client.force_login(desk["limited"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INBOX).status_code == 200
        return len(queries)

    submitted(desk["party"], author, "Bài 1")
    few = count()
    for index in range(2, 8):
        submitted(desk["party"], author, f"Bài {index}")
    assert count() == few


def test_admin_index_links_to_the_inbox_with_the_count(client, desk, author, staff):
    """The dashboard says how many articles wait; staff outside the newsroom see no box."""
    submitted(desk["party"], author, "Bài 1")
    submitted(desk["economy"], author, "Bài 2")
    client.force_login(desk["limited"])
    page = client.get(reverse("admin:index")).content.decode()
    assert f'<a href="{INBOX}">1 bài đang chờ bạn</a>' in page
    client.force_login(staff)
    assert INBOX not in client.get(reverse("admin:index")).content.decode()
    assert client.get(INBOX).status_code == 403


def test_editor_chooses_the_morning_digest(client, desk):
    """The choice is the editor's own: it changes their profile only, and not their desk."""
    client.force_login(desk["limited"])
    response = client.post(INBOX, {"notify": EditorProfile.Notify.DAILY})
    assert response.status_code == 302
    profile = EditorProfile.objects.get(user=desk["limited"])
    assert profile.notify == EditorProfile.Notify.DAILY
    assert list(profile.categories.all()) == [desk["party"]]
    # A crafted field cannot widen the desk.
    client.post(INBOX, {"notify": "each", "categories": [desk["economy"].pk]})
    assert list(profile.categories.all()) == [desk["party"]]


def test_new_editor_choice_makes_a_profile_for_all_categories(client, editor):
    """An editor without a desk gets a profile with no categories (still all of them)."""
    client.force_login(editor)
    client.post(INBOX, {"notify": EditorProfile.Notify.NONE})
    profile = EditorProfile.objects.get(user=editor)
    assert profile.notify == EditorProfile.Notify.NONE
    assert not profile.categories.exists()
