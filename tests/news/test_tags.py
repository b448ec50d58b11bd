"""Từ khóa: one tag however it is accented, reused from the admin, its page and keywords."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.urls import reverse

from news.models import Article, Tag
from news.tags import split_names
from tests.news.factories import bulk_published, make_category, make_draft, make_published
from tests.news.test_admin import form_data

pytestmark = pytest.mark.django_db

# fingerprint for the page cache, tag, count, page, menu (2), footer
TAG_PAGE_QUERIES = 7


@pytest.fixture
def party():
    return make_category("Xây dựng Đảng")


def titles_in(html):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_accented_and_plain_spellings_are_one_tag():
    """ "Chuyển đổi số", "chuyen doi so" and "CHUYỂN  ĐỔI SỐ" resolve to the same tag."""
    first = Tag.objects.resolve(["Chuyển đổi số"])
    again = Tag.objects.resolve(["chuyen doi so", "CHUYỂN  ĐỔI SỐ", "Đảng ủy"])
    assert again[0] == first[0]
    assert Tag.objects.count() == 2
    assert first[0].name == "Chuyển đổi số"  # the first spelling stays
    assert first[0].slug == "chuyen-doi-so"
    assert Tag.objects.get(slug="dang-uy").name == "Đảng ủy"


def test_a_second_tag_with_the_same_folded_name_is_refused():
    """Made by hand in the admin, a differently accented duplicate is a form error."""
    Tag.objects.create(name="Chuyển đổi số")
    with pytest.raises(ValidationError) as error:
        Tag(name="chuyen đoi sô").full_clean()
    assert "Từ khóa này đã có" in str(error.value)


def test_a_form_without_the_slug_still_checks_it():
    """A form leaves the derived slug out of the constraint checks (`news.fields.DerivedName`
    checks it anyway): the duplicate is a form error, not a database error on save."""
    Tag.objects.create(name="Chuyển đổi số")
    form = modelform_factory(Tag, fields=["name"])({"name": "chuyen đoi sô"})
    assert not form.is_valid()
    assert "Từ khóa này đã có" in str(form.errors)


def test_split_names_drops_blanks_and_folded_repeats():
    """Commas or semicolons separate; empty parts and repeats (by folded key) go."""
    assert split_names(" Chuyển đổi số ,, chuyen doi so; Đại  hội ; !!! ,") == [
        "Chuyển đổi số",
        "Đại hội",
    ]


def test_tags_typed_in_the_admin_reuse_existing_ones(client, editor, party):
    """Typing "chuyen doi so" on an article attaches the existing "Chuyển đổi số"."""
    existing = Tag.objects.create(name="Chuyển đổi số")
    article = make_draft(category=party, created_by=editor)
    client.force_login(editor)
    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        form_data(article, tag_names="chuyen doi so, Đại hội Đảng bộ, CHUYỂN ĐỔI SỐ"),
    )
    assert response.status_code == 302
    assert list(article.tags.order_by("slug")) == [
        existing,
        Tag.objects.get(slug="dai-hoi-dang-bo"),
    ]
    assert Tag.objects.count() == 2
    page = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert 'value="Chuyển đổi số, Đại hội Đảng bộ"' in page or (
        'value="Đại hội Đảng bộ, Chuyển đổi số"' in page
    )


def test_too_many_tags_are_refused(client, editor, party):
    article = make_draft(category=party, created_by=editor)
    client.force_login(editor)
    names = ", ".join(f"Từ khóa {n}" for n in range(25))
    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]), form_data(article, tag_names=names)
    )
    assert "tag_names" in response.context["adminform"].form.errors
    assert not Tag.objects.exists()


def test_admin_suggestions_match_without_accents(client, author):
    """The "Từ khóa" box's suggestions: folded match, most used first, for writers too."""
    party = make_category()
    used = Tag.objects.create(name="Chuyển đổi số quốc gia")
    Tag.objects.create(name="Chuyển đổi số")
    Tag.objects.create(name="Đại hội")
    make_published(party).tags.add(used)
    client.force_login(author)
    response = client.get(reverse("admin:news_tag_suggest"), {"q": "chuyen doi"})
    assert response.json() == {"results": ["Chuyển đổi số quốc gia", "Chuyển đổi số"]}


def test_suggestions_are_for_staff_writers_only(client, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:news_tag_suggest"), {"q": "chuyen"})
    assert response.status_code == 403


def test_tag_page_lists_published_articles_newest_first(client, party):
    tag = Tag.objects.create(name="Chuyển đổi số")
    older = make_published(party, "Hội thảo chuyển đổi số", ago=timedelta(days=2))
    newer = make_published(party, "Ứng dụng số hóa hồ sơ đảng viên", ago=timedelta(days=1))
    draft = make_published(party, "Nháp", status=Article.Status.DRAFT)
    make_published(party, "Không gắn từ khóa")
    for article in (older, newer, draft):
        article.tags.add(tag)
    response = client.get(tag.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert titles_in(html) == ["Ứng dụng số hóa hồ sơ đảng viên", "Hội thảo chuyển đổi số"]
    assert '<meta name="keywords" content="Chuyển đổi số">' in html
    assert client.get(reverse("news:tag_detail", kwargs={"slug": "khong-co"})).status_code == 404


@pytest.mark.parametrize("count", [3, 120])
def test_tag_page_query_count_does_not_grow(client, party, django_assert_num_queries, count):
    tag = Tag.objects.create(name="Chuyển đổi số")
    tag.articles.add(*bulk_published(party, count))
    with django_assert_num_queries(TAG_PAGE_QUERIES):
        assert client.get(tag.get_absolute_url()).status_code == 200


def test_article_page_links_its_tags_and_writes_keywords(client, party):
    article = make_published(party, "Hội nghị chuyển đổi số")
    article.tags.add(*Tag.objects.resolve(["Chuyển đổi số", "Đảng ủy Khối"]))
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<meta name="keywords" content="Chuyển đổi số, Đảng ủy Khối">' in html
    assert '<meta property="article:tag" content="Chuyển đổi số">' in html
    assert f'href="{reverse("news:tag_detail", kwargs={"slug": "chuyen-doi-so"})}"' in html
    assert '"keywords": "Chuyển đổi số, Đảng ủy Khối"' in html


def test_tag_feed_and_sitemap_list_only_tags_in_use(client, party):
    used = Tag.objects.create(name="Chuyển đổi số")
    unused = Tag.objects.create(name="Chỉ trên bản nháp")
    make_published(party, "Tin số hóa").tags.add(used)
    make_draft(category=party).tags.add(unused)
    feed = client.get(reverse("news:tag_feed", kwargs={"slug": used.slug})).content.decode()
    assert "Tin số hóa" in feed
    sitemap = client.get(reverse("portal:sitemap_section", kwargs={"section": "tu-khoa"}))
    body = sitemap.content.decode()
    assert used.get_absolute_url() in body
    assert unused.get_absolute_url() not in body


def test_renaming_a_tag_in_the_admin_refreshes_cached_pages(
    client, party, editor, django_capture_on_commit_callbacks
):
    """The article page, cached with the old tag name, shows the new one once saved."""
    tag = Tag.objects.create(name="Chuyen doi so")
    article = make_published(party, "Tin số hóa")
    article.tags.add(tag)
    assert "Chuyen doi so" in client.get(article.get_absolute_url()).content.decode()
    admin = client.__class__()
    admin.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("admin:news_tag_change", args=[tag.pk]), {"name": "Chuyển đổi số"}
        )
    assert response.status_code == 302
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Chuyển đổi số</a>" in html
    assert "Chuyen doi so" not in html
