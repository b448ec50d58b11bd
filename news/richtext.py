"""Old home of the rich-text field, kept because migration 0001 names `news.richtext`.

Everything moved to the `richtext` library (docs/rich-text.md); import from there.
"""

from richtext.fields import EditorFormField, EditorWidget, RichTextField
from richtext.sanitize import CleanHTML, clean_html, html_to_text

__all__ = [
    "CleanHTML",
    "EditorFormField",
    "EditorWidget",
    "RichTextField",
    "clean_html",
    "html_to_text",
]
