from django import template
from django.utils import timezone

from portal import dates

register = template.Library()


@register.filter
def article_datetime(value):
    """{{ article.published_at|article_datetime }} → "8:43, Thứ Hai, 18-10-2021"."""
    return dates.article_datetime(value) if value else ""


@register.filter
def long_date(value):
    return dates.long_date(value) if value else ""


@register.filter
def short_date(value):
    return dates.short_date(value) if value else ""


@register.simple_tag
def today_long():
    """Today in the portal's zone, for the header: "Thứ Sáu, 27/11/2026"."""
    return dates.long_date(timezone.localdate())
