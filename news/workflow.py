"""The editorial workflow: who may do what to an article, and the functions that do it.

The roles table of docs/architecture.md, enforced on the server:

- a Phóng viên (author: `add_article`, `change_article`) writes, edits and submits their
  own drafts and rejected articles, and sees their own articles in every status;
- a Biên tập viên (editor: also `change_others_article` and `publish_article`) edits
  any article, approves, rejects and unpublishes; editing a published article is
  allowed and logged. An editor limited to some categories (`news.editors`) does so
  only in those; elsewhere they are an author like any other (docs/editors.md);
- only superusers delete (the admin asks `can_delete`); editors unpublish.

Every status change goes through `perform(transition, ...)`, used by the admin, views
and tests alike (the named functions, `submit_article` and the others, are one-line
wrappers): keyword-only, in one transaction, on a row locked with `select_for_update`,
checked with `full_clean()`, recorded as an `ArticleTransition`, bumping `version` so
that a form opened before the change cannot silently overwrite it, and queueing the
e-mails of `news.notifications` (sent once the transaction commits). Every function
here returns the caller's `article`, updated to what was stored. Edits go through
`save_article`, which refuses a stale `version` and keeps the replaced title, sapo and
body as an `ArticleRevision`. The plain ORM stays usable for fixtures and imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from news import notifications
from news.editors import category_scope, covers
from news.models import Article, ArticleRevision, ArticleTransition
from pagecache import content_changed
from recording import stored_on
from richtext.sanitize import clean_html
from vntext.names import display_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser

Status = Article.Status

ADD = "news.add_article"
CHANGE = "news.change_article"
VIEW = "news.view_article"
CHANGE_OTHERS = "news.change_others_article"
PUBLISH = "news.publish_article"

# What an author may still change: their work before review, or after it was sent back.
AUTHOR_EDITABLE = frozenset({Status.DRAFT, Status.REJECTED})
CONTENT_FIELDS = ("title", "sapo", "body")
OUTSIDE_DESK = "Bạn chỉ chuyển bài của người khác sang các chuyên mục mình phụ trách."


class TransitionNotAllowed(Exception):
    """The article is not in a status the requested transition starts from."""


class EditConflict(Exception):
    """Someone saved the article after the editor opened it (optimistic locking)."""

    def __init__(self, current: Article):
        self.current = current
        who, when = last_change(current)
        who = who or "một người khác"
        when = f" lúc {timezone.localtime(when):%H:%M %d/%m/%Y}" if when else ""
        super().__init__(
            f"Trong lúc bạn sửa, {who} đã lưu bài này{when} (nay là phiên bản "
            f"{current.version}), nên bản của bạn chưa được lưu."
        )


# --- who may do what -----------------------------------------------------------------


def _is_own(user: Actor, article: Article) -> bool:
    return user.pk is not None and article.created_by_id == user.pk


def is_editor(user: Actor) -> bool:
    """Has the editor's role (Biên tập viên, superusers), in some categories at least."""
    return user.has_perm(CHANGE_OTHERS)


def can_review(user: Actor) -> bool:
    """May approve, reject and unpublish (in the categories they look after)."""
    return user.has_perm(PUBLISH)


def edits_category(user: Actor, category_id: int | None) -> bool:
    """An editor or reviewer whose desk covers `category_id`."""
    return (is_editor(user) or can_review(user)) and covers(user, category_id)


def can_create(user: Actor) -> bool:
    return user.has_perm(ADD)


def can_view(user: Actor, article: Article) -> bool:
    if edits_category(user, article.category_id):
        return True
    return (user.has_perm(VIEW) or user.has_perm(CHANGE)) and _is_own(user, article)


def can_edit(user: Actor, article: Article) -> bool:
    if article._state.adding:
        return can_create(user)
    if not user.has_perm(CHANGE):
        return False
    if article.status == Status.PUBLISHED:
        # The roles table: editing a published article is for editors, and logged.
        return can_review(user) and covers(user, article.category_id)
    if is_editor(user) and covers(user, article.category_id):
        return True
    return _is_own(user, article) and article.status in AUTHOR_EDITABLE


def may_file_under(user: Actor, article: Article, category_id: int | None) -> bool:
    """Whether `user` may give `article` this category: anything for their own articles
    (a writer files where the story belongs), only their categories for others'."""
    return article._state.adding or _is_own(user, article) or covers(user, category_id)


def can_edit_publishing(user: Actor, article: Article | None = None) -> bool:
    """May set the publication time (scheduling) and the featured flag (of `article`)."""
    return can_review(user) and (article is None or covers(user, article.category_id))


def can_delete(user: Actor) -> bool:
    """Archival duty: nothing published is hard-deleted, except by a superuser."""
    return user.is_active and user.is_superuser


