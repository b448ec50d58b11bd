from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self):
        import pagecache
        import periodic
        from news import counters
        from news import pagecache as news_pagecache

        pagecache.register(
            "news", models=news_pagecache.MODELS, next_change=news_pagecache.next_publication
        )
        periodic.register("news.flush_views", counters.flush_all_views, every=60)
