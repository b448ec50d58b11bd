"""Cover images go through the same checks and re-encoding as the editor's uploads."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.news.factories import make_draft

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (80, 60), (180, 20, 20))
    exif = Image.Exif()
    exif[0x010F] = "SECRET-CAMERA"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (16.0, 45.0, 0.0), 3: "E", 4: (107.0, 11.0, 0.0)})
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_cover_is_stored_without_camera_or_position_data(media):
    """A phone photo's EXIF (camera, GPS) is gone from the stored cover."""
    article = make_draft()
    original = jpeg_with_gps()
    assert b"SECRET-CAMERA" in original
    article.cover_image = SimpleUploadedFile(
        "Ảnh hội nghị.JPG", original, content_type="image/jpeg"
    )
    article.full_clean()
    article.save()
    stored = article.cover_image.read()
    assert b"SECRET-CAMERA" not in stored
    assert not Image.open(BytesIO(stored)).getexif()
    assert article.cover_image.name.startswith("articles/")
    assert article.cover_image.name.endswith("/anh-hoi-nghi.jpg")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("tai-lieu.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("anh.jpg", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_non_images_are_refused_in_vietnamese(media, name, content):
    """An SVG, a PDF or HTML named .jpg is refused with a message the editor understands."""
    article = make_draft()
    article.cover_image = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as refusal:
        article.full_clean()
    assert "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF" in str(refusal.value)


def test_code_that_skips_validation_still_stores_a_reencoded_file(media):
    """Assigning a file and saving without full_clean() re-encodes it all the same."""
    article = make_draft()
    png = BytesIO()
    Image.new("RGB", (20, 20)).save(png, format="PNG")
    article.cover_image = SimpleUploadedFile("anh.gif", png.getvalue() + b"<script>x</script>")
    article.save()
    assert article.cover_image.name.endswith(".png")  # named for what it is
    assert b"<script>" not in article.cover_image.read()
