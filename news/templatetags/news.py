from django import template

from news import inbox, search, workflow

register = template.Library()


@register.filter
def highlight(text, query):
    """{{ article.title|highlight:query }}: the words that matched in <mark>, the rest escaped."""
    return search.highlight(text or "", query)


@register.filter
def web_url(value):
    """The address if it is http(s), else "": no javascript: link from imported data."""
    return value if str(value).lower().startswith(("http://", "https://")) else ""


@register.simple_tag(takes_context=True)
def editorial_todo(context):
    """For the admin index: whether the user works on articles, and how many wait for them."""
    user = context["request"].user
    shown = workflow.can_create(user) or workflow.can_review(user)
    return {"shown": shown, "count": inbox.count_for(user) if shown else 0}
