"""The category membership table (news/membership.py), filled for the existing articles.

One `INSERT … SELECT` on both databases: the main category, its parent, each extra
category and its parent (UNION drops the pairs named twice), with the article's status
and publication time. From here on the model layer keeps the rows.
"""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
INSERT INTO {membership} (article_id, category_id, status, published_at)
SELECT article_id, category_id, status, published_at FROM (
    SELECT a.id AS article_id, a.category_id AS category_id, a.status, a.published_at
    FROM {article} a
    UNION
    SELECT a.id, c.parent_id, a.status, a.published_at
    FROM {article} a JOIN {category} c ON c.id = a.category_id
    WHERE c.parent_id IS NOT NULL
    UNION
    SELECT a.id, x.category_id, a.status, a.published_at
    FROM {extra} x JOIN {article} a ON a.id = x.article_id
    UNION
    SELECT a.id, c.parent_id, a.status, a.published_at
    FROM {extra} x JOIN {article} a ON a.id = x.article_id
    JOIN {category} c ON c.id = x.category_id
    WHERE c.parent_id IS NOT NULL
) pairs
"""


def fill(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    tables = {
        "membership": apps.get_model("news", "CategoryMembership")._meta.db_table,
        "article": Article._meta.db_table,
        "category": apps.get_model("news", "Category")._meta.db_table,
        "extra": Article.extra_categories.through._meta.db_table,
    }
    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FILL.format(**{key: quote(name) for key, name in tables.items()}))


def empty(apps, schema_editor):
    apps.get_model("news", "CategoryMembership").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0011_article_albums"),
    ]

    operations = [
        migrations.CreateModel(
            name="CategoryMembership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("status", models.CharField(max_length=16, verbose_name="trạng thái")),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="thời điểm xuất bản"),
                ),
                (
                    "article",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="news.article",
                        verbose_name="bài viết",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="news.category",
                        verbose_name="chuyên mục",
                    ),
                ),
            ],
            options={
                "verbose_name": "bài viết của chuyên mục",
                "verbose_name_plural": "bài viết của chuyên mục",
                "ordering": ["category_id", "-published_at", "-article_id"],
                "indexes": [
                    models.Index(
                        fields=["category", "status", "-published_at", "-article"],
                        name="news_membership_listing",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "category"), name="news_membership_article_category"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, empty),
    ]
