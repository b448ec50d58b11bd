from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from news import workflow
from news.models import Article, ArticleRevision, ArticleTransition
from tests.news.factories import AUTHOR, EDITOR, make_draft

pytestmark = pytest.mark.django_db

Status = Article.Status

# Where each action starts, and the function that performs it.
ACTIONS = {
    "submit": (Status.DRAFT, Status.PENDING),
    "resubmit": (Status.REJECTED, Status.PENDING),
    "approve": (Status.PENDING, Status.PUBLISHED),
    "reject": (Status.PENDING, Status.REJECTED),
    "unpublish": (Status.PUBLISHED, Status.DRAFT),
}

# The roles table of docs/architecture.md. Actors: whose article it is matters for authors and editors.
ALLOWED = {
    "author on own": {"submit", "resubmit"},
    "author on another's": set(),
    "editor on own": set(ACTIONS),
    "editor on another's": set(ACTIONS),
    "superuser": set(ACTIONS),
    "staff without rights": set(),
}


def run(action, article, actor, note="Ghi chú"):
    if action == "reject":
        return workflow.reject_article(article=article, actor=actor, reason=note)
    function = getattr(workflow, f"{action}_article")
    return function(article=article, actor=actor, note=note)


@pytest.fixture
def people(author, other_author, editor, other_editor, superuser, staff):
    return {
        "author on own": (author, author),
        "author on another's": (author, other_author),
        "editor on own": (editor, editor),
        "editor on another's": (editor, other_author),
        "superuser": (superuser, other_author),
        "staff without rights": (staff, other_author),
    }


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("who", list(ALLOWED))
def test_role_action_matrix(people, category, who, action):
    """Every role × action: allowed ones move the article and log it; refused ones change nothing."""
    actor, owner = people[who]
    source, target = ACTIONS[action]
    article = make_draft(category=category, created_by=owner, status=source)
    if action in ALLOWED[who]:
        run(action, article, actor)
        article.refresh_from_db()
        assert article.status == target
        assert article.version == 2
        record = article.transitions.get()
        assert (record.actor, record.from_status, record.to_status, record.note) == (
            actor,
            source,
            target,
            "Ghi chú",
        )
    else:
        with pytest.raises(PermissionDenied):
            run(action, article, actor)
        article.refresh_from_db()
        assert article.status == source
        assert article.version == 1
        assert not article.transitions.exists()


@pytest.mark.parametrize("action", list(ACTIONS))
def test_transitions_refused_from_other_statuses(superuser, category, action):
    """A transition only starts from its own status, whoever asks (even a superuser)."""
    source, _ = ACTIONS[action]
    for status in set(Status) - {source}:
        article = make_draft(category=category, status=status)
        with pytest.raises(workflow.TransitionNotAllowed, match="trạng thái"):
            run(action, article, superuser)
        article.refresh_from_db()
        assert article.status == status
    assert not ArticleTransition.objects.exists()


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_reject_requires_a_reason(editor, category, reason):
    """Sending an article back without saying why is refused."""
    article = make_draft(category=category, status=Status.PENDING)
    with pytest.raises(ValidationError) as error:
        workflow.reject_article(article=article, actor=editor, reason=reason)
    assert "lý do" in " ".join(error.value.messages)
    article.refresh_from_db()
    assert article.status == Status.PENDING


def test_rejection_reason_is_kept_for_the_author(author, editor, category):
    """The reason is stored stripped and found again as the article's latest rejection."""
    article = make_draft(category=category, created_by=author, status=Status.PENDING)
    workflow.reject_article(article=article, actor=editor, reason="  Bổ sung ảnh.  ")
    rejection = workflow.latest_rejection(article)
    assert rejection.note == "Bổ sung ảnh."
    assert rejection.actor == editor


def test_transition_updates_the_callers_instance(author, category):
    """The instance passed in reflects the new status and version (no stale object)."""
    article = make_draft(category=category, created_by=author)
    workflow.submit_article(article=article, actor=author)
    assert article.status == Status.PENDING
    assert article.version == 2


