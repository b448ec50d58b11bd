"""The newsroom's e-mail, received by a real SMTP server started in the test (tests/smtp.py):
who hears of a submission, a rejection and a publication, the morning digest, and a save
that goes through while the mail server is down."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from news import workflow
from news.editors import EditorProfile
from news.models import Article
from outbox import delivery
from outbox.models import Message
from tests.news.factories import AUTHOR, EDITOR, make_category, make_draft, make_user
from tests.news.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

Status = Article.Status
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def to(server, address):
    return [message for rcpts, message in server.received if address in rcpts]


def subject(message) -> str:
    # Python folds a long encoded subject onto a continuation line; unfolded, it keeps
    # the fold's space in front, which mail programs drop.
    return message["Subject"].strip()


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def newsroom():
    party = make_category("Xây dựng Đảng")
    party_child = make_category("Học tập và làm theo Bác", parent=party)
    economy = make_category("Kinh tế – Xã hội")
    people = {
        "writer": make_user("phongvien", AUTHOR, email="phongvien@dangbokhoi.example.vn"),
        "party_editor": make_user("bt-xaydung", EDITOR, email="xaydung@dangbokhoi.example.vn"),
        "economy_editor": make_user("bt-kinhte", EDITOR, email="kinhte@dangbokhoi.example.vn"),
        "chief": make_user("truongban", EDITOR, email="truongban@dangbokhoi.example.vn"),
        "digest_editor": make_user("bt-sang", EDITOR, email="sang@dangbokhoi.example.vn"),
        "quiet_editor": make_user("bt-im", EDITOR, email="im@dangbokhoi.example.vn"),
        "admin": make_user("quantri", is_superuser=True, email="admin@dangbokhoi.example.vn"),
    }
    EditorProfile.objects.create(user=people["party_editor"]).categories.add(party)
    EditorProfile.objects.create(user=people["economy_editor"]).categories.add(economy)
    EditorProfile.objects.create(user=people["digest_editor"], notify=EditorProfile.Notify.DAILY)
    EditorProfile.objects.create(user=people["quiet_editor"], notify=EditorProfile.Notify.NONE)
    return {"party": party, "party_child": party_child, "economy": economy, **people}


def test_submission_reaches_the_editors_of_its_category(
    smtp_server, newsroom, django_capture_on_commit_callbacks
):
    """The desk of the category (a sub-category counts) and the editors of every category
    hear of it; other desks, digest readers, the quiet and superusers do not."""
    writer = newsroom["writer"]
    article = make_draft(
        category=newsroom["party_child"], created_by=writer, title="Gương sáng làm theo Bác"
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_article(article=article, actor=writer, note="Nhờ xem giúp ảnh")
    recipients = sorted(address for rcpts, _ in smtp_server.received for address in rcpts)
    assert recipients == ["truongban@dangbokhoi.example.vn", "xaydung@dangbokhoi.example.vn"]
    [message] = to(smtp_server, "xaydung@dangbokhoi.example.vn")
    assert subject(message) == "Bài chờ duyệt: Gương sáng làm theo Bác"
    body = body_of(message)
    assert "Học tập và làm theo Bác" in body
    assert "Nhờ xem giúp ảnh" in body
    assert f"/admin/news/article/{article.pk}/change/" in body
    assert "/admin/news/article/viec-can-lam/" in body


def test_resubmission_after_rejection_and_the_writer_hears_the_reason(
    smtp_server, newsroom, django_capture_on_commit_callbacks
):
    """Rejected: the writer gets the reason; resubmitted: the desk hears again."""
    writer, editor = newsroom["writer"], newsroom["economy_editor"]
    article = make_draft(
        category=newsroom["economy"], created_by=writer, title="Tăng trưởng quý III"
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_article(article=article, actor=writer)
        workflow.reject_article(
            article=article, actor=editor, reason="Cần bổ sung số liệu của Sở Kế hoạch."
        )
    [rejected] = to(smtp_server, "phongvien@dangbokhoi.example.vn")
    assert subject(rejected) == "Bài bị trả lại: Tăng trưởng quý III"
    assert "Cần bổ sung số liệu của Sở Kế hoạch." in body_of(rejected)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.resubmit_article(article=article, actor=writer)
    subjects = [subject(m) for m in to(smtp_server, "kinhte@dangbokhoi.example.vn")]
    assert subjects == [
        "Bài chờ duyệt: Tăng trưởng quý III",
        "Bài gửi duyệt lại: Tăng trưởng quý III",
    ]


def test_publication_reaches_the_writer_with_the_public_address(
    smtp_server, newsroom, django_capture_on_commit_callbacks, settings
):
    """Published now or scheduled: the writer is told where and when."""
    settings.PORTAL_URL = "https://dangbokhoi.example.vn"
    writer, editor = newsroom["writer"], newsroom["party_editor"]
    now_article = make_draft(category=newsroom["party"], created_by=writer, status=Status.PENDING)
    later = make_draft(
        category=newsroom["party"], created_by=writer, status=Status.PENDING, title="Bài hẹn giờ"
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_article(article=now_article, actor=editor)
        workflow.approve_article(
            article=later, actor=editor, publish_at=later.created_at + timedelta(days=3)
        )
    published, scheduled = to(smtp_server, "phongvien@dangbokhoi.example.vn")
    assert subject(published).startswith("Bài đã xuất bản: ")
    assert f"https://dangbokhoi.example.vn{now_article.get_absolute_url()}" in body_of(published)
    assert subject(scheduled) == "Bài đã được duyệt, hẹn giờ xuất bản: Bài hẹn giờ"
    assert "Bài sẽ tự xuất bản lúc" in body_of(scheduled)


def test_nobody_is_mailed_about_their_own_step(
    smtp_server, newsroom, django_capture_on_commit_callbacks
):
    """An editor submitting and approving their own article sends nothing to themselves."""
    editor = newsroom["party_editor"]
    article = make_draft(category=newsroom["party"], created_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_article(article=article, actor=editor)
        workflow.approve_article(article=article, actor=editor)
    assert not to(smtp_server, "xaydung@dangbokhoi.example.vn")
    assert to(smtp_server, "truongban@dangbokhoi.example.vn")  # the others still hear


def test_a_broken_address_does_not_stop_the_step(
    smtp_server, newsroom, django_capture_on_commit_callbacks
):
    """An editor whose stored address is unusable is skipped; the submission goes through."""
    EditorProfile.objects.filter(user=newsroom["chief"]).delete()
    type(newsroom["chief"]).objects.filter(pk=newsroom["chief"].pk).update(email="khong-hop-le")
    article = make_draft(category=newsroom["party"], created_by=newsroom["writer"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_article(article=article, actor=newsroom["writer"])
    assert article.status == Status.PENDING
    assert [rcpts for rcpts, _ in smtp_server.received] == [["xaydung@dangbokhoi.example.vn"]]


@pytest.mark.django_db(transaction=True)
def test_submission_commits_while_the_mail_server_is_down(client, smtp_server_down, newsroom):
    """The writer's "Lưu và gửi duyệt" succeeds with SMTP down; the mail waits in the
    outbox and goes out on the periodic retry once the server is back."""
    writer = newsroom["writer"]
    article = make_draft(category=newsroom["party"], created_by=writer, title="Bài khi mất mạng")
    client.force_login(writer)
    response = client.post(change_url(article), form_data(article, _submit_for_review="1"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PENDING
    queued = Message.objects.filter(topic="news.submitted")
    assert sorted(queued.values_list("to", flat=True)) == [
        "truongban@dangbokhoi.example.vn",
        "xaydung@dangbokhoi.example.vn",
    ]
    # Tried once on commit; after the refused connection the rest wait for the retry.
    assert {m.status for m in queued} == {Message.Status.QUEUED}
    assert max(m.attempts for m in queued) == 1
    smtp_server_down.start()
    assert delivery.send_due(now=delivery.timezone.now() + timedelta(minutes=2)) == 2
    [message] = to(smtp_server_down, "xaydung@dangbokhoi.example.vn")
    assert subject(message) == "Bài chờ duyệt: Bài khi mất mạng"


def test_morning_digest_once_a_day(smtp_server, newsroom, django_capture_on_commit_callbacks):
    """`run_periodic` mails the digest readers the waiting articles, from 7:00, once a day."""
    writer = newsroom["writer"]
    with time_machine.travel(datetime(2026, 11, 26, 16, 0, tzinfo=VIETNAM), tick=False):
        for title in ["Bài thứ nhất chờ duyệt", "Bài thứ hai chờ duyệt"]:
            article = make_draft(category=newsroom["economy"], created_by=writer, title=title)
            workflow.submit_article(article=article, actor=writer)
        make_draft(category=newsroom["economy"], title="Bản nháp chưa gửi")

    def run_at(hour, minute=0, day=27):
        moment = datetime(2026, 11, day, hour, minute, tzinfo=VIETNAM)
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("run_periodic", "news.digests", "--force", stdout=StringIO())

    run_at(6, 50)
    assert not to(smtp_server, "sang@dangbokhoi.example.vn")
    run_at(7, 5)
    run_at(9, 30)
    [digest] = to(smtp_server, "sang@dangbokhoi.example.vn")
    assert subject(digest) == "2 bài chờ duyệt (27/11/2026)"
    body = body_of(digest)
    assert "Thứ Sáu, 27/11/2026" in body
    assert body.index("Bài thứ nhất chờ duyệt") < body.index("Bài thứ hai chờ duyệt")
    assert "Bản nháp chưa gửi" not in body
    run_at(7, 5, day=28)
    assert len(to(smtp_server, "sang@dangbokhoi.example.vn")) == 2
    # Only the digest reader gets one.
    assert len([m for m in smtp_server.messages if "bài chờ duyệt (" in subject(m)]) == 2
