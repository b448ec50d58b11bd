from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self):
        import pagecache
        from news import pagecache as news_pagecache

        pagecache.register("news", news_pagecache.state)