def test_approve_publishes_now_when_no_time_is_set(editor, category):
    """Approving fills the publication time and the article becomes public."""
    article = make_draft(category=category, status=Status.PENDING)
    before = timezone.now()
    workflow.approve_article(article=article, actor=editor)
    article.refresh_from_db()
    assert article.published_at >= before
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_approve_with_a_future_time_schedules(editor, category):
    """Scheduling is approving with a future time: published, but not public until then."""
    article = make_draft(category=category, status=Status.PENDING)
    later = timezone.now() + timedelta(hours=3)
    workflow.approve_article(article=article, actor=editor, publish_at=later)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.is_scheduled()
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.scheduled().filter(pk=article.pk).exists()


def test_approve_keeps_a_time_the_editor_set_earlier(editor, category):
    """A publication time already on the article (set in the form) is kept."""
    later = timezone.now() + timedelta(days=1)
    article = make_draft(category=category, status=Status.PENDING, published_at=later)
    workflow.approve_article(article=article, actor=editor)
    article.refresh_from_db()
    assert article.published_at == later


def test_unpublish_takes_the_article_off_the_site_without_deleting_it(editor, category):
    """Unpublishing returns the article to draft; it stays in the database."""
    article = make_draft(category=category, status=Status.PUBLISHED)
    workflow.unpublish_article(article=article, actor=editor, note="Sai số liệu.")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_transitions_validate_the_article(editor, category):
    """full_clean() runs before the save: invalid data stops the transition."""
    article = make_draft(category=category, status=Status.PENDING)
    Article.objects.filter(pk=article.pk).update(source_url="không phải địa chỉ")
    with pytest.raises(ValidationError):
        workflow.approve_article(article=article, actor=editor)
    article.refresh_from_db()
    assert article.status == Status.PENDING
    assert not article.transitions.exists()


def test_plain_orm_can_still_create_published_articles(category):
    """Fixtures and imports create published articles directly; the workflow is not in the way."""
    article = Article.objects.create(title="Tin cũ", category=category, status=Status.PUBLISHED)
    assert article.is_published()


def test_available_transitions_follow_status_and_role(author, editor, category):
    """The buttons offered are exactly the transitions the actor may run now."""
    draft = make_draft(category=category, created_by=author)
    pending = make_draft(category=category, created_by=author, status=Status.PENDING)
    assert [t.name for t in workflow.available_transitions(author, draft)] == ["submit"]
    assert workflow.available_transitions(author, pending) == []
    assert [t.name for t in workflow.available_transitions(editor, pending)] == [
        "approve",
        "reject",
    ]


def test_roles_have_the_permissions_of_the_design(db):
    """The data migration gives each group exactly the rights of the roles table (docs/architecture.md)."""
    author = set(Group.objects.get(name=AUTHOR).permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name=EDITOR).permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "view_article"} <= author
    assert not author & {"publish_article", "change_others_article", "delete_article"}
    assert {"publish_article", "change_others_article"} <= editor
    assert "delete_article" not in editor


def test_only_superusers_may_delete(author, editor, superuser):
    """Archival duty: editors unpublish, only a superuser deletes."""
    assert not workflow.can_delete(author)
    assert not workflow.can_delete(editor)
    assert workflow.can_delete(superuser)


# --- editing ------------------------------------------------------------------------------


def test_new_article_through_save_article_is_an_authors_draft(author, category):
    """A new article belongs to its writer and starts as a draft, whatever was asked."""
    article = Article(
        title="Bài mới",
        category=category,
        status=Status.PUBLISHED,
        is_featured=True,
        published_at=timezone.now(),
    )
    workflow.save_article(article=article, actor=author)
    article.refresh_from_db()
    assert (article.status, article.created_by, article.version) == (Status.DRAFT, author, 1)
    assert article.published_at is None
    assert article.is_featured is False


