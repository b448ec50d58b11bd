from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Category
from tests.news.factories import make_category, make_draft

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def travel(monkeypatch):
    """Move the clock the models read (timezone.now) to a given moment."""

    def to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return to


def test_published_is_status_published_and_time_reached(category):
    """Only published articles whose time has come are public."""
    now = timezone.now()
    public = make_draft(category=category, status=Status.PUBLISHED, published_at=now)
    for status in [Status.DRAFT, Status.PENDING, Status.REJECTED]:
        make_draft(category=category, status=status, published_at=now - timedelta(days=1))
    make_draft(category=category, status=Status.PUBLISHED, published_at=now + timedelta(hours=1))
    assert list(Article.objects.published()) == [public]


def test_scheduled_article_is_invisible_until_its_time(category, travel):
    """A future publication time keeps the article out of published() until that moment."""
    start = timezone.now()
    article = make_draft(
        category=category, status=Status.PUBLISHED, published_at=start + timedelta(hours=2)
    )
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert article.is_scheduled()
    assert not article.is_published()
    travel(start + timedelta(hours=2, seconds=1))
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert article.is_published()
    assert not article.is_scheduled()


def test_scheduled_article_page_is_404_until_its_time(client, category, travel):
    """The public URL of a scheduled article answers 404, then the page once it is due."""
    start = timezone.now()
    article = make_draft(
        category=category, status=Status.PUBLISHED, published_at=start + timedelta(hours=2)
    )
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404
    travel(start + timedelta(hours=3))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.REJECTED])
def test_unpublished_article_page_is_404(client, category, status):
    """Drafts, pending and rejected articles are not public."""
    article = make_draft(category=category, status=status, published_at=timezone.now())
    assert client.get(article.get_absolute_url()).status_code == 404


def test_article_url_is_slug_dash_id(category):
    """Article URLs are /bai-viet/<slug>-<id>/."""
    article = make_draft(category=category, title="Đảng ủy Khối họp")
    assert article.get_absolute_url() == f"/bai-viet/dang-uy-khoi-hop-{article.pk}/"


def test_old_slug_redirects_permanently(client, category):
    """After a title and slug change, the old link answers 301 to the canonical URL."""
    article = make_draft(
        category=category, title="Tiêu đề cũ", status=Status.PUBLISHED, published_at=timezone.now()
    )
    old_url = article.get_absolute_url()
    article.title, article.slug = "Tiêu đề mới", ""
    article.save()
    assert article.slug == "tieu-de-moi"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == f"/bai-viet/tieu-de-moi-{article.pk}/"
    assert client.get(response["Location"]).status_code == 200


def test_mistyped_slug_redirects_and_unknown_id_is_404(client, category):
    """The id decides: any slug redirects to the article; a wrong id is 404."""
    article = make_draft(category=category, status=Status.PUBLISHED, published_at=timezone.now())
    wrong = reverse("news:article_detail", kwargs={"slug": "bat-ky", "pk": article.pk})
    assert client.get(wrong)["Location"] == article.get_absolute_url()
    missing = reverse("news:article_detail", kwargs={"slug": article.slug, "pk": article.pk + 99})
    assert client.get(missing).status_code == 404


def test_published_without_time_is_published_now(category):
    """Code that creates a published article without a time gets the current time."""
    before = timezone.now()
    article = Article.objects.create(title="Tin", category=category, status=Status.PUBLISHED)
    assert article.published_at >= before


def test_for_category_includes_subcategories_and_extra_categories(category):
    """A category lists its own articles, its children's, and those tagged with either."""
    child = make_category("Hoạt động cơ sở", parent=category)
    other = make_category("Xây dựng Đảng")
    own = make_draft(category=category)
    in_child = make_draft(category=child)
    tagged = make_draft(category=other)
    tagged.extra_categories.add(child)
    unrelated = make_draft(category=other)
    found = set(Article.objects.for_category(category))
    assert found == {own, in_child, tagged}
    assert unrelated not in found


def test_categories_have_two_levels_at_most(category):
    """A sub-category cannot have children of its own."""
    child = make_category("Hoạt động cơ sở", parent=category)
    grandchild = Category(name="Cấp ba", parent=child)
    with pytest.raises(ValidationError, match="hai cấp"):
        grandchild.full_clean()


def test_article_url_is_reversed_once_and_follows_its_slug_and_prefix(category, monkeypatch):
    from django.urls import set_script_prefix

    import news.models

    article = make_draft(category=category)
    calls = []
    real = news.models.reverse
    monkeypatch.setattr(news.models, "reverse", lambda *a, **k: calls.append(a) or real(*a, **k))
    url = article.get_absolute_url()
    assert article.get_absolute_url() == url
    assert len(calls) == 1  # the card and the metadata share one reversal
    article.slug = "mot-ten-khac"
    assert "mot-ten-khac" in article.get_absolute_url()
    set_script_prefix("/cong/")
    try:
        assert article.get_absolute_url().startswith("/cong/")
    finally:
        set_script_prefix("/")
    assert len(calls) == 3
