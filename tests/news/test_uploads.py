"""The editor's image upload: who may upload, what is stored, and what is refused."""

import re
import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from PIL import Image

import safeimage
from richtext import uploads
from tests.news.factories import image_upload, make_user

pytestmark = pytest.mark.django_db

URL = "/ckeditor/upload/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def post(client, upload, **headers):
    return client.post(URL, {"upload": upload}, **headers)


def stored_files(media, *, renditions=False):
    """Files under MEDIA_ROOT; the renditions made from them only if asked."""
    names = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
    return [name for name in names if renditions or not name.startswith("renditions/")]


def stored_image(response):
    name = response.json()["url"].removeprefix("/media/")
    with default_storage.open(name) as handle:
        data = handle.read()
    return name, data


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG that claims to be `width` × `height` (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def test_editor_widget_urls_point_to_the_wrapped_views():
    """The URL names the CKEditor widget reverses lead to our views, not django-ckeditor's."""
    assert reverse("ckeditor_upload") == URL
    assert resolve(URL).func is uploads.upload_image
    assert resolve(reverse("ckeditor_browse")).func is uploads.browse_images


def test_author_uploads_a_jpeg(client, author, media):
    """A staff writer's photo is stored re-encoded under a name of ours, and its URL returned."""
    client.force_login(author)
    response = post(client, image_upload("Ảnh Hội nghị.JPG"))
    assert response.status_code == 200
    body = response.json()
    assert body["uploaded"] == 1
    assert re.fullmatch(r"/media/uploads/\d{4}/\d{2}/anh-hoi-nghi-[0-9a-f]{8}\.jpg", body["url"])
    assert body["fileName"] == body["url"].rsplit("/", 1)[1]
    name, data = stored_image(response)
    assert Image.open(BytesIO(data)).format == "JPEG"
    assert stored_files(media) == [name]
    made = [n for n in stored_files(media, renditions=True) if n.startswith(f"renditions/{name}/")]
    assert made, "the upload's renditions are made before the editor shows it"


@pytest.mark.parametrize(
    ("image_format", "extension"), [("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")]
)
def test_png_webp_and_gif_are_accepted(client, author, image_format, extension):
    """The four web formats are accepted and keep their format."""
    client.force_login(author)
    response = post(client, image_upload(f"anh.{extension}", image_format))
    assert response.json()["uploaded"] == 1
    _, data = stored_image(response)
    assert Image.open(BytesIO(data)).format == image_format
    assert response.json()["url"].endswith(f".{extension}")


def test_animated_gif_keeps_its_frames(client, author):
    """An animation is re-encoded frame by frame, not flattened."""
    frames = [Image.new("RGB", (32, 32), colour) for colour in ["red", "green", "blue"]]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0)
    client.force_login(author)
    response = post(client, SimpleUploadedFile("dong.gif", buffer.getvalue()))
    _, data = stored_image(response)
    assert Image.open(BytesIO(data)).n_frames == 3


def test_image_renamed_html_is_stored_as_an_image(client, author, media):
    """The name decides nothing: a PNG called page.html is stored as .png."""
    client.force_login(author)
    response = post(client, image_upload("trang.html", "PNG"))
    assert response.json()["uploaded"] == 1
    assert response.json()["url"].endswith(".png")
    assert not any(name.endswith(".html") for name in stored_files(media))


REFUSED = {
    "text": (b"Xin chao, day khong phai la anh.", "vanban.jpg"),
    "html renamed jpg": (b"<html><script>alert(1)</script></html>", "anh.jpg"),
    "svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>',
        "logo.svg",
    ),
    "pdf": (b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", "congvan.pdf"),
    "empty": (b"", "rong.jpg"),
}


