"""The category membership table (news/membership.py) stays what the articles say.

The truth is computed here from the articles themselves (main category, extra
categories, and the parent of each), never from the module under test. Each way of
writing has its own test, so that removing one sync hook fails one named test; a
random sequence of every kind of write checks the table after each step.
"""

import importlib
import random
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from news import membership, workflow
from news.models import Article, Category, CategoryMembership
from tests.news.factories import bulk_published, make_category, make_draft, make_published
from tests.news.test_admin import form_data

pytestmark = pytest.mark.django_db

Status = Article.Status


def truth() -> set[tuple]:
    rows = set()
    articles = Article.objects.select_related("category").prefetch_related("extra_categories")
    for article in articles:
        for category in [article.category, *article.extra_categories.all()]:
            for listed in (category.pk, category.parent_id):
                if listed is not None:
                    rows.add((article.pk, listed, article.status, article.published_at))
    return rows


def stored() -> set[tuple]:
    return set(
        CategoryMembership.objects.values_list(
            "article_id", "category_id", "status", "published_at"
        )
    )


def assert_in_sync():
    assert stored() == truth()


@pytest.fixture
def tree():
    party = make_category("Xây dựng Đảng")
    control = make_category("Kiểm tra – giám sát", parent=party)
    news = make_category("Tin tức")
    local = make_category("Hoạt động cơ sở", parent=news)
    alone = make_category("Gương người tốt")
    return party, control, news, local, alone


def listed(category) -> list[str]:
    return [a.title for a in Article.objects.for_card().published_in(category)[0:100]]


# --- one test per write path -----------------------------------------------------------


def test_a_saved_article_is_listed_by_its_category_and_the_parent(tree):
    """Article.save(): a new article gets rows for its category and that category's parent."""
    party, control, *_ = tree
    article = make_published(control, "Kiểm tra chi bộ")
    assert stored() == {
        (article.pk, control.pk, Status.PUBLISHED, article.published_at),
        (article.pk, party.pk, Status.PUBLISHED, article.published_at),
    }
    assert listed(party) == listed(control) == ["Kiểm tra chi bộ"]


def test_saving_a_new_category_status_or_date_moves_the_rows(tree):
    """Article.save() of an existing article: category, status and date are copied again."""
    party, control, news, local, _ = tree
    article = make_draft(category=control)
    article.category = local
    article.status = Status.PUBLISHED
    article.published_at = timezone.now() - timedelta(hours=2)
    article.save()
    assert_in_sync()
    assert listed(news) == [article.title]
    assert listed(party) == []


def test_saving_only_other_fields_writes_nothing(tree, django_assert_num_queries):
    """save(update_fields=...) without a copied field leaves the table alone (one UPDATE)."""
    article = make_published(tree[1])
    with django_assert_num_queries(1):
        article.save(update_fields=["view_count"])


def test_bulk_created_articles_are_listed(tree):
    """ArticleQuerySet.bulk_create (imports, seed_demo) fills the rows too."""
    party, control, *_ = tree
    bulk_published(control, 3)
    bulk_published(party, 2)
    assert_in_sync()
    assert len(listed(party)) == 5


def test_a_queryset_update_of_status_or_category_is_followed(tree):
    """ArticleQuerySet.update(status=..., category=...) re-derives the rows it changed."""
    party, control, news, local, _ = tree
    articles = bulk_published(control, 3)
    Article.objects.filter(pk=articles[0].pk).update(status=Status.DRAFT)
    Article.objects.filter(pk=articles[1].pk).update(category=local)
    assert_in_sync()
    assert listed(party) == [articles[2].title]
    assert listed(news) == [articles[1].title]


def test_a_bulk_update_of_the_category_is_followed(tree):
    """ArticleQuerySet.bulk_update(objs, ["category"]) re-derives their rows."""
    party, control, _, local, _ = tree
    articles = bulk_published(control, 2)
    for article in articles:
        article.category = local
    Article.objects.bulk_update(articles, ["category"])
    assert_in_sync()
    assert listed(party) == []


