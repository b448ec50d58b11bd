"""Vietnamese formats on top of Django's own `vi` locale.

Django's `vi` locale defines no input formats, so forms fell back to the US
"%m/%d/%Y": "05/01/2027" typed in the admin meant 1 May. Vietnamese write day first.
"""

from django.conf.locale.vi.formats import *  # noqa: F403

FIRST_DAY_OF_WEEK = 1  # Monday
# Django's vi locale has "." as thousand separator but groups nothing: 4.989 đảng viên.
NUMBER_GROUPING = 3
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%Hg%M", "%Hh%M"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d",
]
