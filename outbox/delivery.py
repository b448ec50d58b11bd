"""Queue, send and retry the portal's e-mail (docs/outbox.md).

`enqueue` writes the rows in the caller's transaction and sends them once it commits,
so a rolled-back save sends nothing and a slow or absent mail server never undoes a
save. The send waits at most EMAIL_TIMEOUT seconds for the server; whatever does not
go stays queued and `send_due` (run every minute by `manage.py send_outbox`) retries
it, 1, 2, 4… minutes apart, until OUTBOX_MAX_ATTEMPTS. Sent rows are deleted after
OUTBOX_KEEP_SENT_DAYS: the outbox keeps no more personal data than it needs.
"""

import logging
import smtplib
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from outbox.models import Message

logger = logging.getLogger("outbox")

# A row being sent is held this long; a process that dies meanwhile leaves it to a retry.
CLAIM = timedelta(minutes=10)
# Errors about one message; after any other (refused connection, timeout, failed login)
# the next message would fail the same way, so it is not tried until the retry.
MESSAGE_ERRORS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
    ValueError,  # a header Django refuses to write
)


def max_attempts() -> int:
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", 12)


def enqueue(
    *,
    to: str | Iterable[str],
    subject: str,
    body: str,
    html: str | None = None,
    from_email: str = "",
    reply_to: str = "",
    topic: str = "",
) -> list[Message]:
    """Queue one message per recipient; they are sent when the current transaction
    commits (at once outside a transaction). Raises ValidationError for a bad address.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    for address in [*recipients, *([reply_to] if reply_to else [])]:
        validate_email(address)
    if not recipients:
        raise ValidationError("Thư không có người nhận.")
    now = timezone.now()
    subject = " ".join(subject.split())  # a newline in a header would be refused at send
    messages = [
        Message.objects.create(
            to=address.strip(),
            from_email=from_email,
            reply_to=reply_to,
            subject=subject,
            body=body,
            html=html or "",
            topic=topic,
            next_attempt_at=now,
        )
        for address in recipients
    ]
    transaction.on_commit(partial(deliver, [message.pk for message in messages]), robust=True)
    return messages


def deliver(pks: Iterable[int], *, now: datetime | None = None) -> int:
    """Try to send these messages now, each one once; returns how many went."""
    sent = 0
    connection = get_connection(fail_silently=False)
    try:
        for pk in pks:
            message = _claim(pk, now or timezone.now())
            if message is None:
                continue  # sent already, given up, not due, or another process has it
            try:
                connection.open()  # once: the following messages reuse the connection
                connection.send_messages([_email(message, connection)])
            except (OSError, ValueError) as error:  # smtplib's errors are OSErrors
                _failed(message, error, now or timezone.now())
                if not isinstance(error, MESSAGE_ERRORS):
                    break  # the next ones stay due for the retry
            else:
                _sent(message, now or timezone.now())
                sent += 1
    finally:
        try:
            connection.close()
        except OSError:
            logger.debug("Closing the mail connection failed", exc_info=True)
    return sent


def send_due(*, now: datetime | None = None, limit: int = 200) -> int:
    """Send what is due (oldest first) and forget sent messages past their keeping time."""
    now = now or timezone.now()
    pks = list(
        Message.objects.due(now)
        .order_by("next_attempt_at", "pk")[:limit]
        .values_list("pk", flat=True)
    )
    sent = deliver(pks, now=now) if pks else 0
    keep = timedelta(days=getattr(settings, "OUTBOX_KEEP_SENT_DAYS", 30))
    Message.objects.filter(status=Message.Status.SENT, sent_at__lt=now - keep).delete()
    return sent


def retry_now(messages, *, now: datetime | None = None) -> int:
    """Put unsent messages back in the queue, due now, and try them (the admin's action)."""
    now = now or timezone.now()
    pks = list(messages.exclude(status=Message.Status.SENT).values_list("pk", flat=True))
    Message.objects.filter(pk__in=pks).update(status=Message.Status.QUEUED, next_attempt_at=now)
    return deliver(pks, now=now)


def _claim(pk: int, now: datetime) -> Message | None:
    claimed = Message.objects.due(now).filter(pk=pk).update(next_attempt_at=now + CLAIM)
    return Message.objects.get(pk=pk) if claimed else None


def _email(message: Message, connection) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        connection=connection,
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    return email


def _sent(message: Message, now: datetime) -> None:
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENT, sent_at=now, attempts=message.attempts + 1, last_error=""
    )
    logger.info("E-mail %s sent to %s", message.pk, message.to)


def _failed(message: Message, error: Exception, now: datetime) -> None:
    attempts = message.attempts + 1
    gave_up = attempts >= max_attempts()
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.FAILED if gave_up else Message.Status.QUEUED,
        attempts=attempts,
        last_error=f"{type(error).__name__}: {error}"[:500],
        next_attempt_at=now + Message.backoff(attempts),
    )
    logger.log(
        logging.ERROR if gave_up else logging.WARNING,
        "E-mail %s to %s not sent (attempt %s of %s%s): %s: %s",
        message.pk,
        message.to,
        attempts,
        max_attempts(),
        ", giving up" if gave_up else "",
        type(error).__name__,
        error,
    )
