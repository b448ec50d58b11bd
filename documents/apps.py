from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        import pagecache
        from documents import pagecache as documents_pagecache

        pagecache.register(
            "documents",
            models=documents_pagecache.MODELS,
            next_change=documents_pagecache.next_change,
        )
