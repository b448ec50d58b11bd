import html
import re

from django import template

register = template.Library()

_BREAK = re.compile(r"<\s*(br|/p|/li|/h\d|/blockquote|/tr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")


@register.filter
def as_plain_text(value: str) -> str:
    """Clean answer HTML as the text of an e-mail: paragraphs kept, tags gone."""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n\n", value or "")))
    return _BLANK_LINES.sub("\n\n", text).strip()
