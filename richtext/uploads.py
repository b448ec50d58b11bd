"""Images uploaded from the rich-text editor: the only way a file gets into `uploads/`.

django-ckeditor's own views are not routed: its upload view is `csrf_exempt` and
stores whatever arrives (an `.svg`, an image renamed `.html`). Here (docs/rich-text.md):

- only active staff who may write rich text (`RICHTEXT_UPLOAD_PERMISSIONS`: any one of
  them, e.g. adding or changing an article);
- cross-site requests are refused: Django's CSRF check (the editor sends the page's
  token as `X-CSRFToken`, see `richtext.fields.EditorWidget`), which also rejects a
  foreign `Origin` (and, over HTTPS, `Referer`), plus `Sec-Fetch-Site` when present;
- `safeimage.reencode` decides what the file is and stores only its re-encoded
  picture (JPEG, PNG, WebP or GIF, bounded, metadata dropped);
- the stored name is ours: `uploads/<year>/<month>/<words-of-the-name>-<random>.<ext>`;
- its renditions are made at once (`safeimage.renditions`), for the pages that show it.

Answers are JSON in CKEditor 4's upload protocol. A refused file is answered with
status 200 and `{"uploaded": 0, "error": {"message": ...}}`, because CKEditor shows
the server's message only for a 2xx answer; refused requests (not logged in, no right
to upload, cross-site) get 403/405 with the same JSON shape.
"""

import posixpath
import secrets
from pathlib import PurePath

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

import vntext
from safeimage import (
    EXTENSIONS,
    MAX_BYTES,
    STORAGE_UNAVAILABLE,
    ImageRefused,
    check_writable,
    reencode,
    renditions,
    too_big_message,
)

UPLOAD_DIR = settings.CKEDITOR_UPLOAD_PATH.strip("/")
# A 10 MB file and its multipart framing fit; anything larger is refused unread. nginx in
# front holds the same number (`client_max_body_size 12m`, docs/deploy.md).
MAX_REQUEST_BYTES = MAX_BYTES + 2 * 1024 * 1024
BROWSE_PAGE_SIZE = 48


def may_upload(user) -> bool:
    """Active staff holding one of the permissions of an app with a rich-text field."""
    return (
        user.is_active
        and user.is_staff
        and any(user.has_perm(permission) for permission in settings.RICHTEXT_UPLOAD_PERMISSIONS)
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
    if length > MAX_REQUEST_BYTES:
        return _refused(too_big_message(length), status=413)
    try:
        request.FILES  # noqa: B018 (parse now: Django refuses a part header over 1 KB)
    except MultiPartParserError:
        return _refused(
            "Tên tệp quá dài hoặc dữ liệu gửi lên không đọc được. Hãy đặt tên tệp ngắn hơn "
            "(dưới 200 ký tự) rồi tải lên lại."
        )
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
    except ImageRefused as refusal:
        return _refused(str(refusal))
    try:
        check_writable(default_storage, len(data))
        name = default_storage.save(_new_name(upload.name, extension), ContentFile(data))
    except ImageRefused as refusal:
        return _refused(str(refusal))
    except OSError:  # the disk filled or went read-only between the check and the save
        return _refused(STORAGE_UNAVAILABLE)
    renditions.make(name)  # before the editor shows it: the page will ask for them
    return JsonResponse(
        {"uploaded": 1, "fileName": posixpath.basename(name), "url": default_storage.url(name)}
    )


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _new_name(original: str, extension: str) -> str:
    stem = vntext.slugify(PurePath(original or "").stem, max_length=50, fallback="anh")
    now = timezone.localtime()
    return f"{UPLOAD_DIR}/{now:%Y/%m}/{stem}-{secrets.token_hex(4)}.{extension}"


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

    Read-only, staff who may upload only, and only files this module stored
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
    return render(request, "richtext/image_browser.html", context)
