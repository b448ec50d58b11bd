import json

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from news import search
from richtext.sanitize import html_to_text

register = template.Library()

# What django.utils.html.json_script escapes: nothing in the data can close the <script>.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def highlight(text, query):
    """{{ article.title|highlight:query }}: the words that matched in <mark>, the rest escaped."""
    return search.highlight(text or "", query)


@register.filter
def web_url(value):
    """The address if it is http(s), else "": no javascript: link from imported data."""
    return value if str(value).lower().startswith(("http://", "https://")) else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """The full address of a path or media URL, for canonical links, feeds and Open Graph."""
    return context["request"].build_absolute_uri(url) if url else ""


@register.simple_tag(takes_context=True)
def share_image_url(context, article=None):
    """The cover of `article`, or the portal's share picture, as an absolute URL for link
    previews (a PNG: Facebook and Zalo show no SVG)."""
    url = article.cover_image.url if article is not None and article.cover_image else None
    return context["request"].build_absolute_uri(url or static("img/share-default.png"))


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    """schema.org NewsArticle as JSON-LD, escaped like json_script (never raw |safe)."""
    request = context["request"]
    site_settings = context.get("site_settings")
    publisher = getattr(site_settings, "owner_name", "") or "Đảng ủy Khối"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.sapo or html_to_text(article.body)[:300],
        "mainEntityOfPage": request.build_absolute_uri(article.get_absolute_url()),
        "articleSection": article.category.name,
        "inLanguage": "vi",
        "publisher": {
            "@type": "Organization",
            "name": publisher,
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/emblem.svg")),
            },
        },
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
        data["dateModified"] = max(article.updated_at, article.published_at).isoformat()
    if article.cover_image:
        data["image"] = [request.build_absolute_uri(article.cover_image.url)]
    if article.author_name:
        data["author"] = {"@type": "Person", "name": article.author_name}
    else:
        data["author"] = {"@type": "Organization", "name": publisher}
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # Safe by construction: <, > and & are \u-escaped, so no tag can open or close.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
