from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin"

    def ready(self):
        import pagecache

        # Every page's footer shows SiteSettings and its header today's date.
        pagecache.register(
            "portal", models=("portal.SiteSettings",), next_change=pagecache.next_midnight
        )

        # The satisfaction widget may rate only what the public can see. The portal
        # wires the sections together: sitewide imports none of them.
        from documents.models import Document
        from news.models import Article
        from pages.models import Page
        from sitewide import ratings

        ratings.register_target(
            "news", lambda pk: Article.objects.published().filter(pk=pk).exists()
        )
        ratings.register_target(
            "documents", lambda pk: Document.objects.public().filter(pk=pk).exists()
        )
        ratings.register_target("pages", lambda pk: Page.objects.published().filter(pk=pk).exists())


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
