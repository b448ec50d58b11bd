"""Publishing a week of the schedule: one function per action, permission checked here.

The Văn phòng (group "Văn phòng", permission `schedule.publish_week`) drafts a week and
publishes it whole; the admin, the demo and the tests call these same functions. An
entry saved after its week was published is marked "Điều chỉnh" by `save_entries`.
Callers that must skip the permission check (the demo) say so with
`skip_permission_checks=True`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pagecache import content_changed
from schedule.models import Entry, Week

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser | None

PUBLISH = "schedule.publish_week"


def can_publish(user: Actor) -> bool:
    return user is not None and user.has_perm(PUBLISH)


def _check(actor: Actor, skip_permission_checks: bool, verb: str) -> None:
    if not skip_permission_checks and not can_publish(actor):
        raise PermissionDenied(f"Bạn không có quyền {verb} lịch công tác tuần.")


@transaction.atomic
def publish_week(*, week: Week, actor: Actor, skip_permission_checks: bool = False) -> Week:
    """draft → published: the whole week becomes public at once."""
    _check(actor, skip_permission_checks, "công bố")
    locked = Week.objects.select_for_update().get(pk=week.pk)
    if locked.is_published():
        return locked
    locked.status = Week.Status.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = actor if actor is not None and actor.pk else None
    locked.full_clean()
    locked.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    content_changed()  # cached pages show the week
    for name in ("status", "published_at", "published_by_id", "updated_at"):
        setattr(week, name, getattr(locked, name))
    return locked


@transaction.atomic
def unpublish_week(*, week: Week, actor: Actor, skip_permission_checks: bool = False) -> Week:
    """published → draft: the week leaves the public pages (its entries are kept)."""
    _check(actor, skip_permission_checks, "gỡ")
    locked = Week.objects.select_for_update().get(pk=week.pk)
    locked.status = Week.Status.DRAFT
    locked.save(update_fields=["status", "updated_at"])
    content_changed()  # cached pages show the week
    for name in ("status", "updated_at"):
        setattr(week, name, getattr(locked, name))
    return locked


def mark_adjusted(*, week: Week, entries: Iterable[Entry]) -> None:
    """Entries of a published week that are being saved: "Điều chỉnh" with the time now."""
    if not week.is_published():
        return
    now = timezone.now()
    for entry in entries:
        entry.adjusted_at = now


@transaction.atomic
def save_entries(*, week: Week, entries: Iterable[Entry]) -> None:
    """Save new or changed entries of `week`, marking them when the week is public."""
    entries = list(entries)
    mark_adjusted(week=week, entries=entries)
    for entry in entries:
        entry.week = week
        entry.full_clean()
        entry.save()
    if week.is_published():
        content_changed()
