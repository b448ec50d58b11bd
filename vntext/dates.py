"""Vietnamese dates the way the portal's readers know them.

Django's Vietnamese locale writes weekdays as "Thứ 2"; party portals write "Thứ Hai",
so the table is our own. Times are shown in the portal's zone (Asia/Ho_Chi_Minh).
"""

from datetime import date, datetime

from django.utils import timezone

# Monday is 0, as in date.weekday().
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def weekday_name(value: date) -> str:
    return WEEKDAYS[value.weekday()]


def article_datetime(value: datetime) -> str:
    """Format as 8:43, Thứ Hai, 18-10-2021: 24-hour clock, hour without a leading zero."""
    local = timezone.localtime(value)
    return f"{local.hour}:{local.minute:02d}, {weekday_name(local)}, {local:%d-%m-%Y}"


def long_date(value: date) -> str:
    """Format as Thứ Sáu, 27/11/2026, as in the header."""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return f"{weekday_name(value)}, {value:%d/%m/%Y}"


def short_date(value: date) -> str:
    """Format as 18/10/2021, for lists and cards."""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return f"{value:%d/%m/%Y}"