@pytest.mark.parametrize("kind", list(REFUSED))
def test_non_images_are_refused(client, author, media, kind):
    """Anything Pillow does not read as one of the four formats is refused, clearly."""
    data, name = REFUSED[kind]
    client.force_login(author)
    response = post(client, SimpleUploadedFile(name, data))
    assert response.status_code == 200  # CKEditor shows the message of a 2xx answer only
    body = response.json()
    assert body["uploaded"] == 0
    assert body["error"]["message"].startswith(("Chỉ nhận ảnh JPEG", "Tệp rỗng"))
    assert stored_files(media) == []


@pytest.mark.parametrize(("image_format", "name"), [("BMP", "anh.bmp"), ("TIFF", "anh.tif")])
def test_other_image_formats_are_refused(client, author, media, image_format, name):
    """Real images in other formats (BMP, TIFF) are refused too: web formats only."""
    buffer = BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, image_format)
    client.force_login(author)
    response = post(client, SimpleUploadedFile(name, buffer.getvalue()))
    assert "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF" in response.json()["error"]["message"]
    assert stored_files(media) == []


def test_truncated_image_is_refused(client, author, media):
    """A broken file is refused with a message, not a server error."""
    data = image_upload("anh.png", "PNG", size=(300, 300)).read()
    client.force_login(author)
    response = post(client, SimpleUploadedFile("anh.png", data[: len(data) // 2]))
    assert response.json()["error"]["message"].startswith("Tệp ảnh bị hỏng")
    assert stored_files(media) == []


def test_oversized_file_is_refused(client, author, media):
    """A file above 10 MB is refused with its size in the message."""
    data = image_upload().read()
    client.force_login(author)
    big = SimpleUploadedFile("lon.jpg", data + b"\0" * safeimage.MAX_BYTES)
    response = post(client, big)
    message = response.json()["error"]["message"]
    assert message.startswith("Ảnh quá lớn (10.0 MB): tối đa 10 MB")
    assert stored_files(media) == []


def test_huge_request_is_refused_before_reading_it(client, author, media):
    """A body above 12 MB (nginx's client_max_body_size too) is answered 413 unparsed."""
    assert uploads.MAX_REQUEST_BYTES == 12 * 1024 * 1024
    client.force_login(author)
    response = post(client, SimpleUploadedFile("rat-lon.jpg", b"\0" * uploads.MAX_REQUEST_BYTES))
    assert response.status_code == 413
    assert response.json()["uploaded"] == 0
    assert stored_files(media) == []


@pytest.mark.parametrize(
    ("width", "height"),
    [(20_000, 20_000), (8_000, 7_000)],
    ids=["beyond Pillow's bomb limit", "beyond our 50 megapixel cap"],
)
def test_decompression_bombs_are_refused(client, author, media, width, height):
    """A small file that claims a huge picture is refused before it is decoded."""
    client.force_login(author)
    response = post(client, SimpleUploadedFile("bom.png", png_header(width, height)))
    assert response.json()["error"]["message"].startswith("Ảnh có quá nhiều điểm ảnh")
    assert stored_files(media) == []


def test_data_appended_to_an_image_is_dropped(client, author):
    """A polyglot (image followed by HTML or an archive) loses everything but the picture."""
    payload = b"<html><script>alert(document.cookie)</script></html>PK\x03\x04"
    data = image_upload().read() + payload
    client.force_login(author)
    response = post(client, SimpleUploadedFile("anh.jpg", data))
    _, stored = stored_image(response)
    assert b"<script>" not in stored
    assert b"PK\x03\x04" not in stored


def test_gif_comment_is_dropped(client, author):
    """Text hidden in a GIF comment does not survive the re-encoding."""
    client.force_login(author)
    response = post(client, image_upload("anh.gif", "GIF", comment=b"<script>alert(1)</script>"))
    _, stored = stored_image(response)
    assert b"<script>" not in stored


def test_exif_is_stripped_and_orientation_applied(client, author):
    """EXIF (camera, author, GPS) is removed; a portrait photo stays upright."""
    exif = Image.Exif()
    exif[0x013B] = "Nguoi chup bi mat"  # Artist
    exif[0x010F] = "Secret Camera Co"  # Make
    exif[0x0112] = 6  # rotate 90° when shown
    client.force_login(author)
    response = post(client, image_upload(size=(64, 48), exif=exif.tobytes()))
    _, stored = stored_image(response)
    image = Image.open(BytesIO(stored))
    assert dict(image.getexif()) == {}
    assert b"Nguoi chup" not in stored
    assert b"Secret Camera" not in stored
    assert image.size == (48, 64)


def test_large_photo_is_scaled_down(client, author):
    """Photos wider than the stored maximum are scaled to it, keeping the aspect ratio."""
    client.force_login(author)
    response = post(client, image_upload(size=(3000, 2000)))
    _, stored = stored_image(response)
    assert Image.open(BytesIO(stored)).size == (safeimage.MAX_EDGE, 1600)


# --- who may upload ----------------------------------------------------------------------


def test_anonymous_is_refused(client, media):
    """Without a session nothing is stored, and the editor gets a JSON refusal."""
    response = post(client, image_upload())
    assert response.status_code == 403
    assert response.json()["uploaded"] == 0
    assert stored_files(media) == []


def test_non_staff_is_refused(client, media):
    """A site account that is not staff cannot upload, even with article rights."""
    user = make_user("docgia", "Phóng viên", is_staff=False)
    client.force_login(user)
    assert post(client, image_upload()).status_code == 403
    assert stored_files(media) == []


def test_staff_without_article_rights_is_refused(client, staff, media):
    """Staff who do not write news (e.g. organizations administrators) cannot upload."""
    client.force_login(staff)
    response = post(client, image_upload())
    assert response.status_code == 403
    assert "không có quyền" in response.json()["error"]["message"]
    assert stored_files(media) == []


def test_get_is_not_allowed(client, author):
    """The endpoint only accepts uploads."""
    client.force_login(author)
    assert client.get(URL).status_code == 405


def test_upload_response_is_never_framed(client, author):
    """Uploads answer JSON to an XHR, so the site-wide X-Frame-Options: DENY stays."""
    client.force_login(author)
    response = post(client, image_upload())
    assert response["X-Frame-Options"] == "DENY"
    assert "no-cache" in response["Cache-Control"]


# --- cross-site requests -------------------------------------------------------------------


@pytest.fixture
def csrf_client(author):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)
    client.get(reverse("admin:news_article_add"))  # the editor's page sets the CSRF cookie
    return client


def test_upload_with_djangos_token_is_accepted(csrf_client):
    """The editor sends the page's CSRF token as X-CSRFToken: accepted."""
    token = csrf_client.cookies["csrftoken"].value
    response = post(csrf_client, image_upload(), HTTP_X_CSRFTOKEN=token)
    assert response.json()["uploaded"] == 1


def test_upload_without_token_is_refused(csrf_client, media):
    """A forged cross-site form post carries the session cookie but no token: refused."""
    response = post(csrf_client, image_upload())
    assert response.status_code == 403
    assert "tải lại trang" in response.json()["error"]["message"]
    assert stored_files(media) == []


def test_ckeditors_own_token_is_not_enough(csrf_client, media):
    """CKEditor's ckCsrfToken (cookie and field it sets itself) proves nothing: refused."""
    csrf_client.cookies["ckCsrfToken"] = "a" * 40
    response = csrf_client.post(URL, {"upload": image_upload(), "ckCsrfToken": "a" * 40})
    assert response.status_code == 403
    assert stored_files(media) == []


def test_foreign_origin_is_refused_even_with_a_token(csrf_client, media):
    """A request from another origin is refused whatever token it carries."""
    token = csrf_client.cookies["csrftoken"].value
    response = post(
        csrf_client, image_upload(), HTTP_X_CSRFTOKEN=token, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert stored_files(media) == []


def test_same_origin_header_is_accepted(csrf_client):
    """The browser's own Origin for our site passes."""
    token = csrf_client.cookies["csrftoken"].value
    response = post(
        csrf_client, image_upload(), HTTP_X_CSRFTOKEN=token, HTTP_ORIGIN="http://testserver"
    )
    assert response.json()["uploaded"] == 1


def test_cross_site_fetch_metadata_is_refused(csrf_client, media):
    """Browsers mark cross-site requests with Sec-Fetch-Site; those are refused."""
    token = csrf_client.cookies["csrftoken"].value
    response = post(
        csrf_client, image_upload(), HTTP_X_CSRFTOKEN=token, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403
    assert stored_files(media) == []


# --- browsing ------------------------------------------------------------------------------


def test_browse_lists_only_our_uploaded_images(client, author):
    """The image browser shows re-encoded uploads, never other files on the media volume."""
    client.force_login(author)
    urls = [post(client, image_upload(f"anh-{n}.jpg")).json()["url"] for n in range(2)]
    default_storage.save("uploads/2026/01/trang.html", ContentFile(b"<script>x</script>"))
    default_storage.save("articles/2026/01/bia.jpg", ContentFile(image_upload().read()))
    response = client.get(reverse("ckeditor_browse"), {"CKEditorFuncNum": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    for url in urls:
        assert f'data-url="{url}"' in html
    assert "trang.html" not in html
    assert "bia.jpg" not in html
    assert 'data-func-num="1"' in html
    assert "no-cache" in response["Cache-Control"]


def test_browse_search_by_file_name(client, author):
    """The browser filters by file name, with or without diacritics."""
    client.force_login(author)
    post(client, image_upload("Hội nghị.jpg"))
    post(client, image_upload("Đại hội.jpg"))
    html = client.get(reverse("ckeditor_browse"), {"q": "hội nghị"}).content.decode()
    assert "hoi-nghi-" in html
    assert "dai-hoi-" not in html


def test_browse_is_for_writers_only(client, staff):
    """Anonymous visitors go to the login page; staff without article rights get 403."""
    response = client.get(reverse("ckeditor_browse"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(staff)
    assert client.get(reverse("ckeditor_browse")).status_code == 403


def test_browse_rejects_a_script_as_callback_number(client, author):
    """Only digits are echoed back as CKEditor's callback number."""
    client.force_login(author)
    html = client.get(reverse("ckeditor_browse"), {"CKEditorFuncNum": "1);alert(1"}).content
    assert b"alert(1" not in html


class NamedBytes(BytesIO):
    """A file as a browser sends it: any name, not cut to 255 like Django's upload classes."""

    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name = name


def test_long_file_name_is_stored_under_a_short_name_of_ours(client, author):
    """A 250-character file name is fine: the stored name is ours, short."""
    client.force_login(author)
    response = post(client, NamedBytes(image_upload().read(), "a" * 246 + ".jpg"))
    assert response.json()["uploaded"] == 1
    name, _ = stored_image(response)
    assert len(name.rsplit("/", 1)[-1]) < 80


@pytest.mark.parametrize("name", ["a" * 4_996 + ".jpg", "ả" * 2_000 + ".png"])
def test_five_thousand_character_file_name_gets_a_json_refusal(client, author, media, name):
    """A file name too long for Django's upload parser is refused in CKEditor's JSON."""
    client.force_login(author)
    response = post(client, NamedBytes(image_upload().read(), name))
    assert response["Content-Type"] == "application/json"
    assert response.json()["uploaded"] == 0
    assert "Tên tệp quá dài" in response.json()["error"]["message"]
    assert stored_files(media) == []


def test_upload_to_an_unwritable_media_disk_answers_in_vietnamese(
    client, author, settings, tmp_path
):
    """A read-only or full media disk: the editor gets its JSON message, nothing is stored."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    client.force_login(author)
    response = post(client, image_upload("anh.jpg"))
    assert response.status_code == 200
    assert response.json() == {
        "uploaded": 0,
        "error": {"message": safeimage.STORAGE_UNAVAILABLE},
    }
