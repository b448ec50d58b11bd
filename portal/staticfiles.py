"""The static files app as the portal configures it (INSTALLED_APPS).

In a module of its own: a second AppConfig in portal/apps.py would stop Django from
picking `PortalConfig` for the portal app.
"""

from django.contrib.staticfiles.apps import StaticFilesConfig


class PortalStaticFilesConfig(StaticFilesConfig):
    """`collectstatic` leaves out CKEditor's 70-odd translations but Vietnamese and English.

    The editor loads only the language Django is in (`vi`) and English, its fallback
    (django-ckeditor sets `language` from `get_language()`). The other ~2,900 files, with
    their hashed and gzipped copies, were 59% of the static files, and WhiteNoise keeps
    every static file's headers in each worker's memory: 6.6 MB for 5,055 files
    (docs/performance.md, "Worker memory").
    """

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "ckeditor/ckeditor/*lang/[!ev]*",
        "ckeditor/ckeditor/*lang/e[!n]*",
    ]