def test_author_cannot_publish_or_feature_by_editing(author, category):
    """Fields that publish are put back for an author: status, time and featured flag."""
    article = make_draft(category=category, created_by=author)
    article.status = Status.PUBLISHED
    article.published_at = timezone.now()
    article.is_featured = True
    workflow.save_article(article=article, actor=author, expected_version=1)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert article.is_featured is False


def test_editor_may_schedule_and_feature(editor, category):
    """Editors set the publication time and the featured flag in the form."""
    article = make_draft(category=category, status=Status.PENDING)
    later = timezone.now() + timedelta(days=2)
    article.published_at, article.is_featured = later, True
    workflow.save_article(article=article, actor=editor, expected_version=1)
    article.refresh_from_db()
    assert (article.published_at, article.is_featured, article.status) == (
        later,
        True,
        Status.PENDING,
    )


@pytest.mark.parametrize(
    ("status", "own", "allowed"),
    [
        (Status.DRAFT, True, True),
        (Status.REJECTED, True, True),
        (Status.PENDING, True, False),
        (Status.PUBLISHED, True, False),
        (Status.DRAFT, False, False),
        (Status.REJECTED, False, False),
    ],
)
def test_author_edits_only_own_drafts_and_rejected(
    author, other_author, category, status, own, allowed
):
    """An author changes their own draft or rejected article, nothing else."""
    owner = author if own else other_author
    article = make_draft(category=category, created_by=owner, status=status)
    article.title = "Tiêu đề đã sửa"
    if allowed:
        workflow.save_article(article=article, actor=author, expected_version=1)
        assert Article.objects.get(pk=article.pk).title == "Tiêu đề đã sửa"
    else:
        with pytest.raises(PermissionDenied):
            workflow.save_article(article=article, actor=author, expected_version=1)
        assert Article.objects.get(pk=article.pk).title != "Tiêu đề đã sửa"


@pytest.mark.parametrize("status", list(Status))
def test_editor_edits_any_article(editor, other_author, category, status):
    """Editors change others' articles in every status."""
    article = make_draft(category=category, created_by=other_author, status=status)
    article.sapo = "Sapo mới"
    workflow.save_article(article=article, actor=editor, expected_version=1)
    assert Article.objects.get(pk=article.pk).sapo == "Sapo mới"


def test_staff_without_rights_cannot_edit_or_create(staff, category):
    """A staff account without news rights is refused both ways."""
    with pytest.raises(PermissionDenied):
        workflow.save_article(article=Article(title="x", category=category), actor=staff)
    article = make_draft(category=category)
    with pytest.raises(PermissionDenied):
        workflow.save_article(article=article, actor=staff, expected_version=1)


def test_stale_version_is_refused_and_nothing_is_overwritten(editor, other_editor, category):
    """Two editors open version 1; the second save is refused and the first one stays."""
    article = make_draft(category=category, title="Bản gốc")
    first = Article.objects.get(pk=article.pk)
    second = Article.objects.get(pk=article.pk)
    first.title = "Bản của biên tập viên thứ nhất"
    workflow.save_article(article=first, actor=editor, expected_version=1)
    second.title = "Bản của biên tập viên thứ hai"
    with pytest.raises(workflow.EditConflict) as conflict:
        workflow.save_article(article=second, actor=other_editor, expected_version=1)
    assert "Lê Thị Hoa" in str(conflict.value)
    assert "phiên bản 2" in str(conflict.value)
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.version) == ("Bản của biên tập viên thứ nhất", 2)


def test_transition_makes_an_open_form_stale(author, editor, category):
    """An approval bumps the version, so a form opened before it cannot overwrite it."""
    article = make_draft(category=category, created_by=author, status=Status.PENDING)
    opened = Article.objects.get(pk=article.pk)
    workflow.approve_article(article=article, actor=editor)
    opened.title = "Sửa trên bản cũ"
    with pytest.raises(workflow.EditConflict):
        workflow.save_article(article=opened, actor=editor, expected_version=1)


