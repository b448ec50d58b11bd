"""The site's template library: `{% load portal %}`.

The date filters are those of `vntext` (`{% load vndates %}` in other apps' templates).
"""

from django import template

from vntext.templatetags import vndates

register = template.Library()

for _name in ("article_datetime", "long_date", "short_date", "weekday_name"):
    register.filter(_name, getattr(vndates, _name))
register.simple_tag(vndates.today_long, name="today_long")
