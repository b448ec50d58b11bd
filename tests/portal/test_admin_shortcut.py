import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from news.models import Article
from tests.news.factories import AUTHOR, EDITOR, PASSWORD, make_article, make_user

pytestmark = pytest.mark.django_db


def shortcut_url(article):
    return reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, article.pk]
    )


@pytest.fixture
def secret_draft():
    owner = make_user("phongvien_a", AUTHOR)
    return make_article(title="Bí mật nhân sự chưa công bố", created_by=owner)


def test_author_cannot_read_anothers_draft_through_view_on_site(client, secret_draft):
    """Another author asking the admin's shortcut for someone's draft gets a 404, not its URL."""
    make_user("phongvien_b", AUTHOR)
    client.login(username="phongvien_b", password=PASSWORD)
    response = client.get(shortcut_url(secret_draft))
    assert response.status_code == 404
    assert "bi-mat" not in response.get("Location", "")


def test_staff_without_news_rights_gets_404(client, secret_draft):
    """A staff account with no right on articles learns nothing either."""
    make_user("tochuc")
    client.login(username="tochuc", password=PASSWORD)
    assert client.get(shortcut_url(secret_draft)).status_code == 404


def test_owner_and_editor_still_get_the_shortcut(client, secret_draft):
    """Whoever may see the article in the admin is sent to its page."""
    make_user("bientap", EDITOR)
    for username in ["phongvien_a", "bientap"]:
        client.login(username=username, password=PASSWORD)
        response = client.get(shortcut_url(secret_draft))
        assert response.status_code == 302
        assert response["Location"].endswith(secret_draft.get_absolute_url())


def test_unknown_ids_are_404(client):
    """A content type or object that does not exist is a 404, never a 500."""
    make_user("bientap", EDITOR)
    client.login(username="bientap", password=PASSWORD)
    assert client.get(reverse("admin:view_on_site", args=[999999, 1])).status_code == 404
    ct = ContentType.objects.get_for_model(Article).pk
    assert client.get(reverse("admin:view_on_site", args=[ct, "khong-phai-so"])).status_code == 404