def test_each_content_change_keeps_the_previous_text(editor, category):
    """Saving a new title, sapo or body keeps the old ones as a revision of that version."""
    article = make_draft(category=category, title="Tiêu đề 1", body="<p>Nội dung 1</p>")
    article.title, article.body = "Tiêu đề 2", "<p>Nội dung 2</p>"
    workflow.save_article(article=article, actor=editor, expected_version=1)
    revision = ArticleRevision.objects.get(article=article)
    assert (revision.version, revision.title, revision.body, revision.created_by) == (
        1,
        "Tiêu đề 1",
        "<p>Nội dung 1</p>",
        editor,
    )
    assert article.version == 2


def test_saving_unchanged_content_adds_no_revision(editor, category):
    """A save that only touches other fields (or nothing) does not pile up revisions."""
    article = make_draft(category=category, body="<p>Nội dung</p>")
    article.author_name = "Xuân Hiền"
    workflow.save_article(article=article, actor=editor, expected_version=1)
    assert not ArticleRevision.objects.exists()
    assert Article.objects.get(pk=article.pk).version == 2


def test_dirty_html_equal_after_cleaning_is_not_a_change(editor, category):
    """The body is compared after sanitizing, so a script alone makes no revision."""
    article = make_draft(category=category, body="<p>Nội dung</p>")
    article.body = "<p>Nội dung</p><script>alert(1)</script>"
    workflow.save_article(article=article, actor=editor, expected_version=1)
    assert not ArticleRevision.objects.exists()
    assert Article.objects.get(pk=article.pk).body == "<p>Nội dung</p>"


def test_editing_a_published_article_is_logged(editor, category):
    """An editor may correct a live article; the review log says what was changed."""
    article = make_draft(category=category, status=Status.PUBLISHED, title="Tin A")
    article.title = "Tin A (đã đính chính)"
    workflow.save_article(article=article, actor=editor, expected_version=1)
    record = article.transitions.get()
    assert (record.from_status, record.to_status, record.actor) == (
        Status.PUBLISHED,
        Status.PUBLISHED,
        editor,
    )
    assert "tiêu đề" in record.note
    assert ArticleRevision.objects.filter(article=article, title="Tin A").exists()


def test_restoring_a_revision_is_itself_versioned(editor, category):
    """Restore brings back old text through the same save, keeping the text it replaces."""
    article = make_draft(category=category, title="Gốc", sapo="Sapo gốc")
    article.title, article.sapo = "Sửa", "Sapo sửa"
    workflow.save_article(article=article, actor=editor, expected_version=1)
    revision = article.revisions.get()
    workflow.restore_revision(revision=revision, actor=editor, expected_version=2)
    article.refresh_from_db()
    assert (article.title, article.sapo, article.version) == ("Gốc", "Sapo gốc", 3)
    assert article.revisions.filter(version=2, title="Sửa").exists()


def test_restore_on_a_stale_page_is_refused(editor, category):
    """Restoring from a page opened before another save is an edit conflict too."""
    article = make_draft(category=category, title="Gốc")
    article.title = "Sửa"
    workflow.save_article(article=article, actor=editor, expected_version=1)
    revision = article.revisions.get()
    with pytest.raises(workflow.EditConflict):
        workflow.restore_revision(revision=revision, actor=editor, expected_version=1)
    assert Article.objects.get(pk=article.pk).title == "Sửa"


def test_author_cannot_restore_into_a_published_article(author, category):
    """Restoring is editing: the same permission rules apply."""
    article = make_draft(category=category, created_by=author, status=Status.PUBLISHED)
    revision = ArticleRevision.objects.create(article=article, version=0, title="Cũ")
    with pytest.raises(PermissionDenied):
        workflow.restore_revision(revision=revision, actor=author, expected_version=1)
