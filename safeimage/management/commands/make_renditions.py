"""Make the renditions that are missing (docs/images.md): after a deploy that brings them,
after restoring media from a backup, or with `--force` after the sizes change."""

import posixpath
import time

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from safeimage import renditions
from safeimage.fields import SafeImageField


def stored_pictures() -> list[str]:
    """Every name a `SafeImageField` holds, and the files in `SAFEIMAGE_RENDITION_FOLDERS`
    (the editor's uploads), each once."""
    names = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, SafeImageField) and field.storage is default_storage:
                values = model._base_manager.exclude(**{field.attname: ""})
                names.extend(values.values_list(field.attname, flat=True).distinct())
    for folder in getattr(settings, "SAFEIMAGE_RENDITION_FOLDERS", ()):
        names.extend(_files_under(folder.strip("/")))
    return sorted(dict.fromkeys(names))


def _files_under(folder: str):
    try:
        folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, NotImplementedError):
        return
    for filename in files:
        if filename.rsplit(".", 1)[-1].lower() in {"jpg", "jpeg", "png", "webp"}:
            yield posixpath.join(folder, filename)
    for child in folders:
        yield from _files_under(posixpath.join(folder, child))


def orphan_folders(folder: str = renditions.PREFIX):
    """Rendition folders whose original is gone."""
    try:
        folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, NotImplementedError):
        return
    original = folder.removeprefix(renditions.PREFIX + "/")
    if files and folder != renditions.PREFIX and not default_storage.exists(original):
        yield original
    for child in folders:
        yield from orphan_folders(posixpath.join(folder, child))


class Command(BaseCommand):
    help = "Tạo các bản ảnh thu nhỏ (renditions) còn thiếu cho mọi ảnh đã lưu."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Tạo lại cả bản đã có.")
        parser.add_argument(
            "--prune", action="store_true", help="Xóa bản thu nhỏ của ảnh gốc không còn nữa."
        )

    def handle(self, *, force, prune, verbosity, **options):
        names = stored_pictures()
        total, written, started, shown = len(names), 0, time.monotonic(), -1
        for done, name in enumerate(names, start=1):
            written += len(renditions.make(name, force=force))
            percent = done * 100 // max(total, 1)
            if verbosity and (percent // 10 != shown or done == total):
                shown = percent // 10
                self.stdout.write(f"Ảnh: {done}/{total} ({percent}%), {written} bản mới")
        removed = 0
        if prune:
            for original in list(orphan_folders()):
                removed += renditions.remove(original)
        if verbosity:
            self.stdout.write(
                f"Xong: {total} ảnh, {written} bản thu nhỏ mới, {removed} bản thừa đã xóa "
                f"({time.monotonic() - started:.1f} s)."
            )
