"""The old home of the Vietnamese date formats, kept so existing imports work.

They live in `vntext.dates` now, where every app may use them (docs/architecture.md).
"""

from vntext.dates import WEEKDAYS, article_datetime, long_date, short_date, weekday_name

__all__ = ["WEEKDAYS", "article_datetime", "long_date", "short_date", "weekday_name"]
