from django import template

register = template.Library()


@register.filter
def thousands(value):
    """4989 → "4.989": Vietnamese groups thousands with dots."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


@register.filter
def initials(full_name):
    """ "Đỗ Thị Lý" → "ĐL": for the placeholder portrait of a cadre without a photo."""
    words = (full_name or "").split()
    if not words:
        return ""
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()
