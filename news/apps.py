from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self):
        import pagecache
        import periodic
        from news import counters, inbox, membership
        from news import pagecache as news_pagecache

        membership.connect()

        pagecache.register(
            "news", models=news_pagecache.MODELS, next_change=news_pagecache.next_publication
        )
        periodic.register("news.flush_views", counters.flush_all_views, every=60)
        # The editors' morning digest: once a day each, from NEWS_DIGEST_HOUR (news/inbox.py).
        periodic.register("news.digests", inbox.send_digests, every=10 * 60)
