from datetime import timedelta

import pytest

from news.models import Article
from tests.news.content import make_article, make_category

pytestmark = pytest.mark.django_db


def test_newest_per_category_ranks_every_category_in_one_query(django_assert_num_queries):
    """One window-function query returns the N newest of each category, its children's included."""
    party = make_category("Xây dựng Đảng")
    inspection = make_category("Kiểm tra", parent=party)
    study = make_category("Học tập")
    other = make_category("Khác")
    for day in range(1, 5):
        make_article(party, f"Đảng {day}", ago=timedelta(days=day))
        make_article(study, f"Học tập {day}", ago=timedelta(days=day))
        make_article(other, f"Khác {day}", ago=timedelta(days=day))
    make_article(inspection, "Kiểm tra mới nhất", ago=timedelta(hours=1))

    with django_assert_num_queries(1):
        rows = list(Article.objects.published().newest_per_category([party, study], 3).for_card())

    assert [(row.block_id, row.title) for row in rows] == [
        (party.pk, "Kiểm tra mới nhất"),
        (party.pk, "Đảng 1"),
        (party.pk, "Đảng 2"),
        (study.pk, "Học tập 1"),
        (study.pk, "Học tập 2"),
        (study.pk, "Học tập 3"),
    ]


def test_newest_per_category_files_a_child_block_article_under_the_child():
    """When a sub-category has its own block, its articles go there, not to the parent's."""
    party = make_category("Xây dựng Đảng")
    inspection = make_category("Kiểm tra", parent=party)
    make_article(inspection, "Giám sát")
    rows = list(Article.objects.published().newest_per_category([party, inspection], 5))
    assert [(row.block_id, row.title) for row in rows] == [(inspection.pk, "Giám sát")]


def test_bulk_create_accepts_a_generator():
    """bulk_create() inserts the articles of a generator (it used to exhaust it first)."""
    category = make_category()
    Article.objects.bulk_create(
        Article(title=f"Tin {i}", category=category, status=Article.Status.PUBLISHED)
        for i in range(3)
    )
    assert Article.objects.published().count() == 3
