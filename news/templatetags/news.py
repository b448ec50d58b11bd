from django import template
from django.utils.safestring import mark_safe

from news import cards, inbox, search, workflow

register = template.Library()


# One tag per kind of card (news/cards.py): `{% article_card article level=2 large=True %}`.
@register.simple_tag
def article_card(article, level=3, large=False, sizes="", show_category=False, query=None):
    return mark_safe(
        cards.card(
            article,
            level=level,
            large=large,
            sizes=sizes,
            show_category=show_category,
            query=query,
        )
    )


@register.simple_tag
def article_item(article):
    return mark_safe(cards.item(article))


@register.simple_tag
def article_thumb(article, level=3):
    return mark_safe(cards.thumb(article, level=level))


@register.simple_tag
def article_latest(article):
    return mark_safe(cards.latest(article))


@register.simple_tag
def article_lead(article):
    return mark_safe(cards.lead(article))


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
