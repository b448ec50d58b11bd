"""The rich-text editor's upload and browse endpoints, in place of `ckeditor_uploader.urls`.

The names are the ones django-ckeditor's widget reverses.
"""

from django.urls import path

from richtext import uploads

urlpatterns = [
    path("upload/", uploads.upload_image, name="ckeditor_upload"),
    path("browse/", uploads.browse_images, name="ckeditor_browse"),
]
