"""Crafted ids in the admin are refused with a message or a 400, never a 500.

The guard sits in the admin site (netguard.adminsite), so it covers every model admin,
Django's own (users, groups) and its `delete_selected` action included.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.urls import reverse

from news.models import Article
from tests.news.factories import make_draft, make_user
from tests.organizations.factories import bloc, cell

pytestmark = pytest.mark.django_db

CRAFTED = ["abc", "1.5", "9" * 20, "9223372036854775808", "-9223372036854775809", ""]


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("quantri", is_superuser=True))
    return client


@pytest.mark.parametrize("crafted", CRAFTED)
@pytest.mark.parametrize(
    ("url_name", "action"),
    [
        ("admin:news_article_changelist", "approve_selected"),
        ("admin:news_article_changelist", "delete_selected"),
        ("admin:organizations_organization_changelist", "merge_selected"),
        ("admin:auth_user_changelist", "delete_selected"),
    ],
)
def test_crafted_selected_ids_get_an_admin_message(admin_client, url_name, action, crafted):
    """A list action on ids the database cannot hold answers with a message, not a 500."""
    article = make_draft()
    response = admin_client.post(
        reverse(url_name),
        {"action": action, ACTION_CHECKBOX_NAME: [str(article.pk), crafted], "index": "0"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Mã đối tượng không hợp lệ" in response.content.decode()
    assert Article.objects.filter(pk=article.pk, status=Article.Status.DRAFT).exists()


def test_valid_ids_still_reach_the_action(admin_client):
    """The guard lets well-formed ids through: Django's delete confirmation appears."""
    user = make_user("phongvien_x")
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [str(user.pk)], "index": "0"},
    )
    assert response.status_code == 200
    assert "Xóa nhiều đối tượng" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize("crafted", ["9223372036854775808", "abc,1.5", "1," + "9" * 20])
def test_merge_form_refuses_crafted_ids(admin_client, crafted):
    """The merge form reached with crafted ids in its query string goes back to the list."""
    root = bloc()
    cell(root)
    response = admin_client.get(
        reverse("admin:organizations_organization_merge_selected"), {"ids": crafted}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("admin:organizations_organization_changelist")
    assert "Mã đối tượng không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("crafted", ["9" * 20, "9223372036854775808"])
@pytest.mark.parametrize(
    "url_name", ["admin:news_article_change", "admin:organizations_organization_change"]
)
def test_change_page_of_a_huge_id_is_not_a_500(admin_client, url_name, crafted):
    """A change page for an id beyond the column's range says the object does not exist."""
    response = admin_client.get(reverse(url_name, args=[crafted]), follow=True)
    assert response.status_code in {200, 400, 404}


@pytest.mark.parametrize("crafted", ["9" * 20, "abc"])
def test_view_on_site_of_a_crafted_id_is_not_a_500(admin_client, crafted):
    """The admin's view-on-site shortcut with a crafted object id is a 404."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Article)
    response = admin_client.get(f"/admin/r/{content_type.pk}/{crafted}/")
    assert response.status_code == 404
    response = admin_client.get(f"/admin/r/{'9' * 20}/1/")
    assert response.status_code == 404
