"""Template filters for the Vietnamese date formats of `vntext.dates`.

`{% load vndates %}` in any app's template; `{% load portal %}` offers the same filters.
"""

from datetime import datetime

from django import template
from django.utils import timezone

from vntext import dates

register = template.Library()


@register.filter
def article_datetime(value):
    """{{ article.published_at|article_datetime }} → "8:43, Thứ Hai, 18-10-2021"."""
    return dates.article_datetime(value) if value else ""


@register.filter
def long_date(value):
    """{{ day|long_date }} → "Thứ Sáu, 27/11/2026"."""
    return dates.long_date(value) if value else ""


@register.filter
def short_date(value):
    """{{ day|short_date }} → "27/11/2026"."""
    return dates.short_date(value) if value else ""


@register.filter
def weekday_name(value):
    """{{ day|weekday_name }} → "Thứ Hai"."""
    if not value:
        return ""
    return dates.weekday_name(timezone.localtime(value) if isinstance(value, datetime) else value)


@register.simple_tag
def today_long():
    """Today in the portal's zone, for the header: "Thứ Sáu, 27/11/2026"."""
    return dates.long_date(timezone.localdate())
