"""Images uploaded from the rich-text editor: the only way a file gets into `uploads/`.

django-ckeditor's own views are not routed: its upload view is `csrf_exempt` and
stores whatever arrives (an `.svg`, an image renamed `.html`). Here (docs/rich-text.md):

- only active staff who may write articles;
- cross-site requests are refused: Django's CSRF check (the editor sends the page's
  token as `X-CSRFToken`, see `news.richtext.EditorWidget`), which also rejects a
  foreign `Origin` (and, over HTTPS, `Referer`), plus `Sec-Fetch-Site` when present;
- Pillow decides what the file is (never its name or content type): JPEG, PNG, WebP
  or GIF only, bounded in bytes, pixels and frames, fully decoded, then re-encoded,
  which drops metadata (EXIF with its GPS position, comments, ICC after conversion to
  sRGB) and anything hidden after or around the picture;
- the stored name is ours: `uploads/<year>/<month>/<words-of-the-name>-<random>.<ext>`.

Answers are JSON in CKEditor 4's upload protocol. A refused file is answered with
status 200 and `{"uploaded": 0, "error": {"message": ...}}`, because CKEditor shows
the server's message only for a 2xx answer; refused requests (not logged in, no right
to upload, cross-site) get 403/405 with the same JSON shape.
"""

import io
import posixpath
import secrets
import warnings
from pathlib import PurePath

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

import vntext

UPLOAD_DIR = settings.CKEDITOR_UPLOAD_PATH.strip("/")
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # one frame: a 50-megapixel camera
MAX_ANIMATION_PIXELS = 100_000_000  # all frames of a GIF or WebP animation together
MAX_EDGE = 2400  # stored photos are scaled down to this on their long side
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
BROWSE_PAGE_SIZE = 48

NOT_AN_IMAGE = (
    "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF. Tệp này không phải ảnh thuộc các loại đó "
    "(ảnh SVG, PDF, tài liệu Word... không được tải lên)."
)
BROKEN_IMAGE = (
    "Tệp ảnh bị hỏng hoặc không đọc được. Hãy lưu lại ảnh bằng phần mềm khác rồi thử lại."
)
TOO_MANY_PIXELS = (
    "Ảnh có quá nhiều điểm ảnh (tối đa 50 megapixel mỗi khung hình). "
    "Hãy thu nhỏ ảnh rồi tải lên lại."
)


class UploadRefused(Exception):
    """A file we will not store, with the message the editor sees."""


def may_upload(user) -> bool:
    return (
        user.is_active
        and user.is_staff
        and (user.has_perm("news.add_article") or user.has_perm("news.change_article"))
    )


class _CsrfCheck(CsrfViewMiddleware):
    """Django's own CSRF check, answering with the reason instead of a 403 page."""

    def _reject(self, request, reason):
        return reason


def _csrf_failure(request) -> str | None:
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return "cross-site request (Sec-Fetch-Site)"
    check = _CsrfCheck(lambda request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})


def _refused(message: str, status: int = 200) -> JsonResponse:
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@csrf_exempt  # checked in the view, after the cheap checks, with a JSON answer
@never_cache
def upload_image(request):
    """CKEditor's upload endpoint (URL name `ckeditor_upload`)."""
    if request.method != "POST":
        return _refused("Chỉ nhận ảnh gửi lên từ trình soạn thảo.", status=405)
    if not request.user.is_authenticated:
        return _refused("Phiên đăng nhập đã hết. Hãy đăng nhập lại rồi tải ảnh lên.", status=403)
    if not may_upload(request.user):
        return _refused("Tài khoản của bạn không có quyền tải ảnh lên.", status=403)
    length = _content_length(request)
    if length > 2 * MAX_BYTES:
        return _refused(_too_big_message(length), status=413)
    if _csrf_failure(request):
        return _refused(
            "Yêu cầu tải ảnh không đến từ trang soạn bài của cổng thông tin, hoặc phiên làm "
            "việc đã hết hạn. Hãy tải lại trang rồi thử lại.",
            status=403,
        )
    upload = request.FILES.get("upload")
    if upload is None:
        return _refused("Không nhận được tệp ảnh nào.")
    try:
        data, extension = reencode(upload)
    except UploadRefused as refusal:
        return _refused(str(refusal))
    name = default_storage.save(_new_name(upload.name, extension), ContentFile(data))
    return JsonResponse(
        {"uploaded": 1, "fileName": posixpath.basename(name), "url": default_storage.url(name)}
    )


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _too_big_message(size: int) -> str:
    return (
        f"Ảnh quá lớn ({size / 1024 / 1024:.1f} MB): tối đa {MAX_BYTES // 1024 // 1024} MB. "
        "Hãy thu nhỏ ảnh rồi tải lên lại."
    )


def _new_name(original: str, extension: str) -> str:
    stem = vntext.slugify(PurePath(original or "").stem, max_length=50, fallback="anh")
    now = timezone.localtime()
    return f"{UPLOAD_DIR}/{now:%Y/%m}/{stem}-{secrets.token_hex(4)}.{extension}"


