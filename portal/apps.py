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
