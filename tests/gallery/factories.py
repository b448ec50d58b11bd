"""Builders for the gallery tests: albums with real (small) photos, users in the roles."""

import importlib
import io
import itertools
from datetime import date

from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gallery.models import Album, Photo
from tests.news import factories as news_factories

AUTHOR = news_factories.AUTHOR
EDITOR = news_factories.EDITOR
PASSWORD = news_factories.PASSWORD

_roles_migration = importlib.import_module("gallery.migrations.0004_video_roles")
_sequence = itertools.count(1)


def make_user(username: str, group: str | None = None, **fields) -> User:
    """A staff user in a role with the gallery's permissions (made again after a flush)."""
    user = news_factories.make_user(username, group, **fields)
    if group and not user.groups.get().permissions.filter(content_type__app_label="gallery"):
        _roles_migration.add_video_roles(apps, None)
    return user


def jpeg(size=(64, 48), colour=(181, 18, 27), name=None) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return SimpleUploadedFile(name or f"anh-{next(_sequence)}.jpg", out.getvalue(), "image/jpeg")


def make_album(*, photos: int = 2, published: bool = False, alt: bool = True, **fields) -> Album:
    """An album with `photos` small photos (alt text unless `alt=False`)."""
    fields.setdefault("title", f"Đại hội Đảng bộ Khối lần thứ {next(_sequence)}")
    fields.setdefault("date", date(2025, 10, 15))
    if published:
        fields.update(status=Album.Status.PUBLISHED, published_at=timezone.now())
    album = Album.objects.create(**fields)
    for n in range(photos):
        add_photo(album, order=n, alt=f"Đại biểu biểu quyết, ảnh {n + 1}" if alt else "")
    return album


def add_photo(album: Album, **fields) -> Photo:
    fields.setdefault("image", jpeg())
    fields.setdefault("caption", "Quang cảnh đại hội")
    photo = Photo(album=album, **fields)
    photo.full_clean()
    photo.save()
    return photo


def bulk_albums(n: int, photos_each: int = 3) -> None:
    """`n` published albums sharing one stored file, for query counts."""
    first = make_album(photos=1, published=True)
    stored = first.photos.get()
    albums = Album.objects.bulk_create(
        Album(
            title=f"Album số {i}",
            slug=f"album-so-{i}",
            date=date(2020 + i % 6, 1 + i % 12, 1),
            status=Album.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for i in range(n - 1)
    )
    Photo.objects.bulk_create(
        Photo(album=album, image=stored.image.name, width=64, height=48, alt="Ảnh", order=k)
        for album in albums
        for k in range(photos_each)
    )
