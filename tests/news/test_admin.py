"""The editorial admin as authors, editors and superusers use it."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import safeimage
from news.models import Article, ArticleRevision, ArticleTransition, Category
from tests.news.factories import image_upload, make_draft

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGELIST = "admin:news_article_changelist"


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def form_data(article, **changes):
    """What the change form posts for `article`, as the author or editor would send it."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "sapo": article.sapo,
        "body": article.body,
        "category": article.category_id,
        "author_name": article.author_name,
        "source_name": article.source_name,
        "source_url": article.source_url,
        "cover_caption": "",
        "cover_alt": "",
        "loaded_version": article.version,
        # The attachments inline's management form, with no attachment.
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data |= {"published_at_0": f"{local:%Y-%m-%d}", "published_at_1": f"{local:%H:%M:%S}"}
    data.update(changes)
    return data


def run_action(client, action, articles, **extra):
    data = {
        "action": action,
        ACTION_CHECKBOX_NAME: [a.pk for a in articles],
        "index": 0,
        **extra,
    }
    return client.post(reverse(CHANGELIST), data)


def confirm_action(client, action, articles, **fields):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in articles], "confirm": "yes"}
    return client.post(reverse(CHANGELIST), {**data, **fields})


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- lists ------------------------------------------------------------------------------------


def test_editor_sees_every_article_with_badges(client, editor, author, other_author, category):
    """The editor's list shows everyone's articles with status, category, author and date."""
    make_draft(category=category, created_by=author, title="Bài nháp của A")
    make_draft(
        category=category,
        created_by=other_author,
        title="Bài đã đăng của B",
        status=Status.PUBLISHED,
        published_at=timezone.now(),
        author_name="Minh Đức",
        is_featured=True,
    )
    client.force_login(editor)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "Bài nháp của A" in html
    assert "Bài đã đăng của B" in html
    assert 'status-badge--draft">Bản nháp<' in html
    assert 'status-badge--published">Đã xuất bản<' in html
    assert category.name in html
    assert "Minh Đức" in html
    assert "featured-star" in html
    assert "Xem trước" in html


def test_scheduled_article_has_its_own_badge(client, editor, category):
    """A published article waiting for its time is shown as scheduled, with the time."""
    make_draft(
        category=category,
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )
    client.force_login(editor)
    assert "status-badge--scheduled" in client.get(reverse(CHANGELIST)).content.decode()


def test_author_sees_only_own_articles(client, author, other_author, category):
    """An author's list holds their own articles only."""
    make_draft(category=category, created_by=author, title="Bài của tôi")
    make_draft(category=category, created_by=other_author, title="Bài của đồng nghiệp")
    client.force_login(author)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "Bài của tôi" in html
    assert "Bài của đồng nghiệp" not in html


def test_list_filters_and_search(client, editor, category):
    """Filter by status and search titles without diacritics."""
    make_draft(category=category, title="Hội nghị Ban Chấp hành", status=Status.PENDING)
    make_draft(category=category, title="Đại hội Chi bộ", status=Status.DRAFT)
    client.force_login(editor)
    pending = client.get(reverse(CHANGELIST), {"status__exact": "pending"}).content.decode()
    assert "Hội nghị Ban Chấp hành" in pending
    assert "Đại hội Chi bộ" not in pending
    found = client.get(reverse(CHANGELIST), {"q": "hoi nghi ban chap"}).content.decode()
    assert "Hội nghị Ban Chấp hành" in found
    assert "Đại hội Chi bộ" not in found


def test_list_query_count_does_not_grow_with_rows(client, editor, author, category):
    """Category and author come with the rows: 5 or 25 articles cost the same queries."""
    client.force_login(editor)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(CHANGELIST)).status_code == 200
        return len(queries)

    for _ in range(5):
        make_draft(category=category, created_by=author)
    few = count()
    for _ in range(20):
        make_draft(category=category, created_by=author)
    assert count() == few


