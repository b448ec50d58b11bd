"""Smaller copies of stored pictures for phones and link previews (docs/images.md).

Every picture `safeimage` stored (covers, portraits, editor uploads, album photos) gets
renditions 96, 320, 640, 800, 960 and 1600 pixels wide, never wider than the original, in
WebP and in the original's format (JPEG or PNG; a WebP original only in WebP), plus a
1200-wide one for Open Graph and the 16:9, 4:3 and 1:1 crops Google asks for. They are
made with Pillow from the decoded pixels (no EXIF, no colour profile: the originals
are sRGB already) and kept beside each other under `renditions/<original name>/`,
through Django's storage API only, so a shared volume, S3 (django-storages) or the
in-memory storage of the tests work the same.

What exists for a picture is decided by its size alone (`Picture.renditions()`), so a
page needs no database to write its `srcset`: only the original's width, height and
format, read once from the file's header and kept in the cache (`describe`).

    from safeimage import renditions

    renditions.make(name)             # at upload (SafeImageField does it), idempotent
    picture = renditions.describe(name)   # or describe_many(names)
    picture.srcset("WEBP"), picture.share(), picture.crops()
    renditions.remove(name)           # when the original goes or is replaced

Templates use `{% picture %}` and `|body_pictures` (safeimage/templatetags/pictures.py).
"""

from __future__ import annotations

import hashlib
import io
import logging
import posixpath
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db.models.fields.files import FieldFile
from django.utils.encoding import filepath_to_uri

if TYPE_CHECKING:
    from PIL import Image

logger = logging.getLogger(__name__)

# 96: icons and small portraits (a 24 px logo, an 84 px portrait at a scale factor of 1),
# where a 320 would weigh more than the original; 800: a 390 px phone at a factor of 2.
WIDTHS = (96, 320, 640, 800, 960, 1600)
SHARE_WIDTH = 1200  # Open Graph and JSON-LD
CROPS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}  # Google's article image ratios
PREFIX = "renditions"
QUALITY = {"JPEG": 80, "WEBP": 78}
MIME_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "ANIMATED": "image/webp",  # an animated WebP: shown as it is, like a GIF
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
INFO_TIMEOUT = 30 * 24 * 3600  # facts of a stored file never change; a month bounds a stray key
LOCK_TIMEOUT = 120


def storage_url(storage, name: str) -> str:
    """`storage.url(name)`; for the file system, without `urljoin` (a `srcset` lists a
    dozen names: its parsing was a tenth of a list page's time, docs/performance.md).
    The names are the storage's own (no `..`, and `filepath_to_uri` quotes any colon), so
    joining them to the base URL is what `urljoin` would return."""
    base = getattr(storage, "base_url", None)  # (sets the lazy default storage up)
    real = getattr(storage, "_wrapped", storage)
    if type(real) is FileSystemStorage and base and base.endswith("/"):
        return base + filepath_to_uri(name).lstrip("/")
    return storage.url(name)


@dataclass(frozen=True)
class Rendition:
    """A file a browser may pick: one made from an original (`crop` is "" or a key of
    `CROPS`), or the original itself."""

    name: str
    width: int
    height: int
    format: str
    crop: str = ""
    storage: object = None

    @property
    def url(self) -> str:
        return storage_url(self.storage or default_storage, self.name)

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


