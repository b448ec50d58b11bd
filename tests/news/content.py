"""Small builders for public-page tests: categories, articles, cover images."""

import io
import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from news.models import Article, Category

_sequence = itertools.count(1)


def make_category(name=None, **fields) -> Category:
    return Category.objects.create(name=name or f"Chuyên mục {next(_sequence)}", **fields)


def cover_file(color=(181, 18, 27)) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 27), color).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="anh-bia.jpg")


def make_article(category, title=None, *, ago=timedelta(hours=1), with_cover=False, **fields):
    """A published article, `ago` before now, unless `fields` say otherwise."""
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - ago)
    article = Article(title=title or f"Bài viết số {next(_sequence)}", category=category, **fields)
    if with_cover:
        article.cover_image = cover_file()
    article.save()
    return article


def bulk_articles(category, count, *, start=timedelta(days=1), **fields) -> list[Article]:
    """`count` published articles, one hour apart, older than `start`: for query-count tests."""
    now = timezone.now()
    return Article.objects.bulk_create(
        Article(
            title=f"Tin hoạt động số {index}",
            sapo=f"Sapo của tin số {index}.",
            body=f"<p>Nội dung tin số {index}.</p>",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - start - timedelta(hours=index),
            **fields,
        )
        for index in range(count)
    )
