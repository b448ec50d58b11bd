"""What changed between two versions of an article, word by word, for the revision view."""

import difflib
import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from richtext.sanitize import html_to_text

_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|figcaption|caption|td|th|tr|div|pre|dt|dd)>|<br\s*/?>",
    re.IGNORECASE,
)
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_WORDS = re.compile(r"\S+\s*")


def _image_marker(match: re.Match) -> str:
    alt = _ALT.search(match.group(0))
    label = html.unescape(alt.group(2)).strip() if alt else ""
    return f"\n[Ảnh{': ' + label if label else ''}]\n"


def text_blocks(value: str) -> list[str]:
    """The readable paragraphs of (clean) HTML; images become "[Ảnh: alt]"."""
    value = _BLOCK_END.sub("\n", _IMAGE.sub(_image_marker, value or ""))
    return [line for line in (html_to_text(part) for part in value.split("\n")) if line]


def diff_words(old: str, new: str) -> SafeString:
    """`new`, with words removed from `old` in <del> and words added in <ins>."""
    old_words, new_words = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(new_words[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # every piece is escaped above


def diff_blocks(old_html: str, new_html: str) -> list[tuple[str, SafeString]]:
    """Paragraph by paragraph: ("equal" | "changed" | "removed" | "added", marked-up text)."""
    old, new = text_blocks(old_html), text_blocks(new_html)
    rows = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [("equal", escape(line)) for line in new[j1:j2]]
        elif tag == "replace":
            for old_line, new_line in zip(old[i1:i2], new[j1:j2], strict=False):
                rows.append(("changed", diff_words(old_line, new_line)))
            rows += [("removed", escape(line)) for line in old[i1 + (j2 - j1) : i2]]
            rows += [("added", escape(line)) for line in new[j1 + (i2 - i1) : j2]]
        elif tag == "delete":
            rows += [("removed", escape(line)) for line in old[i1:i2]]
        else:
            rows += [("added", escape(line)) for line in new[j1:j2]]
    return rows
