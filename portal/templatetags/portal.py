"""The site's template library: `{% load portal %}`.

The date filters are those of `vntext` (`{% load vndates %}` in other apps' templates).
"""

from django import template

from vntext.templatetags import vndates

register = template.Library()

for _name in ("article_datetime", "long_date", "short_date", "weekday_name"):
    register.filter(_name, getattr(vndates, _name))
register.simple_tag(vndates.today_long, name="today_long")


@register.filter
def display_name(user) -> str:
    """{{ entry.actor|display_name }}: a staff member's full name, else the login name."""
    if not user:
        return ""
    return user.get_full_name() or user.get_username()
