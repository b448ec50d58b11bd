"""The newsroom's e-mail, written from templates and queued in the outbox (docs/editors.md).

- an article is submitted (or resubmitted): to the editors whose desk covers its category
  and who want one e-mail per article;
- it is sent back: to its writer, with the reason;
- it is approved (published now or scheduled): to its writer.

`news.workflow.perform` calls `transition_made` inside its transaction, so the rows are
written with the change and sent once it commits; a mail server that is down costs the
save nothing, and `run_periodic` retries (docs/outbox.md). Nobody is mailed about what
they did themselves. Editors who chose the morning digest get `news.inbox.send_digests`
instead of the per-article e-mails.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

import outbox
from news.editors import EditorProfile

logger = logging.getLogger(__name__)

REVIEW_PERMISSION = "news.publish_article"
# The backend that knows groups and permissions (the other one is the login throttle).
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def absolute(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def valid_addresses(users) -> list[str]:
    """The users' e-mail addresses that the outbox will accept, once each."""
    addresses = []
    for user in users:
        address = (user.email or "").strip()
        try:
            validate_email(address)
        except ValidationError:
            if address:
                logger.warning("news: user %s has an unusable e-mail address", user.pk)
            continue
        if address not in addresses:
            addresses.append(address)
    return addresses


def send(template: str, *, to: list[str], **context) -> None:
    if not to:
        return
    context = {
        "inbox_url": absolute(reverse("admin:news_article_inbox")),
        **context,
    }
    subject = render_to_string(f"news/email/{template}_subject.txt", context)
    body = render_to_string(f"news/email/{template}.txt", context)
    outbox.enqueue(to=to, subject=" ".join(subject.split()), body=body, topic=f"news.{template}")


def category_editors(category, *, notify: str = EditorProfile.Notify.EACH):
    """Active reviewers whose desk covers `category` (all categories unless limited) and
    who chose `notify`; superusers only when they also hold the editor's role."""
    limited = EditorProfile.categories.through.objects.filter(editorprofile__user=OuterRef("pk"))
    covering = Q(editor_profile__categories=category.pk)
    if category.parent_id:
        covering |= Q(editor_profile__categories=category.parent_id)
    chosen = Q(editor_profile__notify=notify)
    if notify == EditorProfile.Notify.EACH:
        chosen |= Q(editor_profile__isnull=True)
    return (
        get_user_model()
        .objects.with_perm(REVIEW_PERMISSION, include_superusers=False, backend=PERMISSION_BACKEND)
        .filter(chosen)
        .filter(covering | ~Exists(limited))
        .distinct()
        .order_by("pk")
    )


def transition_made(name: str, *, article, actor, note: str) -> None:
    """Queue what the transition `name` (just written, not yet committed) tells people."""
    context = {
        "article": article,
        "actor": actor,
        "note": note,
        "admin_url": absolute(reverse("admin:news_article_change", args=[article.pk])),
    }
    if name in {"submit", "resubmit"}:
        editors = category_editors(article.category).exclude(pk=actor.pk)
        send("submitted", to=valid_addresses(editors), resubmitted=name == "resubmit", **context)
        return
    writer = article.created_by
    if writer is None or writer.pk == actor.pk or not writer.is_active:
        return
    if name == "reject":
        send("rejected", to=valid_addresses([writer]), **context)
    elif name == "approve":
        scheduled = article.published_at > timezone.now()
        send(
            "published",
            to=valid_addresses([writer]),
            scheduled=scheduled,
            public_url=absolute(article.get_absolute_url()),
            **context,
        )
