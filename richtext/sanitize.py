"""The HTML a rich-text field may store: the allowlist and the nh3 cleaner (docs/rich-text.md).

The editor's browser-side filter is not a defence: staff can post any HTML through the
Source button or a crafted request. So every value is cleaned on the server with nh3
(the Rust sanitizer ammonia), by `richtext.fields.RichTextField` at field level.
"""

import functools
import html
import re

from django.utils.html import escape

import vntext
from richtext import styles

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

# What CKEditor 4 writes inline: image size and float, text alignment, table borders;
# each property with the values its grammar allows (richtext/styles.py).
ALLOWED_STYLE_PROPERTIES = styles.ALLOWED_PROPERTIES

URL_SCHEMES = {"http", "https", "mailto", "tel"}

_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return styles.clean_style(value)
    if attribute in {"width", "height", "colspan", "rowspan", "span", "start", "border"}:
        return value if value.strip().rstrip("%").isdigit() else None
    return value


@functools.cache
def _cleaner():
    # nh3 (1.6 MB) is loaded by the first save, not by every worker that only reads
    # (docs/performance.md, "Worker memory").
    import nh3

    return nh3.Cleaner(
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
    """Sanitize editor HTML to the portal's allowlist. Idempotent; text is stored in NFC."""
    if isinstance(value, CleanHTML):
        return value
    return CleanHTML(_cleaner().clean(vntext.normalize(value or "")).strip())


def html_to_text(value: str) -> str:
    """The readable text of (clean) HTML, for search and meta descriptions."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", value or ""))).strip()


def feed_text(value: str) -> str:
    """Plain text for a feed element that readers render as HTML (title, description).

    Escaped for HTML here, then for XML by the syndication framework: a title holding
    `<img onerror=...>` is shown as those characters, never run (docs/security.md).
    Control characters, which XML 1.0 has no place for, are dropped first.
    """
    return escape(vntext.normalize(value))
