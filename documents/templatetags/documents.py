from django import template

from documents.codes import fold_word
from documents.models import Document
from vntext.query import highlight

register = template.Library()


@register.filter
def validity_label(code):
    """{{ document.validity_code|validity_label }} → "Còn hiệu lực"."""
    try:
        return Document.Validity(code).label
    except ValueError:
        return ""


@register.filter
def mark_words(text, query):
    """The words of `text` the search matched, in <mark>, whatever their accents or zeros."""
    return highlight(text or "", query, fold_word=fold_word)
