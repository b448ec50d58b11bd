"""The admin's "save and publish" button, shared by the sections whose change form has
one (documents, gallery): the form posts `_publish` beside the usual save buttons."""

PUBLISH_BUTTON = "_publish"


class SaveAndPublishMixin:
    """After a save that pressed the publish button, `publish_after_save(request, obj)`
    answers instead of the usual redirect (it runs the section's workflow)."""

    def publish_after_save(self, request, obj):
        raise NotImplementedError

    def response_add(self, request, obj, post_url_continue=None):
        if PUBLISH_BUTTON in request.POST:
            return self.publish_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if PUBLISH_BUTTON in request.POST:
            return self.publish_after_save(request, obj)
        return super().response_change(request, obj)