def test_extra_categories_added_removed_set_and_cleared_from_the_article(tree):
    """m2m_changed on extra_categories, from the article's side: add, remove, set, clear."""
    party, control, news, local, alone = tree
    article = make_published(alone, "Tin gắn thêm")
    article.extra_categories.add(control)
    assert_in_sync()
    assert listed(party) == ["Tin gắn thêm"]
    article.extra_categories.set([local])
    assert_in_sync()
    assert listed(party) == []
    assert listed(news) == ["Tin gắn thêm"]
    article.extra_categories.remove(local)
    assert_in_sync()
    article.extra_categories.add(news, party)
    article.extra_categories.clear()
    assert_in_sync()
    assert listed(news) == []


def test_extra_articles_added_and_cleared_from_the_category(tree):
    """m2m_changed from the category's side (`category.extra_articles`), clear included."""
    *_, news, local, alone = tree
    first, second = make_published(alone, "Một"), make_published(alone, "Hai")
    local.extra_articles.add(first, second)
    assert_in_sync()
    assert set(listed(news)) == {"Một", "Hai"}
    local.extra_articles.remove(first)
    assert_in_sync()
    local.extra_articles.clear()
    assert_in_sync()
    assert listed(news) == []


def test_moving_a_category_under_another_parent_moves_its_articles(tree):
    """Category.save() with a new parent: its articles leave the old parent's page."""
    party, control, news, _, alone = tree
    filed = make_published(control, "Tin kiểm tra")
    make_published(alone, "Tin gắn").extra_categories.add(control)
    control.parent = news
    control.save()
    assert_in_sync()
    assert listed(party) == []
    assert set(listed(news)) == {"Tin kiểm tra", "Tin gắn"}
    alone.parent = party  # a top-level category becomes a sub-category
    alone.save()
    assert_in_sync()
    assert listed(party) == ["Tin gắn"]
    assert filed.pk in {a.pk for a in Article.objects.for_category(news)}


def test_deleting_a_tagged_sub_category_takes_its_articles_off_the_parent(tree):
    """Deleting a sub-category used as an extra category: the rows it implied go too."""
    party, control, *_ = tree
    alone = tree[4]
    article = make_published(alone, "Tin gắn")
    article.extra_categories.add(control)
    Category.objects.filter(pk=control.pk).delete()  # the admin's bulk delete
    assert_in_sync()
    assert listed(party) == []


def test_deleting_an_article_deletes_its_rows(tree):
    """The foreign key cascades: a deleted article leaves no row."""
    article = make_published(tree[1])
    article.delete()
    assert stored() == set()


def test_the_workflow_keeps_the_rows(tree, superuser):
    """Submit, approve (scheduled, then now) and unpublish: each status is copied."""
    party, control, *_ = tree
    article = make_draft(category=control)
    workflow.submit_article(article=article, actor=superuser)
    assert_in_sync()
    later = timezone.now() + timedelta(hours=3)
    workflow.approve_article(article=article, actor=superuser, publish_at=later)
    assert_in_sync()
    assert listed(party) == []  # scheduled: not yet public
    workflow.unpublish_article(article=article, actor=superuser)
    workflow.submit_article(article=article, actor=superuser)
    workflow.approve_article(
        article=article, actor=superuser, publish_at=timezone.now() - timedelta(minutes=1)
    )
    assert_in_sync()
    assert listed(party) == [article.title]
    article.category = tree[3]
    workflow.save_article(article=article, actor=superuser)
    assert_in_sync()
    assert listed(party) == []


def test_the_admin_form_files_the_article_under_its_new_categories(client, tree, superuser):
    """The admin's save (workflow.save_article, then the form's save_m2m) keeps the rows."""
    party, control, news, local, alone = tree
    article = make_published(alone, "Tin sửa trong trang quản trị")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        form_data(article, category=control.pk, extra_categories=[local.pk]),
    )
    assert response.status_code == 302
    assert_in_sync()
    assert listed(party) == listed(news) == ["Tin sửa trong trang quản trị"]
    assert listed(alone) == []


def test_the_migration_fills_the_table_for_existing_articles(tree):
    """Migration 0012 derives every existing article's rows, extras and parents included."""
    party, control, _, local, alone = tree
    make_published(control).extra_categories.add(local, party)
    make_draft(category=alone).extra_categories.add(control)
    bulk_published(local, 3)
    CategoryMembership.objects.all().delete()
    migration = importlib.import_module("news.migrations.0012_category_membership")
    migration.fill(apps, SimpleNamespace(connection=connection))  # it uses no schema change
    assert_in_sync()


