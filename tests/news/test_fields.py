"""Slugs and the other values a row derives for itself, on every way of writing it."""

import unicodedata

import pytest

import vntext
from news.models import Article, Category
from tests.news.factories import make_category, make_draft

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đảng ủy Khối", "dang-uy-khoi"),
        ("ĐẢNG BỘ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "dang-bo-khoi-co-quan-va-doanh-nghiep-tinh"),
        (
            "Hội nghị Ban Chấp hành lần thứ 5, nhiệm kỳ 2020-2025",
            "hoi-nghi-ban-chap-hanh-lan-thu-5-nhiem-ky-2020-2025",
        ),
        ("Ưu tiên phát triển đảng viên ở cơ sở", "uu-tien-phat-trien-dang-vien-o-co-so"),
        ("Ơn nghĩa, thơ ca, người lính", "on-nghia-tho-ca-nguoi-linh"),
        ("Tả, tã, tá, tạ, tà", "ta-ta-ta-ta-ta"),
        ("Quảng Trị: “tự diễn biến”, “tự chuyển hóa”!", "quang-tri-tu-dien-bien-tu-chuyen-hoa"),
        # old and new tone placement fold to the same slug
        ("Hoà bình", "hoa-binh"),
        ("Hòa bình", "hoa-binh"),
        ("Uỷ ban Kiểm tra", "uy-ban-kiem-tra"),
        ("Ủy ban Kiểm tra", "uy-ban-kiem-tra"),
        ("Thuỷ lợi", "thuy-loi"),
        ("Thủy lợi", "thuy-loi"),
    ],
)
def test_vietnamese_titles_become_ascii_slugs(category, title, slug):
    """An article saved without a slug gets one: diacritics dropped, đ → d, tone placement ignored."""
    article = Article.objects.create(title=title, category=category)
    assert article.slug == slug
    assert Article.objects.get(pk=article.pk).slug == slug


def test_decomposed_unicode_gives_the_same_slug(category):
    """Text typed in NFD (combining marks) slugs like its NFC form."""
    title = unicodedata.normalize("NFD", "Đảng ủy Khối")
    assert Article.objects.create(title=title, category=category).slug == "dang-uy-khoi"


def test_title_without_letters_falls_back(category):
    """A title of symbols only still gets a usable slug."""
    assert Article.objects.create(title="!!! …", category=category).slug == "bai-viet"


def test_long_title_is_cut_between_words(category):
    """Slugs stop at the field's length without cutting a word in half."""
    article = Article.objects.create(title="Nghị quyết " * 25, category=category)
    assert len(article.slug) <= 200
    assert article.slug.endswith("quyet")


def test_slug_given_is_kept_and_title_change_keeps_it(category):
    """An explicit slug stays, and changing the title later does not move the link."""
    article = Article.objects.create(title="Tin", slug="tin-rieng", category=category)
    article.title = "Tin đã đổi tiêu đề"
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "tin-rieng"


def test_category_slugs_stay_unique():
    """Two categories with the same name get distinct slugs instead of a database error."""
    first = make_category("Tin tức")
    second = make_category("Tin tức")
    third = make_category("Tin Tức")
    assert [first.slug, second.slug, third.slug] == ["tin-tuc", "tin-tuc-2", "tin-tuc-3"]


def test_search_text_is_folded(category):
    """The search columns hold the title and the text of sapo and body, folded."""
    article = make_draft(
        category=category, title="Đảng uỷ Khối", sapo="Hội nghị", body="<p>Đổi <b>mới</b></p>"
    )
    assert article.search_title == "dang uy khoi"
    assert article.search_body == "hoi nghi doi moi"


DIRTY_BODY = '<p onclick="x()">Đổi mới<script>alert(1)</script></p><img src="javascript:alert(1)">'
CLEAN_BODY = "<p>Đổi mới</p><img>"


def _derived(article):
    article.refresh_from_db()
    return article.slug, article.body, article.search_title, article.search_body


def test_bulk_create_derives_like_save(category):
    """bulk_create stores the same clean HTML, slug and search text as save()."""
    saved = Article.objects.create(
        title="Hòa bình", sapo="Sapo", body=DIRTY_BODY, category=category
    )
    (bulk,) = Article.objects.bulk_create(
        [Article(title="Hòa bình", sapo="Sapo", body=DIRTY_BODY, category=category)]
    )
    assert _derived(bulk) == _derived(saved)
    assert _derived(bulk)[1] == CLEAN_BODY


def test_queryset_update_cleans_and_refolds(category):
    """QuerySet.update() stores clean HTML and refreshes the search text, like save()."""
    article = make_draft(category=category, title="Cũ", sapo="Sapo")
    reference = Article.objects.create(
        title="Hòa bình", sapo="Sapo", body=DIRTY_BODY, category=category
    )
    updated = Article.objects.filter(pk=article.pk).update(title="Hòa bình", body=DIRTY_BODY)
    assert updated == 1
    slug, body, search_title, search_body = _derived(article)
    assert (body, search_title, search_body) == _derived(reference)[1:]
    assert slug == "cu"  # as with save(), a new title keeps the old link


def test_queryset_update_with_empty_slug_makes_a_new_one(category):
    """Clearing the slug with update() derives it again from the title, as save() would."""
    article = make_draft(category=category, title="Đảng ủy Khối")
    Article.objects.filter(pk=article.pk).update(slug="")
    assert Article.objects.get(pk=article.pk).slug == "dang-uy-khoi"


def test_queryset_update_filtered_on_the_changed_column(category):
    """Rows chosen by the very column being changed are still refreshed."""
    article = make_draft(category=category, title="Tên cũ")
    Article.objects.filter(title="Tên cũ").update(title="Tên mới")
    assert Article.objects.get(pk=article.pk).search_title == "ten moi"


def test_bulk_update_cleans_and_refolds(category):
    """bulk_update() cleans the instances' HTML and writes the refreshed search text."""
    articles = [make_draft(category=category, title=f"Tin {n}") for n in range(3)]
    for article in articles:
        article.body = DIRTY_BODY
    Article.objects.bulk_update(articles, ["body"])
    assert articles[0].body == CLEAN_BODY
    for article in articles:
        article.refresh_from_db()
        assert article.body == CLEAN_BODY
        assert article.search_body.endswith("doi moi")


def test_unrelated_update_does_not_touch_derived_fields(category):
    """update() of other columns is a plain UPDATE (no extra reads)."""
    article = make_draft(category=category)
    Article.objects.filter(pk=article.pk).update(view_count=5)
    assert Article.objects.get(pk=article.pk).view_count == 5


def test_category_update_refreshes_slug(category):
    """The category queryset keeps its slug rule through update() as well."""
    Category.objects.filter(pk=category.pk).update(slug="")
    assert Category.objects.get(pk=category.pk).slug == vntext.slugify(category.name)


def test_first_free_slug_counts_up_and_respects_the_length():
    """A taken slug gets -2, -3…; a long one is cut (never mid-dash) to make room."""
    assert vntext.first_free("tin-tuc", []) == "tin-tuc"
    assert vntext.first_free("tin-tuc", ["tin-tuc", "tin-tuc-2"]) == "tin-tuc-3"
    assert vntext.first_free("abc-de", ["abc-de"], max_length=6) == "abc-2"