@dataclass(frozen=True)
class Picture:
    """A stored original and what can be made from it; knows its renditions' names."""

    name: str
    width: int
    height: int
    format: str
    storage: object = None

    @property
    def url(self) -> str:
        return storage_url(self._storage, self.name)

    @property
    def _storage(self):
        return self.storage or default_storage

    @property
    def animated_or_gif(self) -> bool:
        return self.format not in EXTENSIONS

    def formats(self) -> tuple[str, ...]:
        """The formats of its renditions: WebP first, then the original's own."""
        if self.animated_or_gif:
            return ()
        return ("WEBP",) if self.format == "WEBP" else ("WEBP", self.format)

    def widths(self) -> list[int]:
        """The widths offered: the standard ones below the original's, and the original's
        own when it is not wider than the largest (never upscaled)."""
        smaller = [width for width in WIDTHS if width < self.width]
        return smaller + ([self.width] if self.width <= WIDTHS[-1] else [])

    def renditions(self) -> list[Rendition]:
        """Every file `make` writes for this picture."""
        made = []
        for image_format in self.formats():
            for width in self.widths():
                if width == self.width and image_format == self.format:
                    continue  # the original itself is that candidate
                made.append(self._rendition(width, self._height_at(width), image_format))
        if self.formats():
            if self.width > SHARE_WIDTH:  # narrower originals are their own share picture
                made.append(self._rendition(*self._share_size(), self.format))
            made.extend(self._crop(crop) for crop in CROPS)
        return list(dict.fromkeys(made))

    def candidates(self, image_format: str) -> list[Rendition]:
        """What a `srcset` in `image_format` lists, narrowest first."""
        if image_format not in self.formats():
            return [self._original()] if image_format == self.format else []
        found = []
        for width in self.widths():
            if width == self.width and image_format == self.format:
                found.append(self._original())
            else:
                rendition = self._rendition(width, self._height_at(width), image_format)
                found.append(rendition)
        return found

    def srcset(self, image_format: str) -> str:
        return ", ".join(f"{c.url} {c.width}w" for c in self.candidates(image_format))

    def fallback(self, width: int = 640, image_format: str = "", candidates=None) -> Rendition:
        """The `src` for browsers without `srcset` (or a `<video poster>`, which has none):
        the first at least `width` wide, in `image_format` (default: the original's), among
        `candidates` when the caller has them already (`candidates(format)`)."""
        if candidates is None:
            candidates = self.candidates(image_format or self.format)
        candidates = candidates or [self._original()]
        return next((c for c in candidates if c.width >= width), candidates[-1])

    def share(self) -> Rendition:
        """The picture for Open Graph: 1200 wide (or the original's width if narrower)."""
        if self.animated_or_gif:
            return self._original()
        width, height = self._share_size()
        if width == self.width:
            return self._original()
        return self._rendition(width, height, self.format)

    def crops(self) -> list[Rendition]:
        """16:9, 4:3 and 1:1, each as wide as the original allows up to 1200 (JSON-LD)."""
        if self.animated_or_gif:
            return []
        return [self._crop(crop) for crop in CROPS]

    @cached_property
    def folder(self) -> str:
        return f"{PREFIX}/{self.name}"

    # --- sizes and names -------------------------------------------------------------

    def _height_at(self, width: int) -> int:
        return max(1, round(self.height * width / self.width))

    def _share_size(self) -> tuple[int, int]:
        width = min(SHARE_WIDTH, self.width)
        return width, self._height_at(width)

    def _crop_box(self, crop: str) -> tuple[int, int, int, int]:
        across, down = CROPS[crop]
        width, height = self.width, self.height
        if width * down > height * across:  # too wide: cut the sides
            width = height * across // down
        else:
            height = width * down // across
        left, top = (self.width - width) // 2, (self.height - height) // 2
        return left, top, left + width, top + height

    def _crop(self, crop: str) -> Rendition:
        left, top, right, bottom = self._crop_box(crop)
        width = min(SHARE_WIDTH, right - left)
        height = max(1, round((bottom - top) * width / (right - left)))
        name = f"{self.folder}/{crop}-{width}.{EXTENSIONS[self.format]}"
        return Rendition(name, width, height, self.format, crop, self.storage)

    def _rendition(self, width: int, height: int, image_format: str) -> Rendition:
        name = f"{self.folder}/{width}.{EXTENSIONS[image_format]}"
        return Rendition(name, width, height, image_format, storage=self.storage)

    def _original(self) -> Rendition:
        return Rendition(self.name, self.width, self.height, self.format, storage=self.storage)


# --- facts of an original -----------------------------------------------------------------


def _info_key(storage, name: str) -> str:
    # The storage's folder is part of the key: the same name in another MEDIA_ROOT (a
    # restored copy, each test's own folder) is another file.
    where = f"{type(storage).__name__}:{getattr(storage, 'location', '')}"
    digest = hashlib.sha256(f"{where}:{name}".encode()).hexdigest()[:32]
    return f"safeimage:info:{digest}"


def name_of(image) -> str:
    """The stored name of a `FieldFile`, a `Picture` or a name."""
    return getattr(image, "name", image) or ""


def describe(image, storage=None) -> Picture | None:
    """The `Picture` of a stored original (a name or a `FieldFile`); None when the file is
    missing or not a picture. Its width, height and format are cached."""
    name = name_of(image)
    if not name:
        return None
    # A `FieldFile` keeps the picture it found: a page describes its cover once, however
    # many parts of it ask (the metadata's share image and crops, `{% picture %}`). Not a
    # missing one (its file may be written next), and never pickled with the file (its
    # pickled state names its fields), so nothing of it reaches the cache.
    kept = getattr(image, "_described", None)
    if kept is not None and kept[0] == (name, storage):
        return kept[1]
    picture = describe_many([name], storage).get(name)
    if picture is not None and isinstance(image, FieldFile):
        image._described = ((name, storage), picture)
    return picture


