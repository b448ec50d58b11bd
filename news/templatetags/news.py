from django import template

from news import search

register = template.Library()


@register.filter
def highlight(text, query):
    """{{ article.title|highlight:query }}: the words that matched in <mark>, the rest escaped."""
    return search.highlight(text or "", query)


@register.filter
def web_url(value):
    """The address if it is http(s), else "": no javascript: link from imported data."""
    return value if str(value).lower().startswith(("http://", "https://")) else ""
