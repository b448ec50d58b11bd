"""Builders for the news tests: users in the editorial roles, categories, articles.

One module, explicit names: `make_draft` builds an article as an author leaves it
(a draft unless told otherwise), `make_published` one that readers see (published
an hour ago unless told otherwise), `bulk_published` many at once for query counts.
"""

import importlib
import io
import itertools
from datetime import timedelta

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Article, Category

AUTHOR = "Phóng viên"
EDITOR = "Biên tập viên"
PASSWORD = "mat-khau-thu-2026"

_roles_migration = importlib.import_module("news.migrations.0002_editorial_roles")
_sequence = itertools.count(1)


def role(name: str) -> Group:
    """The group the data migration made (made again if a transactional test flushed it)."""
    if not Group.objects.filter(name=name).exists():
        _roles_migration.create_roles(apps, None)
    return Group.objects.get(name=name)


def make_user(username: str, group: str | None = None, **fields) -> User:
    fields.setdefault("is_staff", True)
    user = User.objects.create_user(username, password=PASSWORD, **fields)
    if group:
        user.groups.add(role(group))
    return user


def make_category(name: str | None = None, **fields) -> Category:
    """A category; without a name, a new one each call ("Chuyên mục 1", "Chuyên mục 2"…)."""
    return Category.objects.create(name=name or f"Chuyên mục {next(_sequence)}", **fields)


def make_draft(**fields) -> Article:
    """An article as its author leaves it: a draft, unless `status` says otherwise."""
    if "category" not in fields:
        fields["category"] = Category.objects.first() or make_category()
    fields.setdefault("title", "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 5")
    fields.setdefault("sapo", "Chiều 15/10/2021, Ban Chấp hành Đảng bộ Khối họp.")
    fields.setdefault("body", "<p>Hội nghị bàn, thảo luận và thông qua các nội dung.</p>")
    return Article.objects.create(**fields)


def make_published(category, title=None, *, ago=timedelta(hours=1), with_cover=False, **fields):
    """An article readers see, published `ago` before now, unless `fields` say otherwise."""
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - ago)
    article = Article(title=title or f"Bài viết số {next(_sequence)}", category=category, **fields)
    if with_cover:
        article.cover_image = cover_file()
    article.save()
    return article


def bulk_published(category, count, *, start=timedelta(days=1), **fields) -> list[Article]:
    """`count` published articles, one hour apart, older than `start`: for query-count tests."""
    now = timezone.now()
    body = fields.pop("body", None)
    return Article.objects.bulk_create(
        Article(
            title=f"Tin hoạt động số {index}",
            sapo=f"Sapo của tin số {index}.",
            body=body or f"<p>Nội dung tin số {index}.</p>",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=now - start - timedelta(hours=index),
            **fields,
        )
        for index in range(count)
    )


def cover_file(color=(181, 18, 27)) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 27), color).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="anh-bia.jpg")


def stored_picture(name: str = "articles/anh.jpg", size=(1200, 675)) -> str:
    """A picture already in the default storage, as a cover or a body image points at."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (181, 18, 27)).save(buffer, "JPEG")
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def image_upload(
    name: str = "hoi-nghi.jpg", image_format: str = "JPEG", size=(64, 48), **save_options
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    mode = "RGBA" if image_format in {"PNG", "WEBP"} else "RGB"
    Image.new(mode, size, (200, 30, 30)).save(buffer, format=image_format, **save_options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
