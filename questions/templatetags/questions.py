import html
import re

from django import template
from django.conf import settings

register = template.Library()

_BREAK = re.compile(r"<\s*(br|/p|/li|/h\d|/blockquote|/tr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")
_LINK = re.compile(
    r"<a\b[^>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)')[^>]*>(.*?)</a\s*>",
    re.IGNORECASE | re.DOTALL,
)


def _link_as_text(match) -> str:
    """A link as its text and then its address: a plain-text reader keeps where it led."""
    href = html.unescape(match[1] if match[1] is not None else match[2] or "").strip()
    text = match[3]
    if not href or href.startswith("#"):
        return text
    if href.startswith("/") and not href.startswith("//"):
        href = settings.PORTAL_URL.rstrip("/") + href
    shown = html.unescape(_TAG.sub("", text)).strip()
    if shown in (href, href.removeprefix("mailto:")):
        return text
    return f"{text} ({html.escape(href)})"


@register.filter
def as_plain_text(value: str) -> str:
    """Clean answer HTML as the text of an e-mail: paragraphs kept, tags gone, each link's
    address written after its text."""
    text = _LINK.sub(_link_as_text, value or "")
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n\n", text)))
    return _BLANK_LINES.sub("\n\n", text).strip()