def test_staff_without_rights_cannot_open_articles(client, staff):
    """Staff without news rights are refused the list."""
    client.force_login(staff)
    assert client.get(reverse(CHANGELIST)).status_code == 403


# --- writing and editing ----------------------------------------------------------------------


def test_author_adds_a_draft_and_cannot_publish_with_a_crafted_post(client, author, category):
    """Posting status, a publication time or the featured flag with a new article changes nothing."""
    client.force_login(author)
    response = client.post(
        reverse("admin:news_article_add"),
        {
            "title": "Bài mới của phóng viên",
            "sapo": "Sapo",
            "body": "<p>Nội dung</p><script>alert(1)</script>",
            "category": category.pk,
            "status": "published",
            "published_at_0": "2026-01-01",
            "published_at_1": "08:00:00",
            "is_featured": "on",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title="Bài mới của phóng viên")
    assert (article.status, article.created_by, article.is_featured) == (
        Status.DRAFT,
        author,
        False,
    )
    assert article.published_at is None
    assert article.body == "<p>Nội dung</p>"


def test_author_form_has_no_publishing_fields(client, author, editor):
    """Authors are not even shown the publication time and featured fields; editors are."""
    client.force_login(author)
    html = client.get(reverse("admin:news_article_add")).content.decode()
    assert 'name="is_featured"' not in html
    assert 'name="published_at_0"' not in html
    assert 'name="status"' not in html
    client.force_login(editor)
    html = client.get(reverse("admin:news_article_add")).content.decode()
    assert 'name="is_featured"' in html
    assert 'name="published_at_0"' in html


def test_author_edits_own_draft_but_crafted_status_is_ignored(client, author, category):
    """An author saves their draft; a status=published in the POST is ignored."""
    article = make_draft(category=category, created_by=author)
    client.force_login(author)
    response = client.post(
        change_url(article),
        form_data(article, title="Đã sửa", status="published", is_featured="on"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status, article.is_featured, article.version) == (
        "Đã sửa",
        Status.DRAFT,
        False,
        2,
    )


def test_author_cannot_open_or_change_anothers_article(client, author, other_author, category):
    """Another writer's article does not exist for an author, for reading or for saving."""
    article = make_draft(category=category, created_by=other_author, title="Không phải của tôi")
    client.force_login(author)
    assert client.get(change_url(article)).status_code == 302  # "không tồn tại"
    client.post(change_url(article), form_data(article, title="Chiếm quyền"))
    assert Article.objects.get(pk=article.pk).title == "Không phải của tôi"


@pytest.mark.parametrize("status", [Status.PENDING, Status.PUBLISHED])
def test_author_reads_but_cannot_change_own_article_in_review(client, author, category, status):
    """An author follows their submitted article read-only; a POST is refused."""
    article = make_draft(category=category, created_by=author, status=status)
    client.force_login(author)
    html = client.get(change_url(article)).content.decode()
    assert article.title in html
    assert 'name="_save"' not in html
    assert client.post(change_url(article), form_data(article, title="Lén sửa")).status_code == 403
    assert Article.objects.get(pk=article.pk).title != "Lén sửa"


def test_editor_edits_a_published_article_and_it_is_logged(client, editor, category):
    """An editor corrects a live article; the change shows in the review log."""
    article = make_draft(category=category, status=Status.PUBLISHED, published_at=timezone.now())
    client.force_login(editor)
    response = client.post(change_url(article), form_data(article, title="Tiêu đề đính chính"))
    assert response.status_code == 302
    assert article.transitions.get().note == "Sửa bài đang xuất bản: tiêu đề."
    html = client.get(change_url(article)).content.decode()
    assert "Sửa bài đang xuất bản: tiêu đề." in html


def test_published_article_needs_a_publication_time(client, editor, category):
    """Clearing the time of a live article is a form error, not a server error."""
    article = make_draft(category=category, status=Status.PUBLISHED, published_at=timezone.now())
    client.force_login(editor)
    data = form_data(article, published_at_0="", published_at_1="")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "cần có thời điểm xuất bản" in response.content.decode()


def test_save_and_submit_for_review(client, author, category):
    """ "Lưu và gửi duyệt" saves the edit and sends the article to the editors."""
    article = make_draft(category=category, created_by=author)
    client.force_login(author)
    response = client.post(
        change_url(article), form_data(article, sapo="Sapo mới", _submit_for_review="1")
    )
    assert response["Location"] == reverse(CHANGELIST)
    article.refresh_from_db()
    assert (article.sapo, article.status) == ("Sapo mới", Status.PENDING)
    assert article.transitions.get().actor == author


def test_rejected_article_shows_the_reason_and_can_be_resubmitted(client, author, editor, category):
    """The author reads why the article came back, edits it and sends it again."""
    article = make_draft(category=category, created_by=author, status=Status.PENDING)
    client.force_login(editor)
    confirm_action(client, "reject_selected", [article], note="Thiếu nguồn ảnh.")
    client.force_login(author)
    html = client.get(change_url(article)).content.decode()
    assert "Bài bị trả lại bởi Lê Thị Hoa" in html
    assert "Thiếu nguồn ảnh." in html
    article.refresh_from_db()
    client.post(change_url(article), form_data(article, sapo="Đã bổ sung", _submit_for_review="1"))
    article.refresh_from_db()
    assert article.status == Status.PENDING
    assert article.transitions.first().to_status == Status.PENDING


# --- optimistic locking ---------------------------------------------------------------------


def test_second_editor_save_is_refused_and_nothing_is_lost(client, editor, other_editor, category):
    """Two editors open the same article; the later save is refused, its text re-displayed."""
    article = make_draft(category=category, title="Bản gốc")
    opened = form_data(article)  # both open version 1
    client.force_login(editor)
    client.post(change_url(article), {**opened, "title": "Bản của chị Hoa"})

    client.force_login(other_editor)
    response = client.post(change_url(article), {**opened, "title": "Bản của anh Bình"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trong lúc bạn sửa, Lê Thị Hoa đã lưu bài này" in html
    assert 'value="Bản của anh Bình"' in html  # the second editor's input is still there
    assert Article.objects.get(pk=article.pk).title == "Bản của chị Hoa"

    # A deliberate second save (the form now carries the current version) goes through,
    # and the first editor's text is kept as a revision.
    version = re.search(r'name="loaded_version" value="(\d+)"', html).group(1)
    response = client.post(
        change_url(article), {**opened, "title": "Bản của anh Bình", "loaded_version": version}
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Bản của anh Bình"
    assert ArticleRevision.objects.filter(article=article, title="Bản của chị Hoa").exists()


def test_post_without_version_is_refused(client, editor, category):
    """A post that does not say which version it edits (an old page, a script) is refused."""
    article = make_draft(category=category)
    data = form_data(article, title="Không rõ phiên bản")
    del data["loaded_version"]
    client.force_login(editor)
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "tải lại trang" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title != "Không rõ phiên bản"


# --- actions and buttons --------------------------------------------------------------------


def test_author_submits_with_the_action(client, author, category):
    """ "Gửi duyệt" sends drafts and rejected articles for review."""
    draft = make_draft(category=category, created_by=author)
    rejected = make_draft(category=category, created_by=author, status=Status.REJECTED)
    client.force_login(author)
    run_action(client, "submit_selected", [draft, rejected])
    assert set(Article.objects.values_list("status", flat=True)) == {Status.PENDING}
    assert {t.from_status for t in ArticleTransition.objects.all()} == {
        Status.DRAFT,
        Status.REJECTED,
    }


def test_author_is_not_offered_and_cannot_call_editor_actions(client, author, category):
    """The publishing actions are not listed for authors, and a crafted POST does nothing."""
    article = make_draft(category=category, created_by=author, status=Status.PENDING)
    client.force_login(author)
    html = client.get(reverse(CHANGELIST), {"status__exact": "pending"}).content.decode()
    assert "approve_selected" not in html
    assert "unpublish_selected" not in html
    for action in ["approve_selected", "unpublish_selected", "reject_selected"]:
        run_action(client, action, [article], confirm="yes", note="x")
        confirm_action(client, action, [article], note="x")
    article.refresh_from_db()
    assert article.status == Status.PENDING
    assert not ArticleTransition.objects.exists()


def test_author_cannot_use_the_transition_urls(client, author, category):
    """Typing the approve URL of one's own pending article is refused."""
    article = make_draft(category=category, created_by=author, status=Status.PENDING)
    client.force_login(author)
    url = reverse("admin:news_article_transition", args=[article.pk, "approve"])
    response = client.post(url, {"note": ""})
    assert response["Location"] == change_url(article)
    assert Article.objects.get(pk=article.pk).status == Status.PENDING


def test_approve_asks_for_confirmation_then_publishes(client, editor, category):
    """ "Duyệt và xuất bản" shows the articles first, then publishes them."""
    articles = [make_draft(category=category, status=Status.PENDING) for _ in range(2)]
    client.force_login(editor)
    page = run_action(client, "approve_selected", articles)
    assert page.status_code == 200
    assert "Các bài sau sẽ hiện trên trang công khai" in page.content.decode()
    assert not Article.objects.published().exists()
    response = confirm_action(client, "approve_selected", articles)
    assert response.status_code == 302
    assert Article.objects.published().count() == 2


def test_approve_can_schedule(client, editor, category):
    """The approval page takes a future time: the article is scheduled."""
    article = make_draft(category=category, status=Status.PENDING)
    later = timezone.localtime() + timedelta(days=2)
    client.force_login(editor)
    confirm_action(
        client,
        "approve_selected",
        [article],
        publish_at_0=later.strftime("%Y-%m-%d"),  # the format the admin's calendar writes
        publish_at_1=later.strftime("%H:%M:%S"),
    )
    article.refresh_from_db()
    assert article.is_scheduled()


def test_reject_needs_a_reason_on_its_page(client, editor, category):
    """Without a reason the page comes back with an error; with one, the article is rejected."""
    article = make_draft(category=category, status=Status.PENDING)
    client.force_login(editor)
    response = confirm_action(client, "reject_selected", [article], note="  ")
    assert response.status_code == 200
    assert "Hãy ghi lý do" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.PENDING
    confirm_action(client, "reject_selected", [article], note="Sai tên đồng chí Bí thư.")
    article.refresh_from_db()
    assert article.status == Status.REJECTED
    assert article.transitions.get().note == "Sai tên đồng chí Bí thư."


def test_unpublish_from_the_article_page(client, editor, category):
    """The article's "Gỡ xuống" button asks for a reason, then takes it off the site."""
    article = make_draft(category=category, status=Status.PUBLISHED, published_at=timezone.now())
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    url = reverse("admin:news_article_transition", args=[article.pk, "unpublish"])
    assert url in html
    assert "Lý do gỡ bài" in client.get(url).content.decode()
    response = client.post(url, {"note": "Đính chính số liệu."})
    assert response["Location"] == change_url(article)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert Article.objects.filter(pk=article.pk).exists()


def test_mixed_selection_reports_what_was_skipped(client, editor, category):
    """Approving a selection with a draft in it publishes the pending one and says why not the other."""
    pending = make_draft(category=category, status=Status.PENDING, title="Chờ")
    draft = make_draft(category=category, title="Nháp")
    client.force_login(editor)
    response = confirm_action(client, "approve_selected", [pending, draft])
    messages = messages_of(client.get(response["Location"]))
    assert any("Đã duyệt và xuất bản 1 bài: “Chờ”" in m for m in messages)
    assert any("Không thể duyệt và xuất bản bài “Nháp”" in m for m in messages)
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT


# --- deleting ------------------------------------------------------------------------------


def test_editors_cannot_delete(client, editor, category):
    """Editors unpublish; the delete page and the delete action are not theirs."""
    article = make_draft(category=category)
    client.force_login(editor)
    assert client.get(reverse("admin:news_article_delete", args=[article.pk])).status_code == 403
    assert "delete_selected" not in client.get(reverse(CHANGELIST)).content.decode()
    run_action(client, "delete_selected", [article], post="yes")
    assert Article.objects.filter(pk=article.pk).exists()


def test_superuser_can_delete(client, superuser, category):
    """A superuser may still remove an article (e.g. a duplicate)."""
    article = make_draft(category=category)
    client.force_login(superuser)
    client.post(reverse("admin:news_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()


# --- preview -------------------------------------------------------------------------------


def test_editor_previews_a_draft_with_the_public_view(client, editor, author, category):
    """The preview renders an unpublished article through the public view, never cached."""
    article = make_draft(category=category, created_by=author)
    client.force_login(editor)
    response = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    assert response.status_code == 200
    assert response.context["object"] == article
    assert "news/article_detail.html" in [t.name for t in response.templates]
    assert "no-cache" in response["Cache-Control"]
    assert client.get(article.get_absolute_url()).status_code == 404  # still not public


def test_author_previews_only_own_articles(client, author, other_author, category):
    """An author sees the preview of their own draft, not of a colleague's."""
    own = make_draft(category=category, created_by=author)
    theirs = make_draft(category=category, created_by=other_author)
    client.force_login(author)
    assert client.get(reverse("admin:news_article_preview", args=[own.pk])).status_code == 200
    assert client.get(reverse("admin:news_article_preview", args=[theirs.pk])).status_code == 404


def test_anonymous_preview_goes_to_login(client, category):
    """Outside the admin session there is no preview."""
    article = make_draft(category=category)
    response = client.get(reverse("admin:news_article_preview", args=[article.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# --- revisions -----------------------------------------------------------------------------


def test_revision_diff_and_restore(client, editor, category):
    """The editor sees word changes and restores an older version as a new one."""
    article = make_draft(category=category, title="Hội nghị lần thứ 5", body="<p>Một hai ba</p>")
    client.force_login(editor)
    client.post(
        change_url(article),
        form_data(article, title="Hội nghị lần thứ 6", body="<p>Một hai bốn</p>"),
    )
    revision = article.revisions.get()
    url = reverse("admin:news_article_revision", args=[article.pk, revision.pk])
    assert url in client.get(change_url(article)).content.decode()
    html = client.get(url).content.decode()
    assert "<del>5</del><ins>6</ins>" in html
    assert "<del>ba</del><ins>bốn</ins>" in html
    response = client.post(url, {"loaded_version": 2})
    assert response["Location"] == change_url(article)
    article.refresh_from_db()
    assert (article.title, article.body, article.version) == (
        "Hội nghị lần thứ 5",
        "<p>Một hai ba</p>",
        3,
    )
    assert article.revisions.filter(title="Hội nghị lần thứ 6").exists()


def test_restore_from_a_stale_page_is_refused(client, editor, category):
    """Restoring with an old version number is an edit conflict, and says so."""
    article = make_draft(category=category, title="A")
    client.force_login(editor)
    client.post(change_url(article), form_data(article, title="B"))
    revision = article.revisions.get()
    url = reverse("admin:news_article_revision", args=[article.pk, revision.pk])
    response = client.post(url, {"loaded_version": 1}, follow=True)
    assert any("Trong lúc bạn sửa" in m for m in messages_of(response))
    assert Article.objects.get(pk=article.pk).title == "B"


def test_author_cannot_restore_a_published_article(client, author, category):
    """Reading the diff is allowed on one's own article; restoring a live one is not."""
    article = make_draft(category=category, created_by=author, status=Status.PUBLISHED)
    revision = ArticleRevision.objects.create(article=article, version=0, title="Cũ")
    url = reverse("admin:news_article_revision", args=[article.pk, revision.pk])
    client.force_login(author)
    assert "Khôi phục" not in client.get(url).content.decode()
    assert client.post(url, {"loaded_version": 1}).status_code == 403
    assert Article.objects.get(pk=article.pk).title != "Cũ"


# --- editor widget and autocomplete ---------------------------------------------------------


def editor_config(html):
    raw = re.search(r'data-config="([^"]+)"', html).group(1)
    return json.loads(raw.replace("&quot;", '"').replace("&amp;", "&"))


def test_editor_toolbar_has_no_source_button_except_for_superusers(client, editor, superuser):
    """Editors get the newsroom toolbar in Vietnamese without the HTML source button."""
    client.force_login(editor)
    config = editor_config(client.get(reverse("admin:news_article_add")).content.decode())
    buttons = [button for group in config["toolbar_Newsroom"] for button in group]
    assert "Source" not in buttons
    assert "sourcearea" in config["removePlugins"]
    assert config["language"] == "vi"
    assert config["uploadUrl"] == reverse("ckeditor_upload")
    assert config["filebrowserUploadMethod"] == "xhr"
    assert "djangocsrf" in config["extraPlugins"]
    client.force_login(superuser)
    config = editor_config(client.get(reverse("admin:news_article_add")).content.decode())
    assert ["Source"] in config["toolbar_Newsroom"]
    assert "sourcearea" not in config["removePlugins"]


def test_related_articles_autocomplete_offers_public_and_own_articles(
    client, author, other_author, category
):
    """An author can link published articles and their own, not a colleague's draft."""
    make_draft(
        category=category,
        created_by=other_author,
        title="Hội nghị đã đăng",
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )
    make_draft(category=category, created_by=other_author, title="Hội nghị nháp của bạn")
    make_draft(category=category, created_by=author, title="Hội nghị nháp của tôi")
    client.force_login(author)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "news",
            "model_name": "article",
            "field_name": "related_articles",
            "term": "hoi nghi",
        },
    )
    titles = {item["text"] for item in response.json()["results"]}
    assert titles == {"Hội nghị đã đăng", "Hội nghị nháp của tôi"}


def test_view_on_site_only_for_public_articles(client, editor, category):
    """ "Xem trên trang" is offered only when the public page exists."""
    draft = make_draft(category=category)
    public = make_draft(category=category, status=Status.PUBLISHED, published_at=timezone.now())
    client.force_login(editor)
    assert "Xem trên trang" not in client.get(change_url(draft)).content.decode()
    assert public.get_absolute_url() in client.get(change_url(public)).content.decode()


# --- categories and the review log ----------------------------------------------------------


def test_editor_adds_a_category_but_cannot_delete_one(client, editor, category):
    """Editors keep the categories; deleting one is for superusers."""
    client.force_login(editor)
    client.post(
        reverse("admin:news_category_add"), {"name": "Gương người tốt, việc tốt", "order": 5}
    )
    assert Category.objects.get(name="Gương người tốt, việc tốt").slug == "guong-nguoi-tot-viec-tot"
    delete = reverse("admin:news_category_delete", args=[category.pk])
    assert client.get(delete).status_code == 403


def test_review_log_shows_authors_only_their_articles(client, author, editor, category):
    """The "Lịch sử duyệt bài" list is read-only and scoped like the articles."""
    from news import workflow

    own = make_draft(category=category, created_by=author, title="Của tôi")
    other = make_draft(category=category, created_by=editor, title="Của biên tập")
    workflow.submit_article(article=own, actor=author)
    workflow.submit_article(article=other, actor=editor)
    client.force_login(author)
    html = client.get(reverse("admin:news_articletransition_changelist")).content.decode()
    assert "Của tôi" in html
    assert "Của biên tập" not in html
    assert client.get(reverse("admin:news_articletransition_add")).status_code == 403


def test_organizations_are_picked_with_an_autocomplete_box(client, author):
    """An author tags an article's organizations by typing: the box searches them, accent-free."""
    from organizations.models import Organization

    Organization.objects.create(name="Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh", kind="bloc")
    client.force_login(author)
    html = client.get(reverse("admin:news_article_add")).content.decode()
    [select] = re.findall(r'<select[^>]*name="organizations"[^>]*>', html)
    assert "admin-autocomplete" in select
    answer = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "news",
            "model_name": "article",
            "field_name": "organizations",
            "term": "Khối",
        },
    )
    assert answer.status_code == 200
    assert [r["text"] for r in answer.json()["results"]] == [
        "Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh"
    ]


def _seen_field(html):
    return re.search(r'name="seen" value="([^"]*)"', html).group(1)


def test_approval_of_an_article_changed_after_it_was_read_is_refused(
    client, editor, other_editor, category
):
    """An editor approves what they read: a text changed since then is not published unseen."""
    article = make_draft(category=category, status=Status.PENDING)
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    approve_link = re.search(r'href="([^"]*/trang-thai/approve/\?phien-ban=\d+)"', page).group(1)
    approve_link = approve_link.replace("&amp;", "&")

    second = client_for(other_editor)
    second.post(change_url(article), form_data(article, sapo="Sapo đã bị sửa sau khi đọc."))
    article.refresh_from_db()
    assert article.sapo == "Sapo đã bị sửa sau khi đọc."

    confirm = client.get(approve_link).content.decode()
    response = client.post(approve_link, {"seen": _seen_field(confirm), "note": ""}, follow=True)
    article.refresh_from_db()
    assert article.status == Status.PENDING
    assert any("Chưa duyệt và xuất bản" in m for m in messages_of(response))

    # Read again (the page now carries the new version), then approve: it goes through.
    page = client.get(change_url(article)).content.decode()
    approve_link = re.search(r'href="([^"]*/trang-thai/approve/\?phien-ban=\d+)"', page).group(1)
    confirm = client.get(approve_link).content.decode()
    client.post(approve_link, {"seen": _seen_field(confirm), "note": ""})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_list_approval_skips_articles_changed_after_the_confirmation_page(
    client, editor, other_editor, category
):
    """From the list, only articles unchanged since the confirmation page are published."""
    kept, changed = (make_draft(category=category, status=Status.PENDING) for _ in range(2))
    client.force_login(editor)
    seen = _seen_field(run_action(client, "approve_selected", [kept, changed]).content.decode())
    client_for(other_editor).post(change_url(changed), form_data(changed, title="Tiêu đề mới"))
    confirm_action(client, "approve_selected", [kept, changed], seen=seen)
    kept.refresh_from_db()
    changed.refresh_from_db()
    assert kept.status == Status.PUBLISHED
    assert changed.status == Status.PENDING


def client_for(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


@pytest.fixture
def unwritable_media(settings, tmp_path):
    """A MEDIA_ROOT nothing can be written to, even by root (its parent is a file): what a
    read-only or full media disk looks like to the code (bench/faults.py shows the real
    ones)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    return settings.MEDIA_ROOT


def test_new_cover_on_an_unwritable_media_disk_is_refused_cleanly(
    client, author, category, unwritable_media
):
    """A save with a new cover that cannot be stored shows a Vietnamese message on the form,
    keeps what was typed, and changes nothing: no half-saved article, no revision."""
    article = make_draft(category=category, created_by=author)
    revisions = ArticleRevision.objects.count()
    client.force_login(author)
    data = form_data(article, title="Tiêu đề đã sửa", cover_image=image_upload("bia.jpg"))
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert safeimage.STORAGE_UNAVAILABLE in html
    assert "Tiêu đề đã sửa" in html  # the form keeps the editor's text
    article.refresh_from_db()
    assert article.title == "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 5"
    assert not article.cover_image
    assert ArticleRevision.objects.count() == revisions
