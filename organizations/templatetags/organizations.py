from django import template

register = template.Library()


@register.filter
def initials(full_name):
    """ "Đỗ Thị Lý" → "ĐL": for the placeholder portrait of a cadre without a photo."""
    words = (full_name or "").split()
    if not words:
        return ""
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()
