from django import template

from news.royalties import exports

register = template.Library()


@register.filter
def money(value) -> str:
    """1234567 → "1.234.567"."""
    return exports.money(value) if value not in (None, "") else ""


@register.filter
def coefficient(value) -> str:
    """Decimal("2.50") → "2,5"."""
    return exports.coefficient(value) if value not in (None, "") else ""
