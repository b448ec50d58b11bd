"""The static files the portal collects (settings.STATICFILES_FINDERS).

`collectstatic` leaves out CKEditor's 70-odd translations but Vietnamese and English.
The editor loads only the language Django is in (`vi`) and English, its fallback
(django-ckeditor sets `language` from `get_language()`). The other ~2,900 files, with
their hashed and gzipped copies, were 59% of the static files, and WhiteNoise keeps every
static file's headers in each worker's memory: 6.6 MB for 5,055 files
(docs/performance.md, "Worker memory").

A finder rather than an AppConfig replacing `django.contrib.staticfiles`: tools look for
that app by name (pytest-django's live server serves static files only when it is listed).
"""

from django.contrib.staticfiles import finders

LEFT_OUT = [
    "ckeditor/ckeditor/*lang/[!ev]*",
    "ckeditor/ckeditor/*lang/e[!n]*",
]


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    """Django's finder over the apps' `static/` folders, without the editor's other languages."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *LEFT_OUT])