def reencode(upload) -> tuple[bytes, str]:
    """The picture in `upload`, decoded and encoded again; `UploadRefused` otherwise."""
    if upload.size > MAX_BYTES:
        raise UploadRefused(_too_big_message(upload.size))
    if upload.size == 0:
        raise UploadRefused("Tệp rỗng: không có ảnh nào để tải lên.")
    try:
        with warnings.catch_warnings():
            # Pillow warns between its limit and twice it, and raises beyond: both are refusals.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload, formats=list(EXTENSIONS)) as probe:
                image_format = probe.format
                _check_pixels(*probe.size)
                probe.verify()
            upload.seek(0)
            with Image.open(upload, formats=[image_format]) as image:
                _check_pixels(*image.size, frames=getattr(image, "n_frames", 1))
                return _encode(image, image_format), EXTENSIONS[image_format]
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused(TOO_MANY_PIXELS) from None
    except UnidentifiedImageError:
        raise UploadRefused(NOT_AN_IMAGE) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError):
        raise UploadRefused(BROKEN_IMAGE) from None


def _check_pixels(width: int, height: int, frames: int = 1) -> None:
    if width * height > MAX_PIXELS:
        raise UploadRefused(TOO_MANY_PIXELS)
    if frames * width * height > MAX_ANIMATION_PIXELS:
        raise UploadRefused(
            "Ảnh động quá nặng (quá nhiều khung hình). Hãy rút ngắn hoặc thu nhỏ ảnh."
        )


def _encode(image: Image.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    if getattr(image, "n_frames", 1) > 1:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(frame.info.get("duration", 100))
            frames.append(_stripped(frame.copy()))
        options = {"save_all": True, "append_images": frames[1:], "duration": durations}
        if image_format == "GIF":
            options |= {"loop": image.info.get("loop", 0), "disposal": 2}
        else:
            options |= {"loop": image.info.get("loop", 0), "quality": 85}
        frames[0].save(out, format=image_format, **options)
        return out.getvalue()

    if image_format == "JPEG":
        image.draft("RGB", (MAX_EDGE, MAX_EDGE))  # decode big JPEGs at a fraction of their size
    image.load()
    picture = _to_srgb(ImageOps.exif_transpose(image))  # keep the orientation EXIF gave
    picture.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    if image_format == "JPEG":
        picture = _stripped(picture.convert("RGB") if picture.mode != "L" else picture)
        picture.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    elif image_format == "PNG":
        picture = _stripped(
            picture
            if picture.mode in {"1", "L", "LA", "P", "RGB", "RGBA"}
            else picture.convert("RGBA")
        )
        picture.save(out, format="PNG", optimize=True)
    elif image_format == "WEBP":
        picture = _stripped(picture if picture.mode in {"RGB", "RGBA"} else picture.convert("RGBA"))
        picture.save(out, format="WEBP", quality=85)
    else:
        picture = _stripped(picture)
        picture.save(out, format="GIF")
    return out.getvalue()


def _stripped(image: Image.Image) -> Image.Image:
    """Forget metadata; GIFs keep only what drawing them needs."""
    kept = {key: image.info[key] for key in ("transparency", "duration") if key in image.info}
    image.info = kept
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert from an embedded colour profile (e.g. Adobe RGB, a CMYK print profile)."""
    icc = image.info.get("icc_profile")
    if not icc and image.mode != "CMYK":
        return image
    if not icc:
        return image.convert("RGB")
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if "A" in image.getbands() else "RGB"
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image if image.mode != "CMYK" else image.convert("RGB")


# --- browsing what was uploaded ---------------------------------------------------------


def uploaded_images(query: str = "") -> list[str]:
    """Stored names under `uploads/`, newest month first, images of ours only."""
    names = []
    folded = vntext.fold(query)
    for directory in _walk(UPLOAD_DIR):
        _, files = default_storage.listdir(directory)
        for filename in files:
            extension = filename.rsplit(".", 1)[-1].lower()
            if extension in EXTENSIONS.values() and folded.replace(" ", "-") in filename:
                names.append(f"{directory}/{filename}")
    return sorted(names, key=_newest_first_key, reverse=True)


def _newest_first_key(name: str):
    try:
        return (default_storage.get_modified_time(name), name)
    except NotImplementedError:
        return (name.rsplit("/", 1)[0], name)


def _walk(directory: str):
    try:
        subdirectories, _ = default_storage.listdir(directory)
    except (FileNotFoundError, NotImplementedError):
        return
    yield directory
    for subdirectory in subdirectories:
        yield from _walk(f"{directory}/{subdirectory}")


@require_GET
@never_cache
def browse_images(request):
    """CKEditor's "Duyệt máy chủ" window: the images uploaded here, to reuse one.

    Read-only, staff who may write articles only, and only files this module stored
    (re-encoded images in `uploads/`), so nothing else on the media volume is listed.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_upload(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(uploaded_images(query), BROWSE_PAGE_SIZE).get_page(request.GET.get("page"))
    func_num = request.GET.get("CKEditorFuncNum", "")
    context = {
        **admin.site.each_context(request),
        "title": "Chọn ảnh đã tải lên",
        "is_popup": True,
        "page_obj": page,
        "images": [
            {"url": default_storage.url(name), "name": posixpath.basename(name)}
            for name in page.object_list
        ],
        "query": query,
        "func_num": func_num if func_num.isdigit() else "",
    }
    return render(request, "admin/news/image_browser.html", context)
