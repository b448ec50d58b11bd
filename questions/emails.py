"""The e-mails of the Q&A workflow, written from templates and queued in the outbox.

The outbox sends them once the transaction commits and retries what failed, so a slow
or absent mail server never blocks or loses a question (docs/questions.md).
"""

from django.conf import settings
from django.template.loader import render_to_string

import outbox


def _absolute(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def _send(template: str, *, question, to: list[str], **context) -> None:
    if not to:
        return
    from django.urls import reverse

    context = {
        "question": question,
        "lookup_url": _absolute(reverse("questions:lookup")),
        "admin_url": _absolute(reverse("admin:questions_question_change", args=[question.pk])),
        "public_url": _absolute(question.get_absolute_url()),
        **context,
    }
    subject = render_to_string(f"questions/email/{template}_subject.txt", context)
    body = render_to_string(f"questions/email/{template}.txt", context)
    outbox.enqueue(
        to=to, subject=" ".join(subject.split()), body=body, topic=f"questions.{template}"
    )


def acknowledge(question) -> None:
    """To the asker: the receipt code and the date an answer is due."""
    _send("acknowledge", question=question, to=[question.asker_email])


def announce(question, *, recipients: list[str]) -> None:
    """To the keepers: a new question is waiting (no contact data in it)."""
    _send("announce", question=question, to=recipients)


def send_answer(question) -> None:
    _send("answer", question=question, to=[question.asker_email])


def send_referral(question) -> None:
    _send("referral", question=question, to=[question.asker_email])
