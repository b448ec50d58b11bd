"""The audit trail: who did what, when, across every app's own records (docs/audit.md).

Apps keep their history in their own tables (article transitions, organization
events, the admin's LogEntry...). Each declares a `Source` in a module `<app>/audit.py`
(found at start-up, like `admin.py`): a queryset annotated with the common columns
below. The admin page "Nhật ký thao tác" reads them all as one UNION, filtered,
merged by time and paginated (audittrail.trail.Merged).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, CharField, Value, When
from django.db.models.functions import Cast, Concat

# Every source's rows have these; the page adds `source` (the Source's name).
COLUMNS = ("at", "who", "what", "target", "target_ref", "detail")


@dataclass(frozen=True)
class Source:
    """One kind of record: `rows()` returns a queryset annotated with COLUMNS but `source`."""

    name: str
    label: str
    rows: Callable


_sources: dict[str, Source] = {}


def register(source: Source) -> Source:
    _sources[source.name] = source
    return source


def sources() -> list[Source]:
    return list(_sources.values())


def text(value: str) -> Value:
    return Value(value, output_field=CharField())


def ref(prefix: str, field: str) -> Concat:
    """`prefix:pk` as text, the same shape in every source ("news.article:12")."""
    return Concat(text(f"{prefix}:"), Cast(field, CharField()), output_field=CharField())


def choice_label(field: str, choices) -> Case:
    """A choice field's Vietnamese label, computed in SQL."""
    return Case(
        *[When(**{field: value}, then=text(str(label))) for value, label in choices],
        default=Cast(field, CharField()),
        output_field=CharField(),
    )
