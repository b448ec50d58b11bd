"""Publishing albums: a Biên tập viên publishes, a Phóng viên cannot; every photo needs
its alt text first; each step is recorded for the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gallery import workflow
from gallery.models import Album, Photo, Transition
from tests.gallery import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return factories.make_user("bientap", factories.EDITOR)


@pytest.fixture
def author():
    return factories.make_user("phongvien", factories.AUTHOR)


def test_editor_publishes_an_album_and_it_is_recorded(editor):
    album = factories.make_album()
    workflow.publish_album(album=album, actor=editor)
    album.refresh_from_db()
    assert album.is_published()
    assert album.published_at is not None
    assert list(Album.objects.published()) == [album]
    step = Transition.objects.get()
    assert (step.album, step.action, step.actor) == (album, "published", editor)


def test_author_cannot_publish(author):
    album = factories.make_album()
    with pytest.raises(PermissionDenied):
        workflow.publish_album(album=album, actor=author)
    album.refresh_from_db()
    assert not album.is_published()


def test_a_photo_without_alt_text_blocks_publishing(editor):
    album = factories.make_album(photos=3)
    factories.add_photo(album, order=5, alt="  ")
    with pytest.raises(ValidationError, match="ảnh số 4"):
        workflow.publish_album(album=album, actor=editor)
    assert not Album.objects.published().exists()


def test_an_empty_album_is_not_published(editor):
    album = factories.make_album(photos=0)
    with pytest.raises(ValidationError, match="chưa có ảnh"):
        workflow.publish_album(album=album, actor=editor)


def test_a_published_album_keeps_its_alt_texts():
    """Once published, a photo may not lose its alt text (nor arrive without one)."""
    album = factories.make_album(published=True)
    photo = album.photos.first()
    photo.alt = ""
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert "alt" in error.value.message_dict
    with pytest.raises(ValidationError):
        factories.add_photo(album, alt="")


def test_unpublish_takes_the_album_down(editor):
    album = factories.make_album(published=True)
    workflow.unpublish_album(album=album, actor=editor)
    assert not Album.objects.published().exists()
    assert Transition.objects.get().action == "unpublished"


def test_author_edits_only_unpublished_albums(author, editor):
    draft, published = factories.make_album(), factories.make_album(published=True)
    assert workflow.can_edit(author, draft)
    assert not workflow.can_edit(author, published)
    assert workflow.can_edit(editor, published)


def test_photos_are_reencoded_without_metadata():
    """safeimage re-encodes each photo: the EXIF an upload carried is gone."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh bí mật"
    Image.new("RGB", (40, 30), "red").save(out, "JPEG", exif=exif)
    album = factories.make_album(photos=0)
    photo = factories.add_photo(album, image=SimpleUploadedFile("a.jpg", out.getvalue()), alt="Ảnh")
    with Image.open(photo.image.path) as stored:
        assert not stored.getexif()
    assert (photo.width, photo.height) == (40, 30)


def test_a_renamed_non_image_is_refused():
    album = factories.make_album(photos=0)
    with pytest.raises(ValidationError):
        factories.add_photo(
            album, image=factories.SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not a photo"), alt="x"
        )
    assert not Photo.objects.exists()
