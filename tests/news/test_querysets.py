from datetime import timedelta

import pytest

from news.models import Article
from tests.news.factories import make_category, make_published

pytestmark = pytest.mark.django_db


def test_newest_per_category_ranks_every_block_in_one_query(django_assert_num_queries):
    """One window-function query returns the N newest of each block, sub-categories included."""
    party = make_category("Xây dựng Đảng")
    inspection = make_category("Kiểm tra", parent=party)
    study = make_category("Học tập")
    other = make_category("Khác")
    for day in range(1, 5):
        make_published(party, f"Đảng {day}", ago=timedelta(days=day))
        make_published(study, f"Học tập {day}", ago=timedelta(days=day))
        make_published(other, f"Khác {day}", ago=timedelta(days=day))
    make_published(inspection, "Kiểm tra mới nhất", ago=timedelta(hours=1))

    with django_assert_num_queries(1):
        blocks = {party.pk: [party.pk, inspection.pk], study.pk: [study.pk]}
        rows = list(Article.objects.published().newest_per_category(blocks, 3).for_card())

    assert [(row.block_id, row.title) for row in rows] == [
        (party.pk, "Kiểm tra mới nhất"),
        (party.pk, "Đảng 1"),
        (party.pk, "Đảng 2"),
        (study.pk, "Học tập 1"),
        (study.pk, "Học tập 2"),
        (study.pk, "Học tập 3"),
    ]


def test_newest_per_category_copes_with_many_categories():
    """Thirty categories in twelve blocks still make one query that both databases accept."""
    blocks = {}
    for index in range(12):
        parent = make_category(f"Khối {index}")
        children = [make_category(f"Con {index}.{n}", parent=parent) for n in range(2)]
        blocks[parent.pk] = [parent.pk, *(child.pk for child in children)]
        make_published(children[1], f"Tin khối {index}")
    rows = list(Article.objects.published().newest_per_category(blocks, 2))
    assert sorted(row.title for row in rows) == sorted(f"Tin khối {i}" for i in range(12))


def test_newest_per_category_keeps_the_queryset_filters():
    """Filters applied before (published, exclusions) hold for every block."""
    party = make_category("Xây dựng Đảng")
    shown = make_published(party, "Đã đưa lên đầu trang", ago=timedelta(hours=1))
    make_published(party, "Tin thường", ago=timedelta(hours=2))
    make_published(party, "Bản nháp", status=Article.Status.DRAFT)
    rows = Article.objects.published().exclude(pk=shown.pk).newest_per_category({1: [party.pk]}, 1)
    assert [row.title for row in rows] == ["Tin thường"]


def test_bulk_create_accepts_a_generator():
    """bulk_create() inserts the articles of a generator (it used to exhaust it first)."""
    category = make_category()
    Article.objects.bulk_create(
        Article(title=f"Tin {i}", category=category, status=Article.Status.PUBLISHED)
        for i in range(3)
    )
    assert Article.objects.published().count() == 3
