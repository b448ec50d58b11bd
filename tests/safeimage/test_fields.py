"""A `SafeImageField`'s renditions follow its file, on any storage (docs/images.md)."""

import pytest
from django.core.cache import cache
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from news.models import Article
from safeimage import renditions
from tests.news.factories import make_draft
from tests.safeimage.test_renditions import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def memory_storage(settings):
    """Django's in-memory storage as the default: nothing may touch the file system."""
    cache.clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    settings.MEDIA_ROOT = "/nonexistent-media-root"
    yield default_storage
    cache.clear()


def upload(name="Hội nghị.jpg", size=(1000, 600)):
    return SimpleUploadedFile(name, jpeg(*size), content_type="image/jpeg")


def save_cover(article, file):
    article.cover_image = file
    article.full_clean()
    article.save()


def test_renditions_are_made_once_the_cover_is_committed(
    memory_storage, django_capture_on_commit_callbacks
):
    """Saving an uploaded cover writes its renditions to the (in-memory) storage."""
    article = make_draft()
    with django_capture_on_commit_callbacks(execute=True):
        save_cover(article, upload())
    assert isinstance(default_storage._wrapped, InMemoryStorage)
    picture = renditions.describe(article.cover_image)
    assert picture.widths() == [96, 320, 640, 800, 960, 1000]
    assert all(default_storage.exists(r.name) for r in picture.renditions())


def test_replacing_the_cover_removes_the_old_renditions(
    memory_storage, django_capture_on_commit_callbacks
):
    """A new cover gets renditions; the replaced one's are deleted."""
    article = make_draft()
    with django_capture_on_commit_callbacks(execute=True):
        save_cover(article, upload("cu.jpg"))
    old = renditions.describe(article.cover_image)
    article = Article.objects.get(pk=article.pk)
    with django_capture_on_commit_callbacks(execute=True):
        save_cover(article, upload("moi.jpg", size=(800, 450)))
    assert not any(default_storage.exists(r.name) for r in old.renditions())
    new = renditions.describe(article.cover_image)
    assert all(default_storage.exists(r.name) for r in new.renditions())


def test_clearing_or_deleting_removes_renditions(
    memory_storage, django_capture_on_commit_callbacks
):
    """Clearing the cover, or deleting the row, deletes its renditions."""
    first, second = make_draft(), make_draft()
    with django_capture_on_commit_callbacks(execute=True):
        save_cover(first, upload("mot.jpg"))
        save_cover(second, upload("hai.jpg"))
    made = {a.pk: renditions.describe(a.cover_image).renditions() for a in (first, second)}
    first = Article.objects.get(pk=first.pk)
    with django_capture_on_commit_callbacks(execute=True):
        first.cover_image = ""
        first.save()
        Article.objects.get(pk=second.pk).delete()
    for rows in made.values():
        assert not any(default_storage.exists(r.name) for r in rows)


def test_a_shared_file_keeps_its_renditions(memory_storage, django_capture_on_commit_callbacks):
    """Two rows showing one file (as the demo's covers do): replacing one keeps them."""
    first = make_draft()
    with django_capture_on_commit_callbacks(execute=True):
        save_cover(first, upload("chung.jpg"))
    shared = first.cover_image.name
    second = make_draft(cover_image=shared)
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    picture = renditions.describe(shared)
    assert all(default_storage.exists(r.name) for r in picture.renditions())


def test_make_renditions_backfills_and_prunes(memory_storage, settings):
    """The command makes what is missing for fields and the uploads folder, with progress,
    and `--prune` drops renditions whose original is gone."""
    from io import StringIO

    from django.core.files.base import ContentFile
    from django.core.management import call_command

    cover = default_storage.save("articles/old.jpg", ContentFile(jpeg(700, 400)))
    make_draft(cover_image=cover)
    body_image = default_storage.save("uploads/2026/01/x.jpg", ContentFile(jpeg(500, 300)))
    gone = default_storage.save("uploads/2026/01/gone.jpg", ContentFile(jpeg(400, 300)))
    renditions.make(gone)
    gone_renditions = renditions.describe(gone).renditions()
    default_storage.delete(gone)
    out = StringIO()
    call_command("make_renditions", "--prune", stdout=out)
    for name in (cover, body_image):
        assert all(default_storage.exists(r.name) for r in renditions.describe(name).renditions())
    assert not any(default_storage.exists(r.name) for r in gone_renditions)
    assert "Ảnh: 2/2 (100%)" in out.getvalue()
    assert "Xong: 2 ảnh" in out.getvalue()