def visible_articles(user: Actor, queryset: QuerySet | None = None) -> QuerySet:
    """The articles `user` may open in the admin: those of an editor's categories (all,
    unless limited) and, for everyone with the author's rights, their own."""
    queryset = Article.objects.all() if queryset is None else queryset
    if is_editor(user) or can_review(user):
        scope = category_scope(user)
        if scope is None:
            return queryset
        return queryset.filter(Q(category__in=scope) | Q(created_by=user.pk))
    if user.has_perm(VIEW) or user.has_perm(CHANGE):
        return queryset.filter(created_by=user.pk)
    return queryset.none()


def _may_submit(user: Actor, article: Article) -> bool:
    return user.has_perm(CHANGE) and (
        (is_editor(user) and covers(user, article.category_id)) or _is_own(user, article)
    )


def _may_review(user: Actor, article: Article) -> bool:
    return can_review(user) and covers(user, article.category_id)


# --- transitions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # the button: "Gửi duyệt"
    verb: str  # in sentences: "gửi duyệt"
    sources: frozenset[str]
    target: str
    allowed: Callable[[Actor, Article], bool]  # status aside
    needs_reason: bool = False

    def is_available(self, user: Actor, article: Article) -> bool:
        return article.status in self.sources and self.allowed(user, article)


SUBMIT = Transition(
    "submit", "Gửi duyệt", "gửi duyệt", frozenset({Status.DRAFT}), Status.PENDING, _may_submit
)
RESUBMIT = Transition(
    "resubmit",
    "Gửi duyệt lại",
    "gửi duyệt lại",
    frozenset({Status.REJECTED}),
    Status.PENDING,
    _may_submit,
)
APPROVE = Transition(
    "approve",
    "Duyệt và xuất bản",
    "duyệt và xuất bản",
    frozenset({Status.PENDING}),
    Status.PUBLISHED,
    _may_review,
)
REJECT = Transition(
    "reject",
    "Trả lại",
    "trả lại",
    frozenset({Status.PENDING}),
    Status.REJECTED,
    _may_review,
    needs_reason=True,
)
UNPUBLISH = Transition(
    "unpublish",
    "Gỡ xuống",
    "gỡ xuống",
    frozenset({Status.PUBLISHED}),
    Status.DRAFT,
    _may_review,
)
TRANSITIONS = {t.name: t for t in (SUBMIT, RESUBMIT, APPROVE, REJECT, UNPUBLISH)}


def available_transitions(user: Actor, article: Article) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if t.is_available(user, article)]


@transaction.atomic
def perform(
    transition: Transition,
    *,
    article: Article,
    actor: Actor,
    note: str = "",
    publish_at: datetime | None = None,
    expected_version: int | None = None,
) -> Article:
    """Move `article` along `transition` for `actor`: the one entry point of every status
    change (the admin's actions and buttons, the named functions below, tests).

    Refuses with `PermissionDenied` (the actor may not), `TransitionNotAllowed` (the
    article is not in a status the transition starts from), `ValidationError` (a reason
    is missing) or `EditConflict` (with `expected_version`, the version the editor read,
    when the article changed since). `publish_at` is for approval: a future time
    schedules the article. Returns `article`, updated to the stored row.
    """
    note = (note or "").strip()
    locked = lock_current(article=article, expected_version=expected_version)
    if not transition.allowed(actor, locked):
        raise PermissionDenied(f"Bạn không có quyền {transition.verb} bài “{locked.title}”.")
    if locked.status not in transition.sources:
        raise TransitionNotAllowed(
            f"Không thể {transition.verb} bài “{locked.title}”: bài đang ở trạng thái "
            f"“{locked.get_status_display()}”."
        )
    if transition.needs_reason and not note:
        raise ValidationError({"note": "Hãy ghi lý do để người viết biết cần sửa gì."})
    from_status = locked.status
    locked.status = transition.target
    if transition is APPROVE and publish_at is not None:
        locked.published_at = publish_at
    locked.fill_published_at()
    locked.version += 1
    locked.full_clean()
    locked.save(update_fields=["status", "published_at", "version", "updated_at"])
    ArticleTransition.objects.create(
        article=locked, actor=actor, from_status=from_status, to_status=locked.status, note=note
    )
    content_changed()
    notifications.transition_made(transition.name, article=locked, actor=actor, note=note)
    return stored_on(article, locked, ("status", "published_at", "version", "updated_at"))


def submit_article(*, article: Article, actor: Actor, note: str = "") -> Article:
    """draft → pending: the author (or an editor) sends a draft for review."""
    return perform(SUBMIT, article=article, actor=actor, note=note)


def resubmit_article(*, article: Article, actor: Actor, note: str = "") -> Article:
    """rejected → pending: sent for review again after editing."""
    return perform(RESUBMIT, article=article, actor=actor, note=note)


