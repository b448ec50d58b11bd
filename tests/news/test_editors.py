"""Editors limited to some categories: the list, the actions and the approval refuse the
others on the server, whatever a crafted request asks (docs/editors.md)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from news import workflow
from news.editors import EditorProfile, category_scope
from news.models import Article
from tests.news.factories import EDITOR, make_category, make_draft, make_user
from tests.news.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGELIST = reverse("admin:news_article_changelist")


@pytest.fixture
def desks(author):
    """Ban Tuyên giáo's editor has "Xây dựng Đảng" (and so its sub-category); the other
    category belongs to someone else's desk."""
    own = make_category("Xây dựng Đảng")
    child = make_category("Học tập và làm theo Bác", parent=own)
    other = make_category("Kinh tế – Xã hội")
    limited = make_user("bientap-tuyengiao", EDITOR, first_name="Lan", last_name="Ngọc")
    EditorProfile.objects.create(user=limited).categories.add(own)
    articles = {
        name: make_draft(category=category, created_by=author, title=title, status=Status.PENDING)
        for name, category, title in [
            ("own", own, "Hội nghị học tập Nghị quyết"),
            ("child", child, "Gương sáng làm theo Bác"),
            ("other", other, "Doanh nghiệp tăng trưởng quý III"),
        ]
    }
    categories = {"own_category": own, "child_category": child, "other_category": other}
    return {"limited": limited, **categories, **articles}


def reload(article):
    return Article.objects.get(pk=article.pk)


def test_scope_covers_the_chosen_categories_and_their_children(desks, editor):
    """A desk of one top-level category covers its sub-categories; no desk means all."""
    assert category_scope(desks["limited"]) == {
        desks["own_category"].pk,
        desks["child_category"].pk,
    }
    assert category_scope(editor) is None


def test_limited_editor_lists_only_their_categories(client, desks):
    """The list, and its category filter, show only the desk's categories."""
    client.force_login(desks["limited"])
    response = client.get(CHANGELIST)
    titles = [article.title for article in response.context["cl"].result_list]
    assert sorted(titles) == sorted([desks["own"].title, desks["child"].title])
    category_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.field_path == "category"
    )
    assert {pk for pk, _ in category_filter.lookup_choices} == {
        desks["own_category"].pk,
        desks["child_category"].pk,
    }


def test_limited_editor_cannot_reach_another_desk_by_id(client, desks):
    """Change page, preview, history, transition and revision pages: not found."""
    client.force_login(desks["limited"])
    other = desks["other"]
    response = client.get(change_url(other))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    for name, args in [
        ("admin:news_article_preview", [other.pk]),
        ("admin:news_article_transition", [other.pk, "approve"]),
        ("admin:news_article_transition", [other.pk, "reject"]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.get(reverse("admin:news_article_history", args=[other.pk])).status_code == 302


def test_crafted_posts_cannot_approve_reject_or_edit_another_desk(client, desks):
    """Approval by the transition URL or the list action, rejection, an edit: nothing moves."""
    client.force_login(desks["limited"])
    other = desks["other"]
    approve = reverse("admin:news_article_transition", args=[other.pk, "approve"])
    assert client.post(approve, {"note": "", "seen": f"{other.pk}:1"}).status_code == 404
    reject = reverse("admin:news_article_transition", args=[other.pk, "reject"])
    assert client.post(reject, {"note": "Sai", "seen": f"{other.pk}:1"}).status_code == 404
    for action in ["approve_selected", "reject_selected", "unpublish_selected"]:
        client.post(
            CHANGELIST,
            {"action": action, ACTION_CHECKBOX_NAME: [other.pk], "confirm": "yes", "note": "x"},
        )
    client.post(change_url(other), form_data(other, title="Đổi tiêu đề"))
    current = reload(other)
    assert (current.status, current.title, current.version) == (Status.PENDING, other.title, 1)
    assert not current.transitions.exists()


def test_limited_editor_approves_in_their_desk(client, desks):
    """In the desk, sub-categories included, the editor approves as before."""
    client.force_login(desks["limited"])
    child = desks["child"]
    approve = reverse("admin:news_article_transition", args=[child.pk, "approve"])
    client.post(approve, {"note": "", "seen": f"{child.pk}:{child.version}"})
    assert reload(child).status == Status.PUBLISHED


def test_limited_editor_cannot_move_an_article_out_of_their_desk(client, desks):
    """Someone else's article stays within the desk: the form refuses, and so does the
    workflow when called directly."""
    client.force_login(desks["limited"])
    own = desks["own"]
    response = client.post(change_url(own), form_data(own, category=desks["other_category"].pk))
    assert response.status_code == 200
    assert workflow.OUTSIDE_DESK in response.content.decode()
    assert reload(own).category == desks["own_category"]
    own.category = desks["other_category"]
    with pytest.raises(PermissionDenied):
        workflow.save_article(article=own, actor=desks["limited"], expected_version=own.version)
    assert reload(own).category == desks["own_category"]


def test_workflow_refuses_every_review_outside_the_desk(desks):
    """approve, reject, unpublish and edit-in-place, called directly, are refused."""
    limited, other = desks["limited"], desks["other"]
    with pytest.raises(PermissionDenied):
        workflow.approve_article(article=other, actor=limited)
    with pytest.raises(PermissionDenied):
        workflow.reject_article(article=other, actor=limited, reason="Chưa đạt")
    published = make_draft(
        category=desks["other_category"], status=Status.PUBLISHED, title="Đã đăng"
    )
    with pytest.raises(PermissionDenied):
        workflow.unpublish_article(article=published, actor=limited)
    assert not workflow.can_edit(limited, published)
    assert not workflow.can_view(limited, other)
    assert reload(other).status == Status.PENDING


def test_limited_editor_is_an_author_elsewhere(client, desks):
    """Their own article in another category: written, edited, submitted, never approved
    by themselves, and its publishing fields are not theirs to set."""
    limited, other_category = desks["limited"], desks["other_category"]
    client.force_login(limited)
    response = client.get(reverse("admin:news_article_add"))
    assert response.status_code == 200
    article = Article(title="Bài viết cho Ban Kinh tế", category=other_category, is_featured=True)
    workflow.save_article(article=article, actor=limited)
    assert article.is_featured is False
    assert workflow.can_edit(limited, article)
    workflow.submit_article(article=article, actor=limited)
    assert article.status == Status.PENDING
    with pytest.raises(PermissionDenied):
        workflow.approve_article(article=article, actor=limited)
    assert article in workflow.visible_articles(limited)


def test_editor_without_desk_still_reviews_every_category(desks, editor):
    """The default is all categories, as before desks existed."""
    workflow.approve_article(article=desks["other"], actor=editor)
    assert reload(desks["other"]).status == Status.PUBLISHED
    empty = EditorProfile.objects.create(user=make_user("bientap-moi", EDITOR))
    assert category_scope(empty.user) is None


def test_superuser_manages_desks_editors_do_not(client, desks, superuser):
    """The assignments are kept by superusers; an editor cannot widen their own desk."""
    client.force_login(desks["limited"])
    profile = desks["limited"].editor_profile
    url = reverse("admin:news_editorprofile_change", args=[profile.pk])
    assert client.get(url).status_code == 403
    client.force_login(superuser)
    response = client.get(reverse("admin:news_editorprofile_changelist"))
    assert response.status_code == 200
    assert "Xây dựng Đảng" in response.content.decode()