def test_rebuild_repairs_rows_written_behind_the_models_back(tree):
    """rebuild() re-derives the table after raw SQL bypassed the model layer."""
    article = make_published(tree[1])
    CategoryMembership.objects.filter(article=article).delete()
    CategoryMembership.objects.create(
        article=article, category=tree[4], status=Status.DRAFT, published_at=None
    )
    membership.rebuild()
    assert_in_sync()


# --- the category page reads it ---------------------------------------------------------


def test_a_category_page_pages_through_the_index_newest_first(tree):
    """Slices of the listing are the published articles, newest first, page after page."""
    party, control, *_ = tree
    bulk_published(control, 25)
    make_published(party, "Bản nháp", status=Status.DRAFT)
    make_published(party, "Hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    listing = Article.objects.for_card().published_in(party)
    expected = list(Article.objects.published().for_category(party).newest_first())
    assert listing.count() == len(expected) == 25
    assert listing[0:18] + listing[18:36] == expected
    assert listing[3] == expected[3]


# --- every kind of write, in random order ------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_random_writes_keep_the_table_equal_to_the_truth(seed, superuser):
    """Random saves, bulk writes, updates, m2m changes from both sides, re-parenting,
    deletions and workflow steps: after each one the table equals the truth."""
    rng = random.Random(seed)
    tops = [make_category(f"Cấp trên {i}") for i in range(3)]
    subs = [make_category(f"Cấp dưới {i}", parent=rng.choice(tops)) for i in range(4)]
    now = timezone.now()

    def categories():
        return list(Category.objects.all())

    def articles():
        return list(Article.objects.all())

    def when():
        return now + timedelta(hours=rng.randint(-500, 20))

    def create():
        status = rng.choice([Status.DRAFT, Status.PENDING, Status.PUBLISHED])
        make_published(rng.choice(categories()), status=status, published_at=when())

    def bulk():
        bulk_published(rng.choice(categories()), rng.randint(1, 3))

    def save():
        article = rng.choice(articles())
        article.category = rng.choice(categories())
        article.status = rng.choice([Status.DRAFT, Status.PUBLISHED])
        article.published_at = when()
        article.save()

    def update():
        chosen = rng.sample(articles(), k=min(3, len(articles())))
        change = rng.choice(
            [
                {"status": Status.DRAFT},
                {"category": rng.choice(categories())},
                {"published_at": when()},
            ]
        )
        Article.objects.filter(pk__in=[a.pk for a in chosen]).update(**change)

    def bulk_update():
        chosen = rng.sample(articles(), k=min(2, len(articles())))
        for article in chosen:
            article.category = rng.choice(categories())
        Article.objects.bulk_update(chosen, ["category"])

    def extras():
        article = rng.choice(articles())
        picked = rng.sample(categories(), k=rng.randint(0, 2))
        action = rng.choice(["add", "set", "remove", "clear"])
        if action == "set":
            article.extra_categories.set(picked)
        elif action == "clear":
            article.extra_categories.clear()
        else:
            getattr(article.extra_categories, action)(*picked)

    def reverse_extras():
        category = rng.choice(categories())
        picked = rng.sample(articles(), k=min(2, len(articles())))
        action = rng.choice(["add", "remove", "clear"])
        if action == "clear":
            category.extra_articles.clear()
        else:
            getattr(category.extra_articles, action)(*picked)

    def reparent():
        childless = [c for c in categories() if not c.children.exists()]
        category = rng.choice(childless)
        parents = [c for c in categories() if c.parent_id is None and c.pk != category.pk]
        category.parent = rng.choice([None, *parents])
        category.save()

    def delete_category():
        free = [
            c
            for c in categories()
            if not c.children.exists() and not c.articles.exists() and len(categories()) > 2
        ]
        if free:
            rng.choice(free).delete()

    def delete_article():
        if len(articles()) > 3:
            rng.choice(articles()).delete()

    def transition():
        article = rng.choice(articles())
        for action in workflow.available_transitions(superuser, article):
            if not action.needs_reason:
                workflow.perform(action, article=article, actor=superuser)
                return

    for category in subs:
        make_published(category, published_at=when())
    steps = [
        create,
        bulk,
        save,
        update,
        bulk_update,
        extras,
        reverse_extras,
        reparent,
        delete_category,
        delete_article,
        transition,
    ]
    for _ in range(40):
        rng.choice(steps)()
        assert_in_sync()
