"""One mixin for the admin of every model shown on cached pages (`pagecache.register`).

Each save and delete made through such an admin moves the page cache's generation once
it commits, so an anonymous reader gets the fresh page at once. Admin views of its own
that write (an action, a custom view) go through a workflow that calls
`pagecache.content_changed()` itself.
"""

from pagecache import content_changed


class PageCacheAdminMixin:
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        content_changed()

    def save_related(self, request, form, formsets, change):
        # Inlines and many-to-many fields are saved here, also where `save_model` is
        # replaced by a workflow call.
        super().save_related(request, form, formsets, change)
        content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        content_changed()
