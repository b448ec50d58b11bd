"""The `recording` library: who a record names, and the caller's instance after a write."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import models

from recording import recorded_user, stored_on, user_field


@pytest.mark.django_db
def test_a_record_names_a_person_never_the_public_or_a_script():
    """The public (an anonymous user) and scripts (no actor) are recorded as nobody."""
    person = User.objects.create_user("bientap")
    assert recorded_user(person) is person
    assert recorded_user(AnonymousUser()) is None
    assert recorded_user(None) is None


def test_the_who_of_a_record_outlives_the_account():
    """A removed account leaves its records, naming nobody, with no reverse accessor."""
    field = user_field("người thực hiện", blank=True)
    assert field.remote_field.on_delete is models.SET_NULL
    assert field.null
    assert field.blank
    assert field.remote_field.related_name == "+"
    assert user_field("người tạo", related_name="articles").remote_field.related_name == "articles"


def test_the_callers_instance_takes_the_stored_values():
    class Row:
        status, version = "draft", 1

    caller, stored = Row(), Row()
    stored.status, stored.version = "published", 2
    assert stored_on(caller, stored, ["status"]) is caller
    assert (caller.status, caller.version) == ("published", 1)


@pytest.mark.django_db
def test_a_record_links_to_the_row_it_belongs_to():
    """A transition or a revision opens the admin page of its article (`record_of`)."""
    from django.urls import reverse

    from news.models import ArticleRevision, ArticleTransition
    from tests.news.factories import make_draft

    article = make_draft(title="Hội nghị")
    page = reverse("admin:news_article_change", args=[article.pk])
    step = ArticleTransition.objects.create(
        article=article, from_status="draft", to_status="pending"
    )
    revision = ArticleRevision.objects.create(article=article, version=1, title="Cũ")
    assert step.get_absolute_url() == revision.get_absolute_url() == page
    assert str(revision) == "Hội nghị – phiên bản 1"
    assert list(article.revisions.all()) == [revision]  # ordered by version, newest first
