"""What `collectstatic` collects: CKEditor's Vietnamese and English, not its 70 other
languages (WhiteNoise keeps every collected file in each worker's memory)."""

from django.apps import apps
from django.contrib.staticfiles import finders


def collected() -> set[str]:
    patterns = apps.get_app_config("staticfiles").ignore_patterns
    return {path for finder in finders.get_finders() for path, _ in finder.list(patterns)}


def test_the_editor_keeps_vietnamese_and_english_only():
    files = collected()
    assert "ckeditor/ckeditor/lang/vi.js" in files
    assert "ckeditor/ckeditor/lang/en.js" in files
    assert "ckeditor/ckeditor/ckeditor.js" in files
    assert "ckeditor/ckeditor/lang/fr.js" not in files
    translations = [path for path in files if path.startswith("ckeditor/") and "/lang/" in path]
    assert translations
    assert all(path.rsplit("/", 1)[1].startswith(("vi", "en")) for path in translations)


def test_every_plugin_with_translations_keeps_a_language_the_editor_loads():
    """The editor asks for `vi` and falls back to `en`: a plugin with neither would break."""
    files = collected()
    folders = {
        path.rsplit("/", 1)[0] for path in finders_all() if "ckeditor/" in path and "/lang/" in path
    }
    for folder in folders:
        assert f"{folder}/vi.js" in files or f"{folder}/en.js" in files, folder


def finders_all() -> set[str]:
    """Every static file Django's own finders see, the left-out translations included."""
    patterns = apps.get_app_config("staticfiles").ignore_patterns
    return {
        path
        for finder in (finders.FileSystemFinder(), finders.AppDirectoriesFinder())
        for path, _ in finder.list(patterns)
    }
