from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        import pagecache
        from documents import pagecache as documents_pagecache

        pagecache.register("documents", documents_pagecache.state)