def describe_many(names, storage=None) -> dict[str, Picture]:
    """`describe` for several names with one cache round trip."""
    storage = storage or default_storage
    names = [name for name in dict.fromkeys(names) if name]
    keys = {_info_key(storage, name): name for name in names}
    known = cache.get_many(list(keys))
    found = {}
    for key, name in keys.items():
        facts = known.get(key)
        if facts is None:
            facts = _read_info(storage, name)
            if facts is None:
                continue
            cache.set(key, facts, INFO_TIMEOUT)
        found[name] = Picture(name, *facts, storage=None if storage is default_storage else storage)
    return found


def _read_info(storage, name: str) -> tuple[int, int, str] | None:
    # Pillow is loaded here and by `make`, not with the templates that name renditions
    # from the cache (docs/performance.md, "Worker memory").
    from PIL import Image, UnidentifiedImageError

    try:
        with storage.open(name, "rb") as file, Image.open(file) as image:
            if image.format not in MIME_TYPES:
                return None
            width, height = image.size
            if getattr(image, "n_frames", 1) > 1:
                return width, height, "GIF" if image.format == "GIF" else "ANIMATED"
            return width, height, image.format
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None


# --- making and removing ------------------------------------------------------------------


def make(image, storage=None, *, force: bool = False) -> list[str]:
    """Write the renditions of a stored original that are missing; the names written.

    Safe to call from several processes at once: a cache lock lets one of them work
    (the others return at once, writing nothing), and each file is checked before it is
    made, so a second call costs only the checks. `force` writes them again.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    storage = storage or default_storage
    picture = describe(image, storage)
    if picture is None or not picture.formats():
        return []
    lock = f"{_info_key(storage, picture.name)}:making"
    if not cache.add(lock, 1, LOCK_TIMEOUT):
        return []
    try:
        wanted = [r for r in picture.renditions() if force or not storage.exists(r.name)]
        if not wanted:
            return []
        with storage.open(picture.name, "rb") as file, Image.open(file) as source:
            source.load()
            base = ImageOps.exif_transpose(source)
            written, resized = [], {}
            for rendition in wanted:
                data = _encode(base, picture, rendition, resized)
                if force and storage.exists(rendition.name):
                    storage.delete(rendition.name)
                saved = storage.save(rendition.name, ContentFile(data))
                if saved != rendition.name:  # another process won the race: keep one copy
                    storage.delete(saved)
                else:
                    written.append(saved)
            return written
    except (OSError, UnidentifiedImageError, ValueError) as error:
        logger.warning("Renditions of %s not made: %s", picture.name, error)
        return []
    finally:
        cache.delete(lock)


def _encode(source: Image.Image, picture: Picture, rendition: Rendition, resized: dict) -> bytes:
    """The bytes of one rendition; `resized` keeps each size's pixels for the next format."""
    from PIL import Image

    key = (rendition.crop, rendition.width, rendition.height)
    if key not in resized:
        image = source
        if rendition.crop:
            image = image.crop(picture._crop_box(rendition.crop))
        if image.mode not in {"RGB", "RGBA", "L", "LA"}:
            image = image.convert(
                "RGBA" if "transparency" in image.info or "A" in image.mode else "RGB"
            )
        if image.size != (rendition.width, rendition.height):
            size = (rendition.width, rendition.height)
            image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        resized[key] = image
    image = resized[key].copy()
    image.info = {}  # no EXIF, XMP, ICC or comment can ride along (docs/images.md)
    out = io.BytesIO()
    if rendition.format == "JPEG":
        image = image.convert("RGB") if image.mode != "L" else image
        image.save(out, "JPEG", quality=QUALITY["JPEG"], optimize=True, progressive=True)
    elif rendition.format == "WEBP":
        image.save(out, "WEBP", quality=QUALITY["WEBP"], method=4)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def remove(image, storage=None) -> int:
    """Delete every rendition of an original (which may be gone already); how many."""
    storage = storage or default_storage
    name = name_of(image)
    if not name:
        return 0
    folder = f"{PREFIX}/{name}"
    cache.delete(_info_key(storage, name))
    try:
        _, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, NotImplementedError):
        return 0
    for filename in files:
        storage.delete(posixpath.join(folder, filename))
    return len(files)
