"""Renditions: widths, formats, no upscaling, no metadata, any storage (docs/images.md)."""

import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from PIL import Image

from safeimage import renditions


def jpeg(width, height, *, exif=True, colour=(180, 30, 30)) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    out = io.BytesIO()
    options = {}
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "CameraMaker"  # Make
        tags[0x0131] = "SecretSoftware"  # Software
        options["exif"] = tags.tobytes()
    image.save(out, "JPEG", quality=90, comment=b"a comment", **options)
    return out.getvalue()


def png(width, height) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 90, 200, 128)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def storage():
    cache.clear()
    return InMemoryStorage(base_url="/mem/")


def stored(storage, name, data):
    return storage.save(name, ContentFile(data))


def opened(storage, name):
    with storage.open(name, "rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


def test_widths_and_formats_of_a_large_jpeg(storage):
    """A 2000-wide JPEG gets 96…1600 in JPEG and WebP, the 1200 share picture and crops."""
    name = stored(storage, "articles/big.jpg", jpeg(2000, 1000))
    written = renditions.make(name, storage)
    picture = renditions.describe(name, storage)
    assert (picture.width, picture.height, picture.format) == (2000, 1000, "JPEG")
    assert picture.widths() == [96, 320, 640, 800, 960, 1600]
    for image_format in ("JPEG", "WEBP"):
        candidates = picture.candidates(image_format)
        assert [c.width for c in candidates] == [96, 320, 640, 800, 960, 1600]
        for candidate in candidates:
            image = opened(storage, candidate.name)
            assert image.format == image_format
            assert image.size == (candidate.width, candidate.height)
            assert candidate.height == candidate.width // 2
    assert sorted(written) == sorted(r.name for r in picture.renditions())
    share = picture.share()
    assert (share.width, share.height) == (1200, 600)
    assert opened(storage, share.name).size == (1200, 600)
    crops = {c.name.rsplit("/", 1)[1]: opened(storage, c.name).size for c in picture.crops()}
    assert crops == {
        "16x9-1200.jpg": (1200, 675),
        "4x3-1200.jpg": (1200, 900),
        "1x1-1000.jpg": (1000, 1000),
    }


def test_never_upscaled(storage):
    """A 700-wide picture offers 96, 320, 640 and itself; no file is wider than the original."""
    name = stored(storage, "uploads/small.jpg", jpeg(700, 400))
    renditions.make(name, storage)
    picture = renditions.describe(name, storage)
    assert picture.widths() == [96, 320, 640, 700]
    assert [c.name for c in picture.candidates("JPEG")][-1] == name  # the original itself
    assert picture.candidates("WEBP")[-1].width == 700
    for rendition in picture.renditions():
        width, height = opened(storage, rendition.name).size
        assert width <= 700
        assert height <= 400
    assert picture.share().name == name


def test_png_keeps_png_and_transparency(storage):
    """A PNG gets PNG and WebP renditions, with its alpha channel."""
    name = stored(storage, "uploads/logo.png", png(1000, 500))
    renditions.make(name, storage)
    picture = renditions.describe(name, storage)
    assert picture.formats() == ("WEBP", "PNG")
    image = opened(storage, picture.candidates("PNG")[0].name)
    assert image.format == "PNG"
    assert "A" in image.getbands()


def test_no_metadata_in_any_rendition(storage):
    """EXIF, comments and colour profiles are gone from every file made."""
    name = stored(storage, "articles/exif.jpg", jpeg(1700, 900))
    assert opened(storage, name).getexif()  # the test's own original carries EXIF
    picture = renditions.describe(name, storage)
    renditions.make(name, storage)
    for rendition in picture.renditions():
        image = opened(storage, rendition.name)
        assert not image.getexif(), rendition.name
        assert not {"exif", "icc_profile", "comment", "xmp"} & set(image.info), rendition.name
        with storage.open(rendition.name, "rb") as file:
            data = file.read()
        assert b"CameraMaker" not in data
        assert b"SecretSoftware" not in data


def test_make_is_idempotent_and_guarded(storage):
    """A second call writes nothing; a call while another process holds the lock neither."""
    name = stored(storage, "articles/once.jpg", jpeg(900, 600))
    assert renditions.make(name, storage)
    assert renditions.make(name, storage) == []
    other = stored(storage, "articles/locked.jpg", jpeg(900, 600))
    picture = renditions.describe(other, storage)
    cache.add(f"{renditions._info_key(storage, other)}:making", 1)
    assert renditions.make(other, storage) == []
    assert not any(storage.exists(r.name) for r in picture.renditions())


def test_remove_deletes_every_rendition(storage):
    """`remove` leaves nothing under the original's folder, and forgets its size."""
    name = stored(storage, "articles/gone.jpg", jpeg(1000, 700))
    renditions.make(name, storage)
    picture = renditions.describe(name, storage)
    assert renditions.remove(name, storage) == len(picture.renditions())
    assert not any(storage.exists(r.name) for r in picture.renditions())
    storage.delete(name)
    assert renditions.describe(name, storage) is None


def test_missing_or_broken_originals_describe_as_none(storage):
    """No file, or a file that is not a picture: no `Picture`, nothing made."""
    broken = stored(storage, "uploads/broken.jpg", b"not an image")
    assert renditions.describe("uploads/nothing.jpg", storage) is None
    assert renditions.describe(broken, storage) is None
    assert renditions.make(broken, storage) == []


def test_srcset_lists_urls_of_the_storage(storage):
    """URLs come from the storage the picture lives in."""
    name = stored(storage, "articles/urls.jpg", jpeg(1000, 500))
    picture = renditions.describe(name, storage)
    assert picture.srcset("WEBP").split(", ")[0] == "/mem/renditions/articles/urls.jpg/96.webp 96w"
    assert picture.srcset("JPEG").endswith("/mem/articles/urls.jpg 1000w")


@pytest.mark.django_db
def test_a_stored_picture_is_described_once_per_file_object(monkeypatch):
    """The cover's share image, its crops and `{% picture %}` ask for the same `FieldFile`:
    one cache read; a new name is described again; the file is pickled without it."""
    from tests.news.factories import make_category, make_published

    article = make_published(make_category(), with_cover=True)
    reads = []
    real = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(keys) or real(keys))
    cover = article.cover_image
    first = renditions.describe(cover)
    assert first is not None
    assert renditions.describe(cover) is first
    assert len(reads) == 1
    assert "_described" not in cover.__getstate__()  # what pickling the file keeps
    cover.name = cover.name + "-missing"
    assert renditions.describe(cover) is None
    assert renditions.describe(cover) is None  # a missing one is not kept
    assert len(reads) == 3