def approve_article(
    *,
    article: Article,
    actor: Actor,
    note: str = "",
    publish_at: datetime | None = None,
    expected_version: int | None = None,
) -> Article:
    """pending → published; a future `publish_at` (or `published_at`) schedules it."""
    return perform(
        APPROVE,
        article=article,
        actor=actor,
        note=note,
        publish_at=publish_at,
        expected_version=expected_version,
    )


def reject_article(*, article: Article, actor: Actor, reason: str) -> Article:
    """pending → rejected, with the reason the author reads on the article page."""
    return perform(REJECT, article=article, actor=actor, note=reason)


def unpublish_article(*, article: Article, actor: Actor, note: str = "") -> Article:
    """published → draft: off the public site, kept in the archive (never deleted)."""
    return perform(UNPUBLISH, article=article, actor=actor, note=note)


# --- saving edits ---------------------------------------------------------------------


def last_change(article: Article) -> tuple[str, datetime | None]:
    """Who last saved or moved `article`, and when, from the revision and transition logs."""
    events = [
        (revision.created_at, revision.created_by)
        for revision in article.revisions.select_related("created_by")[:1]
    ] + [
        (transition.created_at, transition.actor)
        for transition in article.transitions.select_related("actor")[:1]
    ]
    if not events:
        return "", None
    when, user = max(events, key=lambda event: event[0])
    return display_name(user), when


def lock_current(*, article: Article, expected_version: int | None) -> Article:
    """The stored row, locked until the transaction ends; `EditConflict` if it moved on."""
    current = Article.objects.select_for_update().get(pk=article.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    return current


@transaction.atomic
def save_article(
    *,
    article: Article,
    actor: Actor,
    expected_version: int | None = None,
    changed_fields: Iterable[str] = (),
) -> Article:
    """Save an edit by `actor`: new articles start as drafts they own; existing ones must
    still be at `expected_version` (the one the editor opened), else `EditConflict`.

    Status never changes here (only the transitions change it); the publication time
    and featured flag only for those who may publish in the article's category, and an
    editor limited to some categories gives others' articles only those. The title, sapo and body being
    replaced are kept as an `ArticleRevision`; editing a published article is also
    written to the transition log.
    """
    if article._state.adding:
        if not can_create(actor):
            raise PermissionDenied("Bạn không có quyền viết bài.")
        article.created_by = actor
        article.status = Status.DRAFT
        article.version = 1
        if not can_edit_publishing(actor, article):
            article.published_at, article.is_featured = None, False
        article.full_clean()
        article.save()
        content_changed()
        return article

    current = lock_current(article=article, expected_version=expected_version)
    if not can_edit(actor, current):
        raise PermissionDenied(f"Bạn không có quyền sửa bài “{current.title}”.")
    if not may_file_under(actor, current, article.category_id):
        raise PermissionDenied(OUTSIDE_DESK)
    article.status = current.status
    article.created_by_id = current.created_by_id
    article.view_count = current.view_count
    if not can_edit_publishing(actor, current):
        article.published_at, article.is_featured = current.published_at, current.is_featured
    article.body = clean_html(article.body)
    changed_content = [
        name for name in CONTENT_FIELDS if getattr(article, name) != getattr(current, name)
    ]
    if changed_content:
        ArticleRevision.objects.create(
            article=current,
            version=current.version,
            title=current.title,
            sapo=current.sapo,
            body=current.body,
            created_by=actor,
        )
    labels = _field_labels([*changed_fields, *changed_content])
    if current.status == Status.PUBLISHED and labels:
        ArticleTransition.objects.create(
            article=current,
            actor=actor,
            from_status=Status.PUBLISHED,
            to_status=Status.PUBLISHED,
            note=f"Sửa bài đang xuất bản: {', '.join(labels)}.",
        )
    article.version = current.version + 1
    article.fill_published_at()
    article.full_clean()
    article.save()
    content_changed()
    return article


def _field_labels(names: Iterable[str]) -> list[str]:
    fields = {f.name: f for f in [*Article._meta.fields, *Article._meta.many_to_many]}
    return [str(fields[name].verbose_name) for name in dict.fromkeys(names) if name in fields]


@transaction.atomic
def restore_revision(
    *, revision: ArticleRevision, actor: Actor, expected_version: int | None = None
) -> Article:
    """Bring back the title, sapo and body of `revision`: a save like any other, so the
    text it replaces becomes a revision in turn."""
    article = Article.objects.get(pk=revision.article_id)
    article.title, article.sapo, article.body = revision.title, revision.sapo, revision.body
    return save_article(
        article=article,
        actor=actor,
        expected_version=expected_version,
        changed_fields=CONTENT_FIELDS,
    )


def latest_rejection(article: Article) -> ArticleTransition | None:
    """The transition that sent `article` back, while it is still rejected."""
    if article.status != Status.REJECTED:
        return None
    return (
        article.transitions.filter(to_status=Status.REJECTED)
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
