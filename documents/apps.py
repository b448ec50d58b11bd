from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        import pagecache
        import periodic
        from documents import counters
        from documents import pagecache as documents_pagecache

        periodic.register("documents.flush_downloads", counters.flush_all_downloads, every=60)

        pagecache.register(
            "documents",
            models=documents_pagecache.MODELS,
            next_change=documents_pagecache.next_change,
        )
