"""Images from outside, made safe before they are stored: the one place that decides.

Pillow decides what a file is (never its name or content type): JPEG, PNG, WebP or GIF
only, bounded in bytes, pixels and frames, fully decoded, then re-encoded, which drops
metadata (EXIF with its GPS position, comments, ICC after conversion to sRGB) and
anything hidden after or around the picture. Used by the editor's upload view, article
covers and cadre portraits (`safeimage.fields.SafeImageField`).
"""

from __future__ import annotations

import io
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # one frame: a 50-megapixel camera
MAX_ANIMATION_PIXELS = 100_000_000  # all frames of a GIF or WebP animation together
MAX_EDGE = 2400  # stored photos are scaled down to this on their long side
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

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


STORAGE_UNAVAILABLE = (
    "Máy chủ không lưu được ảnh lúc này: thư mục lưu tệp đang ở chế độ chỉ đọc hoặc đã "
    "đầy. Chưa có gì được lưu; hãy báo quản trị hệ thống rồi thử lại."
)


class ImageRefused(Exception):
    """A file we will not store, with the message the person uploading it sees."""


def check_writable(storage, size: int) -> None:
    """`ImageRefused` unless `storage` can take a file of `size` bytes right now.

    Checked before anything is saved, so that a read-only or full media disk refuses the
    form with a message instead of failing half-way (docs/deploy.md, "Faults").
    Storages without a local folder (S3...) report their own errors.
    """
    location = getattr(storage, "location", None)
    if not location:
        return
    try:
        Path(location).mkdir(parents=True, exist_ok=True)
        if shutil.disk_usage(location).free < 2 * max(size, 1024 * 1024):
            raise ImageRefused(STORAGE_UNAVAILABLE)
        with tempfile.NamedTemporaryFile(dir=location, prefix=".write-check-") as probe:
            probe.write(b"x")
            probe.flush()
    except OSError:
        raise ImageRefused(STORAGE_UNAVAILABLE) from None


def too_big_message(size: int, max_bytes: int = MAX_BYTES) -> str:
    return (
        f"Ảnh quá lớn ({size / 1024 / 1024:.1f} MB): tối đa {max_bytes // 1024 // 1024} MB. "
        "Hãy thu nhỏ ảnh rồi tải lên lại."
    )


def formats_message(formats) -> str:
    names = [{"WEBP": "WebP"}.get(name, name) for name in EXTENSIONS if name in formats]
    listed = ", ".join(names[:-1]) + f" hoặc {names[-1]}" if len(names) > 1 else names[0]
    return f"Chỉ nhận ảnh {listed}."


def reencode(upload, *, max_bytes: int = MAX_BYTES, formats=tuple(EXTENSIONS)) -> tuple[bytes, str]:
    """The picture in `upload` (a file object with `.size`), decoded and encoded again,
    with the extension of its format; `ImageRefused` with a Vietnamese message otherwise.

    `max_bytes` and `formats` narrow the limits for one use (a portrait: 5 MB, no GIF).
    """
    # Pillow (2.4 MB) is loaded by the first upload or header read, not by every worker
    # (docs/performance.md, "Worker memory").
    from PIL import Image, UnidentifiedImageError

    if upload.size > max_bytes:
        raise ImageRefused(too_big_message(upload.size, max_bytes))
    if upload.size == 0:
        raise ImageRefused("Tệp rỗng: không có ảnh nào để tải lên.")
    try:
        with warnings.catch_warnings():
            # Pillow warns between its limit and twice it, and raises beyond: both are refusals.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload, formats=list(EXTENSIONS)) as probe:
                image_format = probe.format
                if image_format not in formats:
                    raise ImageRefused(formats_message(formats))
                _check_pixels(*probe.size)
                probe.verify()
            upload.seek(0)
            with Image.open(upload, formats=[image_format]) as image:
                _check_pixels(*image.size, frames=getattr(image, "n_frames", 1))
                return _encode(image, image_format), EXTENSIONS[image_format]
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(TOO_MANY_PIXELS) from None
    except UnidentifiedImageError:
        raise ImageRefused(NOT_AN_IMAGE) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError):
        raise ImageRefused(BROKEN_IMAGE) from None


def _check_pixels(width: int, height: int, frames: int = 1) -> None:
    if width * height > MAX_PIXELS:
        raise ImageRefused(TOO_MANY_PIXELS)
    if frames * width * height > MAX_ANIMATION_PIXELS:
        raise ImageRefused(
            "Ảnh động quá nặng (quá nhiều khung hình). Hãy rút ngắn hoặc thu nhỏ ảnh."
        )


def _encode(image: Image.Image, image_format: str) -> bytes:
    from PIL import Image, ImageOps, ImageSequence

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
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if "A" in image.getbands() else "RGB"
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image if image.mode != "CMYK" else image.convert("RGB")
