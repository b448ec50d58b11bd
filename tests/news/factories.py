"""Small factories for the news tests: users in the editorial roles, categories, articles."""

import importlib
from io import BytesIO

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news.models import Article, Category

AUTHOR = "Phóng viên"
EDITOR = "Biên tập viên"
PASSWORD = "mat-khau-thu-2026"

_roles_migration = importlib.import_module("news.migrations.0002_editorial_roles")


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


def make_category(name: str = "Hoạt động Đảng ủy Khối", **fields) -> Category:
    return Category.objects.create(name=name, **fields)


def make_article(**fields) -> Article:
    if "category" not in fields:
        fields["category"] = Category.objects.first() or make_category()
    fields.setdefault("title", "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 5")
    fields.setdefault("sapo", "Chiều 15/10/2021, Ban Chấp hành Đảng bộ Khối họp.")
    fields.setdefault("body", "<p>Hội nghị bàn, thảo luận và thông qua các nội dung.</p>")
    return Article.objects.create(**fields)


def image_upload(
    name: str = "hoi-nghi.jpg", image_format: str = "JPEG", size=(64, 48), **save_options
) -> SimpleUploadedFile:
    buffer = BytesIO()
    mode = "RGBA" if image_format in {"PNG", "WEBP"} else "RGB"
    Image.new(mode, size, (200, 30, 30)).save(buffer, format=image_format, **save_options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
