"""Who may do what to a document, and the functions that publish and withdraw one.

The roles (docs/documents.md, "Roles"): "Quản trị văn bản" registers, edits, publishes
and withdraws documents (`documents.publish_document`); a Biên tập viên sees them and
links them to articles; a Phóng viên does neither. Published documents are archival:
they are withdrawn, with who and why, never deleted (superusers alone delete).

Like the news workflow: keyword-only functions in one transaction, on a row locked
with `select_for_update`, checked with `full_clean()`, written to the admin's history
(`LogEntry`), returning the locked row and updating the caller's instance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from documents.models import Document, DocumentFile, ReplacedFile
from recording import apply_change, recorded_user

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser

PUBLISH = "documents.publish_document"
ADD = "documents.add_document"
CHANGE_PERMISSION = "documents.change_document"
STATE_FIELDS = (
    "status",
    "published_at",
    "withdrawn_at",
    "withdrawn_by",
    "withdrawal_reason",
    "updated_at",
)


def can_publish(user: Actor) -> bool:
    return user.has_perm(PUBLISH)


def can_edit(user: Actor) -> bool:
    return user.has_perm(CHANGE_PERMISSION)


def can_delete(user: Actor) -> bool:
    """Archival duty: only a superuser hard-deletes a document."""
    return user.is_active and user.is_superuser


def _log(actor: Actor, document: Document, message: str) -> None:
    if actor.pk is None:
        return
    LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[document],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


def _apply(document: Document, actor: Actor, changes: dict, message: str) -> Document:
    if not can_publish(actor):
        raise PermissionDenied("Bạn không có quyền công bố hay thu hồi văn bản.")
    return apply_change(
        document, changes, fields=STATE_FIELDS, record=lambda locked: _log(actor, locked, message)
    )


@transaction.atomic
def publish_document(*, document: Document, actor: Actor) -> Document:
    """draft or withdrawn → published: the document shows on the public pages (if public)."""
    if document.status == Document.Status.PUBLISHED:
        return document
    return _apply(
        document,
        actor,
        {
            "status": Document.Status.PUBLISHED,
            "published_at": document.published_at or timezone.now(),
            "withdrawn_at": None,
            "withdrawn_by": None,
            "withdrawal_reason": "",
        },
        "Công bố văn bản.",
    )


@transaction.atomic
def withdraw_document(*, document: Document, actor: Actor, reason: str) -> Document:
    """published → withdrawn: gone from the public pages, kept in the admin with who and why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"withdrawal_reason": "Hãy ghi lý do thu hồi văn bản."})
    if document.status == Document.Status.WITHDRAWN:
        return document
    return _apply(
        document,
        actor,
        {
            "status": Document.Status.WITHDRAWN,
            "withdrawn_at": timezone.now(),
            "withdrawn_by": recorded_user(actor),
            "withdrawal_reason": reason,
        },
        f"Thu hồi văn bản: {reason}",
    )


def keep_replaced_file(*, document_file: DocumentFile, actor: Actor) -> ReplacedFile | None:
    """Before a file row takes a new file: keep the one it had (call before saving it)."""
    if document_file.pk is None:
        return None
    old = DocumentFile.objects.filter(pk=document_file.pk).first()
    if old is None or not old.file or old.file.name == document_file.file.name:
        return None
    return ReplacedFile.objects.create(
        document_file=old,
        file=old.file.name,
        original_name=old.original_name,
        file_type=old.file_type,
        size=old.size,
        replaced_by=recorded_user(actor),
    )
