"""“Việc cần làm”: the articles waiting for someone, in the admin and in the morning digest.

For a reviewer, the articles submitted in the categories of their desk, oldest first; for
a writer, their articles sent back, with the reason. The same lists feed the admin page
(`ArticleAdmin.inbox_view`), the count on the admin index and `send_digests`, the
`run_periodic` job that mails the editors who chose one e-mail a morning (docs/editors.md).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from news import notifications, workflow
from news.editors import EditorProfile, category_scope
from news.models import Article, ArticleTransition

logger = logging.getLogger(__name__)

Status = Article.Status


def _last_move(to_status: str, field: str):
    return Subquery(
        ArticleTransition.objects.filter(article=OuterRef("pk"), to_status=to_status)
        .order_by("-created_at", "-pk")
        .values(field)[:1]
    )


def _listed(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("category", "created_by").only(
        "id",
        "title",
        "status",
        "version",
        "author_name",
        "updated_at",
        "category__id",
        "category__name",
        "category__short_name",
        "created_by__id",
        "created_by__username",
        "created_by__first_name",
        "created_by__last_name",
    )


def waiting_for_review(user) -> QuerySet:
    """Pending articles `user` may approve, the longest waiting first."""
    if not workflow.can_review(user):
        return Article.objects.none()
    queryset = Article.objects.filter(status=Status.PENDING)
    scope = category_scope(user)
    if scope is not None:
        queryset = queryset.filter(category__in=scope)
    return (
        _listed(queryset)
        .annotate(submitted_at=_last_move(Status.PENDING, "created_at"))
        .order_by("submitted_at", "pk")
    )


def sent_back_to(user) -> QuerySet:
    """`user`'s own articles sent back for changes, with the reason, the latest first."""
    if not user.is_authenticated:
        return Article.objects.none()
    return (
        _listed(Article.objects.filter(status=Status.REJECTED, created_by=user.pk))
        .annotate(
            rejected_at=_last_move(Status.REJECTED, "created_at"),
            rejection_note=_last_move(Status.REJECTED, "note"),
        )
        .order_by("-rejected_at", "-pk")
    )


def count_for(user) -> int:
    """How many articles wait for `user` (the admin index's “Việc cần làm”)."""
    return waiting_for_review(user).count() + sent_back_to(user).count()


def send_digests() -> int:
    """Mail each editor who chose the morning digest the articles waiting for them.

    Once a day per editor, from NEWS_DIGEST_HOUR (7:00 unless set) in the portal's time
    zone; safe to run every few minutes: the day is claimed with one UPDATE before the
    e-mail is queued, in one transaction. Returns the number of digests queued.
    """
    now = timezone.localtime()
    if now.hour < getattr(settings, "NEWS_DIGEST_HOUR", 7):
        return 0
    today = now.date()
    not_yet = Q(digest_sent_on__isnull=True) | Q(digest_sent_on__lt=today)
    due = EditorProfile.objects.filter(not_yet, notify=EditorProfile.Notify.DAILY).filter(
        user__is_active=True
    )
    sent = 0
    for profile in due.select_related("user"):
        with transaction.atomic():
            if not EditorProfile.objects.filter(not_yet, pk=profile.pk).update(
                digest_sent_on=today
            ):
                continue  # another run took it
            user = profile.user
            articles = list(waiting_for_review(user))
            to = notifications.valid_addresses([user])
            if not articles or not to:
                continue
            for article in articles:
                article.admin_url = notifications.absolute(
                    reverse("admin:news_article_change", args=[article.pk])
                )
            notifications.send("digest", to=to, articles=articles, today=today)
            sent += 1
    return sent
