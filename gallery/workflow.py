"""Who may publish albums and videos, and the functions that do it.

The roles (docs/gallery.md, "Roles"): a Phóng viên uploads albums, photos and videos and
edits them while unpublished; a Biên tập viên (`gallery.publish_album`,
`gallery.publish_video`) publishes and takes down, and alone edits what is published. Publishing needs at least one photo, each with
its alt text. Like the news and documents workflows: keyword-only functions in one
transaction, on a row locked with `select_for_update`, checked with `full_clean()`,
recorded (`gallery.Transition`, read by the audit trail), returning the locked row and
updating the caller's instance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gallery.models import Album, Transition, Video
from recording import apply_change, recorded_user

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser

PUBLISH_ALBUM = "gallery.publish_album"
PUBLISH_VIDEO = "gallery.publish_video"
STATE_FIELDS = ("status", "published_at", "updated_at")


def can_publish(user: Actor, model=Album) -> bool:
    return user.has_perm(PUBLISH_VIDEO if model is Video else PUBLISH_ALBUM)


def can_edit(user: Actor, item) -> bool:
    """Unpublished: whoever may change the model; published: editors only."""
    opts = item._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    return item.pk is None or not item.is_published() or can_publish(user, type(item))


def missing_alt(album: Album) -> list[int]:
    """Positions (1, 2...) of the album's photos that have no alt text."""
    return [
        n
        for n, alt in enumerate(album.photos.values_list("alt", flat=True), start=1)
        if not alt.strip()
    ]


def _apply(item, actor: Actor, changes: dict, action: str, *, skip_permission_checks=False):
    if not skip_permission_checks and not can_publish(actor, type(item)):
        raise PermissionDenied("Chỉ Biên tập viên mới xuất bản hoặc gỡ được.")

    def record(locked):
        Transition.objects.create(
            **{locked._meta.model_name: locked}, action=action, actor=recorded_user(actor)
        )

    return apply_change(item, changes, fields=STATE_FIELDS, record=record)


@transaction.atomic
def publish_album(*, album: Album, actor: Actor, skip_permission_checks=False) -> Album:
    """draft → published: the album shows on /thu-vien-anh/, feeds and the sitemap.

    `skip_permission_checks` is for the demo and imports, which say so by name.
    """
    if album.is_published():
        return album
    if not album.photos.exists():
        raise ValidationError("Album chưa có ảnh nào: hãy tải ảnh lên trước khi xuất bản.")
    missing = missing_alt(album)
    if missing:
        listed = ", ".join(map(str, missing[:10])) + ("…" if len(missing) > 10 else "")
        raise ValidationError(
            f"Còn {len(missing)} ảnh chưa có mô tả (alt): ảnh số {listed}. "
            "Hãy viết mô tả cho từng ảnh rồi xuất bản."
        )
    return _apply(
        album,
        actor,
        {"status": Album.Status.PUBLISHED, "published_at": album.published_at or timezone.now()},
        Transition.Action.PUBLISHED,
        skip_permission_checks=skip_permission_checks,
    )


@transaction.atomic
def unpublish_album(*, album: Album, actor: Actor) -> Album:
    """published → draft: gone from the public pages, kept in the admin."""
    if not album.is_published():
        return album
    return _apply(album, actor, {"status": Album.Status.DRAFT}, Transition.Action.UNPUBLISHED)


@transaction.atomic
def publish_video(*, video: Video, actor: Actor, skip_permission_checks=False) -> Video:
    """draft → published: the video shows on /video/, its feed and the sitemap."""
    if video.is_published():
        return video
    return _apply(
        video,
        actor,
        {"status": Video.Status.PUBLISHED, "published_at": video.published_at or timezone.now()},
        Transition.Action.PUBLISHED,
        skip_permission_checks=skip_permission_checks,
    )


@transaction.atomic
def unpublish_video(*, video: Video, actor: Actor) -> Video:
    if not video.is_published():
        return video
    return _apply(video, actor, {"status": Video.Status.DRAFT}, Transition.Action.UNPUBLISHED)
