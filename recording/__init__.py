"""Who did what: the user field of every record, and the locked write that the
publishing workflows share (docs/architecture.md, "Workflows").

A library: it imports no app. `user_field` declares the "who" of a record (a transition,
a revision, an event); `recorded_user` is what such a field is given; `stored_on` gives
the caller's instance the values just stored; `apply_change` is the whole locked write
of a workflow step whose rules the app checked first (documents, gallery).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.db import models

from pagecache import content_changed


def user_field(verbose_name: str, **options) -> models.ForeignKey:
    """Who did it: a user, kept as NULL when the account is removed, with no reverse
    accessor (`related_name="+"`). `options` add `blank`, `editable`, `help_text`."""
    options.setdefault("related_name", "+")
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        **options,
    )


def recorded_user(actor):
    """The user a record names: None for the public, the demo and scripts (no account)."""
    return actor if actor is not None and actor.pk else None


def stored_on(caller: models.Model, stored: models.Model, names: Iterable[str]):
    """The caller's instance takes the values of `names` from the row just stored, the
    convention of every workflow (no second query). Returns `caller`."""
    for name in names:
        setattr(caller, name, getattr(stored, name))
    return caller


def apply_change(
    item: models.Model,
    changes: Mapping[str, object],
    *,
    fields: Iterable[str],
    record: Callable[[models.Model], object],
) -> models.Model:
    """Lock `item`'s row, set `changes`, validate, save `fields`, `record(locked)` the step,
    move the page cache on commit and give the caller's instance the stored values.

    Call it inside the step's transaction, after the app's own checks (permission,
    status). Returns the locked row.
    """
    fields = list(fields)
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save(update_fields=fields)
    record(locked)
    content_changed()
    stored_on(item, locked, fields)
    return locked
