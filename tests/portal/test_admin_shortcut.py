import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from news.models import Article
from tests.news.factories import AUTHOR, EDITOR, make_draft, make_user

pytestmark = pytest.mark.django_db


def shortcut_url(article):
    return reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, article.pk]
    )


@pytest.fixture
def secret_draft():
    owner = make_user("phongvien_a", AUTHOR)
    return make_draft(title="Bí mật nhân sự chưa công bố", created_by=owner)


def test_author_cannot_read_anothers_draft_through_view_on_site(client, secret_draft):
    """Another author asking the admin's shortcut for someone's draft gets a 404, not its URL."""
    client.force_login(make_user("phongvien_b", AUTHOR))
    response = client.get(shortcut_url(secret_draft))
    assert response.status_code == 404
    assert "bi-mat" not in response.get("Location", "")


def test_staff_without_news_rights_gets_404(client, secret_draft):
    """A staff account with no right on articles learns nothing either."""
    client.force_login(make_user("tochuc"))
    assert client.get(shortcut_url(secret_draft)).status_code == 404


def test_owner_and_editor_still_get_the_shortcut(client, secret_draft):
    """Whoever may see the article in the admin is sent to its page."""
    make_user("bientap", EDITOR)
    for username in ["phongvien_a", "bientap"]:
        client.force_login(User.objects.get(username=username))
        response = client.get(shortcut_url(secret_draft))
        assert response.status_code == 302
        assert response["Location"].endswith(secret_draft.get_absolute_url())


def test_unknown_ids_are_404(client):
    """A content type or object that does not exist is a 404, never a 500."""
    client.force_login(make_user("bientap", EDITOR))
    assert client.get(reverse("admin:view_on_site", args=[999999, 1])).status_code == 404
    ct = ContentType.objects.get_for_model(Article).pk
    assert client.get(reverse("admin:view_on_site", args=[ct, "khong-phai-so"])).status_code == 404
