"""The rich-text editor behind one field: the one module to change to swap editors.

The editor is django-ckeditor (CKEditor 4.22.1, unsupported upstream; see
docs/rich-text.md). Whatever it posts is cleaned on the server
(`richtext.sanitize.clean_html`) at field level:

- `RichTextField.pre_save` cleans the value on every `save()` and `bulk_create()` and
  puts the cleaned HTML back on the instance;
- `RichTextField.get_prep_value` cleans whatever else reaches the database
  (`QuerySet.update()`, `bulk_update()`, fixtures loaded raw) unless it is already clean.
"""

from ckeditor_uploader.fields import RichTextUploadingField, RichTextUploadingFormField
from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django.conf import settings
from django.urls import reverse

from richtext.sanitize import clean_html


class EditorWidget(CKEditorUploadingWidget):
    """CKEditor 4 whose image uploads go to `richtext.uploads` by XHR with Django's CSRF token.

    CKEditor's own `ckCsrfToken` (a cookie it sets itself) proves nothing to Django, so
    the `djangocsrf` plugin adds the page's token as an `X-CSRFToken` header to every
    upload: from the image dialog and from images pasted or dropped into the text.
    """

    PLUGIN = "djangocsrf"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # STATIC_URL, not static(): CKEditor appends "plugin.js" to a directory, which a
        # hashed-name manifest storage cannot resolve.
        self.external_plugin_resources = [
            *self.external_plugin_resources,
            (self.PLUGIN, f"{settings.STATIC_URL}richtext/ckeditor/{self.PLUGIN}/", "plugin.js"),
        ]
        extra = [name for name in self.config.get("extraPlugins", "").split(",") if name]
        self.config["extraPlugins"] = ",".join([*extra, self.PLUGIN])

    def _set_config(self):
        # Without uploadUrl, pasted images would go to filebrowserUploadUrl + "&responseType=json".
        self.config.setdefault("uploadUrl", reverse("ckeditor_upload"))
        self.config["filebrowserUploadMethod"] = "xhr"  # the form method cannot carry the header
        super()._set_config()


class EditorFormField(RichTextUploadingFormField):
    widget = EditorWidget


class RichTextField(RichTextUploadingField):
    """CKEditor with image upload in the admin; sanitized HTML in the database."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": EditorFormField, **kwargs})

    def pre_save(self, model_instance, add):
        cleaned = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, cleaned)
        return cleaned

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return clean_html(value)
