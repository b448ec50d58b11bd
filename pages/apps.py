from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Giới thiệu"

    def ready(self):
        import pagecache

        pagecache.register("pages", models=("pages.Page", "pages.Department"))
