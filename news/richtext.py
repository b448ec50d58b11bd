"""The rich-text editor and the HTML it may store: the one module to change to swap editors.

The editor is django-ckeditor (CKEditor 4.22.1, unsupported upstream; see
docs/rich-text.md). Its browser-side filter is not a defence: staff can post any HTML
through the Source button or a crafted request. So every value is cleaned on the
server with nh3 (the Rust sanitizer ammonia) at field level:

- `RichTextField.pre_save` cleans the value on every `save()` and `bulk_create()` and
  puts the cleaned HTML back on the instance;
- `RichTextField.get_prep_value` cleans whatever else reaches the database
  (`QuerySet.update()`, `bulk_update()`, fixtures loaded raw) unless it is already clean.
"""

import html
import re

import nh3
from ckeditor_uploader.fields import RichTextUploadingField, RichTextUploadingFormField
from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django.conf import settings
from django.urls import reverse

import vntext

ALLOWED_TAGS = {
    # blocks
    "p", "br", "hr", "div", "blockquote", "pre",
    "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd",
    "figure", "figcaption",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    # inline
    "span", "a", "img", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
    "mark", "abbr", "cite", "q", "code",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "*": {"style", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "table": {"border", "cellpadding", "cellspacing", "summary"},
    "abbr": {"title"},
}
# Attributes allowed with these values only (they must not also be in ALLOWED_ATTRIBUTES).
ALLOWED_ATTRIBUTE_VALUES = {
    "table": {"align": {"left", "center", "right"}},  # CKEditor 4's table dialog
}
# The image2 plugin recognises a captioned image by this class when an article is reopened.
ALLOWED_CLASSES = {"figure": {"image"}}

# What CKEditor 4 writes inline: image size and float, text alignment, table borders.
ALLOWED_STYLE_PROPERTIES = {
    "text-align", "vertical-align", "float", "display",
    "width", "height", "max-width", "min-width",
    "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
    "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
    "border", "border-width", "border-style", "border-color", "border-collapse",
    "color", "background-color",
    "font-weight", "font-style", "text-decoration", "text-indent", "list-style-type",
}  # fmt: skip

URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Anything in a style value that could load or run something is dropped with the attribute.
_UNSAFE_STYLE = re.compile(
    r"url\s*\(|expression|javascript|behavior|binding|@import|\\"
    # Nothing may be pulled over the page's own header or links, or sized to the screen:
    # no negative lengths, no viewport units, no invisible text.
    r"|-\s*\.?\d|\d\s*v(?:w|h|min|max)\b|transparent",
    re.IGNORECASE,
)
# image2 centres a captioned image with display:inline-block; nothing may be hidden.
# Possessive quantifiers: "display: block" must not backtrack into a "hiding" match.
_HIDING_DISPLAY = re.compile(
    r"display\s*+:\s*+(?!(?:inline-block|block|inline)\s*+(?:;|!|$))", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "style" and (_UNSAFE_STYLE.search(value) or _HIDING_DISPLAY.search(value)):
        return None
    if attribute in {"width", "height", "colspan", "rowspan", "span", "start", "border"}:
        return value if value.strip().rstrip("%").isdigit() else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
    allowed_classes=ALLOWED_CLASSES,
    attribute_filter=_attribute_filter,
    url_schemes=URL_SCHEMES,
    filter_style_properties=ALLOWED_STYLE_PROPERTIES,
    clean_content_tags={"script", "style"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


class CleanHTML(str):
    """HTML that has been through `clean_html`: cleaning it again would change nothing."""

    __slots__ = ()


def clean_html(value: str) -> CleanHTML:
    """Sanitize editor HTML to the news allowlist. Idempotent; text is stored in NFC."""
    if isinstance(value, CleanHTML):
        return value
    return CleanHTML(_cleaner.clean(vntext.normalize(value or "")).strip())


def html_to_text(value: str) -> str:
    """The readable text of (clean) HTML, for search and meta descriptions."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", value or ""))).strip()


class EditorWidget(CKEditorUploadingWidget):
    """CKEditor 4 whose image uploads go to `news.uploads` by XHR with Django's CSRF token.

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
            (self.PLUGIN, f"{settings.STATIC_URL}news/ckeditor/{self.PLUGIN}/", "plugin.js"),
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
