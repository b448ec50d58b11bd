from django.apps import AppConfig


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
