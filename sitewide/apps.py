from django.apps import AppConfig


class SitewideConfig(AppConfig):
    name = "sitewide"
    verbose_name = "Thành phần chung của trang"

    def ready(self):
        import pagecache
        from sitewide import notices

        pagecache.register(
            "sitewide",
            models=("sitewide.Notice", "sitewide.Link", "sitewide.MenuEntry"),
            next_change=notices.next_change,
        )
