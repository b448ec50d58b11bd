"""The site's template library: `{% load portal %}`.

The date filters are those of `vntext` (`{% load vndates %}` in other apps' templates).
"""

from django import template
from django.utils.safestring import mark_safe

from portal import chrome
from vntext import names
from vntext.templatetags import vndates

register = template.Library()

for _name in ("article_datetime", "long_date", "short_date", "weekday_name"):
    register.filter(_name, getattr(vndates, _name))
register.simple_tag(vndates.today_long, name="today_long")


# {{ entry.actor|display_name }}: a staff member's full name, family name first.
register.filter("display_name", names.display_name)


# Shortcut keys (HTML accesskey, TT 32/2017): the numbers of the UK government scheme
# that many public portals follow. Each key is used once per page.
SHORTCUTS = {
    "home": ("1", "Trang chủ"),
    "site_map": ("3", "Sơ đồ trang"),
    "search": ("4", "Ô tìm kiếm"),
    "accessibility": ("0", "Trợ giúp tiếp cận"),
}


@register.simple_tag
def accesskey(name):
    """`accesskey="{% accesskey 'home' %}"`: the one place the keys are defined."""
    return SHORTCUTS[name][0]


@register.filter
def nav_mark(item):
    """In includes/nav.html: where `item` (a menu item, or "home") may be marked current."""
    return mark_safe(chrome.nav_mark(item))


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The main menu of the chrome, with the page's category or section marked."""
    return mark_safe(chrome.main_nav(context["request"], context.get("active_category_slug")))


@register.simple_tag(takes_context=True)
def site_header(context):
    """The header of the chrome; on a search page, its box holds the reader's words."""
    return mark_safe(chrome.site_header(context["request"], context.get("search_query") or ""))
