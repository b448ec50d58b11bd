"""Primary keys from a request, checked against what the database column can hold.

`filter(pk__in=["abc"])` raises ValueError and, on SQLite, a 20-digit number raises
OverflowError while the query runs: both became 500s in the admin. Checking the values
once, before any query, turns them into a refusal the caller words.
"""

from django.core.exceptions import ValidationError
from django.db import connections, router

INVALID_IDS_MESSAGE = "Mã đối tượng không hợp lệ: yêu cầu đã bị bỏ qua, không có gì thay đổi."


def object_ids(model, values) -> list | None:
    """`values` as primary keys of `model`, or None when any of them is not a valid one."""
    field = model._meta.pk
    while field.is_relation:  # a one-to-one primary key holds the target's keys
        field = field.target_field
    connection = connections[router.db_for_read(model)]
    bounds = connection.ops.integer_field_ranges.get(field.get_internal_type())
    ids = []
    for value in values:
        try:
            pk = field.to_python(value)
        except (ValidationError, TypeError, ValueError):
            return None
        if pk is None or pk == "":
            return None
        if bounds and not (
            (bounds[0] is None or bounds[0] <= pk) and (bounds[1] is None or pk <= bounds[1])
        ):
            return None
        ids.append(pk)
    return ids
