import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from documents.codes import fold_word
from documents.models import Document
from richtext.sanitize import html_to_text
from vntext.query import highlight

register = template.Library()

# What django.utils.html.json_script escapes: nothing in the data can close the <script>.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


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


@register.simple_tag(takes_context=True)
def document_json_ld(context, document, validity):
    """schema.org DigitalDocument as JSON-LD, escaped like json_script (never raw |safe)."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "DigitalDocument",
        "name": f"{document.code} – {document.title}",
        "identifier": document.code,
        "headline": document.title[:110],
        "url": request.build_absolute_uri(document.get_absolute_url()),
        "inLanguage": "vi",
        "genre": document.kind.name,
        "dateCreated": document.issued_on.isoformat(),
        "creativeWorkStatus": Document.Validity(validity).label,
        "author": {"@type": "Organization", "name": document.issuer.name},
        "publisher": {
            "@type": "Organization",
            "name": getattr(context.get("site_settings"), "owner_name", "") or "Đảng ủy Khối",
        },
    }
    if document.summary:
        data["description"] = html_to_text(document.summary)[:300]
    if document.published_at:
        data["datePublished"] = document.published_at.isoformat()
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # Safe by construction: <, > and & are \u-escaped, so no tag can open or close.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
