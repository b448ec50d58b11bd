from django.apps import AppConfig


class SitewideConfig(AppConfig):
    name = "sitewide"
    verbose_name = "Thành phần chung của trang"

    def ready(self):
        import pagecache
        from sitewide import notices

        pagecache.register("notices", notices.state)
