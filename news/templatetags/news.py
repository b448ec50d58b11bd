from django import template
from django.utils.html import conditional_escape
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


# A category page's two lists of the menu, written here rather than by two template loops
# over every menu item (docs/performance.md, "The category page in Python").
_ACTIVE, _CURRENT = " is-active", ' aria-current="page"'


@register.simple_tag
def category_subnav(main_menu, category, top_category):
    """The links to `top_category` ("Tất cả") and its sub-categories, `category` marked."""
    item = next((item for item in main_menu if item.pk == top_category.pk), None)
    if item is None or not item.menu_children:
        return ""
    links = [_subnav_link(item, "Tất cả", category)]
    links += [_subnav_link(child, child.name, category) for child in item.menu_children]
    return mark_safe(
        '<nav class="subnav" aria-label="Chuyên mục con">\n'
        + "".join(f"  {link}\n" for link in links)
        + "</nav>"
    )


def _subnav_link(item, text, category) -> str:
    current = item.pk == category.pk
    return (
        f'<a class="subnav__link{_ACTIVE if current else ""}"'
        f' href="{conditional_escape(item.get_absolute_url())}"'
        f"{_CURRENT if current else ''}>{conditional_escape(text)}</a>"
    )


@register.simple_tag
def category_links(main_menu, category):
    """The menu's categories as list items, `category` marked."""
    return mark_safe(
        "\n".join(
            f'<li><a href="{conditional_escape(item.get_absolute_url())}"'
            f"{_CURRENT if item.pk == category.pk else ''}>"
            f"{conditional_escape(item.name)}</a></li>"
            for item in main_menu
            if item.is_category
        )
    )


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
