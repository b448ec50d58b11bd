"""The Q&A workflow: who may do what to a question, and the functions that do it.

    new --accept--> received --start--> in_progress --answer--> answered
     |                 |                    |                      |
     +-----------------+--------------------+                publish / unpublish
               decline (where to turn) / duplicate / spam

Every keeper's step goes through `perform(step, ...)` (the named functions,
`accept_question` and the others, are one-line wrappers, as in `news.workflow`), used by
the admin, the demo and the tests alike; the public's `submit_question` starts a
question. All are keyword-only, in one transaction, on a row locked with
`select_for_update`, checked with `full_clean()`, and recorded as a `QuestionTransition`
(who, when, from, to, note). Staff steps check the actor's permission; a caller that must
skip the check (the demo) says so with `skip_permission_checks=True`, never by passing no
actor. Like `news.workflow`, the caller's instance takes the stored values.

E-mails (acknowledgement, "new question" to the group, the answer, the referral) go
through the outbox, which sends them once the transaction commits (docs/questions.md).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

import pagecache
from questions import emails
from questions.models import (
    Department,
    Question,
    QuestionTransition,
    ReceiptSequence,
    Topic,
    initials,
)
from recording import recorded_user, stored_on
from richtext.sanitize import clean_html, html_to_text
from vntext.workdays import add_working_days

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor = AbstractBaseUser | AnonymousUser

Status = Question.Status

HANDLE = "questions.handle_question"
PUBLISH = "questions.publish_question"
GROUP = "Tiếp nhận hỏi đáp"
# Working days an asker waits at most for an answer (or a date for one).
ANSWER_WORKING_DAYS = 15


class TransitionNotAllowed(Exception):
    """The question is not in a status the requested step starts from."""


def can_handle(user: Actor) -> bool:
    return user.has_perm(HANDLE)


def can_publish(user: Actor) -> bool:
    return user.has_perm(PUBLISH)


def can_delete(user: Actor) -> bool:
    """Nothing is hard-deleted from the record, except by a superuser."""
    return user.is_active and user.is_superuser


@dataclass(frozen=True)
class Step:
    name: str
    label: str  # the button: "Tiếp nhận"
    sources: frozenset[str]
    target: str | None  # None: the status stays (publish, unpublish, assign)
    allowed: Callable[[Actor], bool]
    needs_note: str = ""  # the message when a required note is missing
    moves_public: bool = False  # what the public sees changes: the page cache moves on

    def starts_from(self, question: Question) -> bool:
        if self.name == "publish":
            return question.status == Status.ANSWERED and not question.is_published
        if self.name == "unpublish":
            return question.is_published
        return question.status in self.sources

    def is_available(self, user: Actor, question: Question) -> bool:
        return self.starts_from(question) and self.allowed(user)


OPEN = frozenset(Question.OPEN_STATUSES)
ACCEPT = Step("accept", "Tiếp nhận", frozenset({Status.NEW}), Status.RECEIVED, can_handle)
START = Step("start", "Bắt đầu xử lý", frozenset({Status.RECEIVED}), Status.IN_PROGRESS, can_handle)
ANSWER = Step(
    "answer",
    "Trả lời",
    frozenset({Status.RECEIVED, Status.IN_PROGRESS}),
    Status.ANSWERED,
    can_handle,
)
DECLINE = Step(
    "decline",
    "Không thuộc thẩm quyền",
    OPEN,
    Status.OUT_OF_SCOPE,
    can_handle,
    needs_note="Hãy ghi cơ quan có thẩm quyền để người hỏi biết nên liên hệ nơi nào.",
)
DUPLICATE = Step("duplicate", "Trùng lặp", OPEN, Status.DUPLICATE, can_handle)
SPAM = Step("spam", "Spam", OPEN, Status.SPAM, can_handle)
PUBLISH_STEP = Step(
    "publish", "Công khai", frozenset({Status.ANSWERED}), None, can_publish, moves_public=True
)
UNPUBLISH = Step(
    "unpublish", "Gỡ khỏi trang công khai", frozenset(Status), None, can_publish, moves_public=True
)
STEPS = {
    s.name: s for s in (ACCEPT, START, ANSWER, DECLINE, DUPLICATE, SPAM, PUBLISH_STEP, UNPUBLISH)
}


def available_steps(user: Actor, question: Question) -> list[Step]:
    return [step for step in STEPS.values() if step.is_available(user, question)]


# --- the public's side ----------------------------------------------------------------


def _next_number(year: int) -> int:
    """The next receipt number of `year`, from a row locked until the transaction ends."""
    ReceiptSequence.objects.get_or_create(year=year)
    sequence = ReceiptSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def due_date(received_at: datetime):
    """15 working days from the day of receipt (weekends and public holidays skipped)."""
    return add_working_days(timezone.localdate(received_at), ANSWER_WORKING_DAYS)


@transaction.atomic
def submit_question(
    *,
    name: str,
    email: str,
    topic: Topic,
    title: str,
    body: str,
    phone: str = "",
    organization: str = "",
    organization_type: str = "",
    received_at: datetime | None = None,
    notify: bool = True,
) -> Question:
    """A question from the public: numbered, dated, acknowledged, and announced to the group.

    The asker gave consent (the form requires it); `consent_at` records when. `notify`
    is off only for demo content, whose askers do not exist.
    """
    received_at = received_at or timezone.now()
    year = timezone.localtime(received_at).year
    question = Question(
        code_year=year,
        code_number=_next_number(year),
        asker_name=name.strip(),
        asker_email=email.strip(),
        asker_phone=phone.strip(),
        asker_organization=organization.strip(),
        asker_initials=initials(name),
        organization_type=organization_type,
        topic=topic,
        title=title.strip(),
        body=body.strip(),
        consent_at=received_at,
        received_at=received_at,
        due_on=due_date(received_at),
    )
    question.full_clean()
    question.save()
    _record("submit", question, None, note="", from_status="", at=received_at)
    if notify:
        emails.acknowledge(question)
        emails.announce(question, recipients=keeper_emails())
    return question


def keeper_emails() -> list[str]:
    """The active members of the group who receive "new question" e-mails."""
    users = get_user_model().objects.filter(groups__name=GROUP, is_active=True)
    return sorted({email for email in users.values_list("email", flat=True) if email})


# --- the keepers' side ----------------------------------------------------------------


def _lock(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


def _check(step: Step, actor: Actor, current: Question, skip_permission_checks: bool):
    if not skip_permission_checks and not step.allowed(actor):
        raise PermissionDenied(f"Bạn không có quyền “{step.label.lower()}” câu hỏi {current.code}.")
    if not step.starts_from(current):
        raise TransitionNotAllowed(
            f"Không thể “{step.label.lower()}” câu hỏi {current.code}: câu hỏi đang ở "
            f"trạng thái “{current.get_status_display()}”"
            + (" và đang công khai." if current.is_published else ".")
        )


def _record(action: str, current: Question, actor, *, note: str, from_status: str, at=None):
    """One QuestionTransition: who (none for the public or the demo), what, from, to."""
    QuestionTransition.objects.create(
        question=current,
        actor=recorded_user(actor),
        action=action,
        from_status=from_status,
        to_status=current.status,
        note=note,
        created_at=at or timezone.now(),
    )


CHANGED_FIELDS = (
    "status",
    "department",
    "answer",
    "answered_by",
    "answered_at",
    "referral",
    "duplicate_of",
    "closed_at",
    "is_published",
    "published_at",
    "search_text",
    "updated_at",
)


class StepOptions(TypedDict, total=False):
    """What every keeper's step takes besides the question and the actor."""

    note: str
    skip_permission_checks: bool
    at: datetime | None  # when it happened (the demo's past); now by default


@transaction.atomic
def perform(
    step: Step,
    *,
    question: Question,
    actor: Actor | None,
    note: str = "",
    skip_permission_checks: bool = False,
    at: datetime | None = None,
    change: Callable[[Question], None] | None = None,
) -> Question:
    """Move `question` along `step` for `actor`: the one entry point of every keeper's
    step (the named functions below are one-line wrappers, as in `news.workflow`).

    `change` sets the step's own values on the locked row before it is checked and
    saved. Refuses with `PermissionDenied`, `TransitionNotAllowed` or `ValidationError`
    (a required note is missing). Returns the stored row; the caller's instance takes
    its values.
    """
    at = at or timezone.now()
    note = (note or "").strip()
    current = _lock(question)
    _check(step, actor, current, skip_permission_checks)
    if step.needs_note and not note:
        raise ValidationError({"note": step.needs_note})
    from_status = current.status
    if change is not None:
        change(current)
    if step.target is not None:
        current.status = step.target
        if step.target in Question.CLOSED_STATUSES:
            current.closed_at = at
    current.full_clean()
    current.save(update_fields=CHANGED_FIELDS)
    _record(step.name, current, actor, note=note, from_status=from_status, at=at)
    stored_on(question, current, CHANGED_FIELDS)
    if step.moves_public:
        # Once committed, no cached page may show the old state.
        pagecache.content_changed()
    return current


def accept_question(
    *,
    question: Question,
    actor: Actor | None,
    department: Department | None = None,
    **options: Unpack[StepOptions],
) -> Question:
    """new → received, optionally assigned to a department at once."""
    change = _set(department=department) if department is not None else None
    return perform(ACCEPT, question=question, actor=actor, change=change, **options)


def start_question(
    *, question: Question, actor: Actor | None, **options: Unpack[StepOptions]
) -> Question:
    """received → in progress: the department works on it."""
    return perform(START, question=question, actor=actor, **options)


@transaction.atomic
def answer_question(
    *,
    question: Question,
    actor: Actor | None,
    answer: str,
    answered_by: str = "",
    notify: bool = True,
    **options: Unpack[StepOptions],
) -> Question:
    """received / in progress → answered; the answer is e-mailed to the asker."""
    answered_at = options.pop("at", None) or timezone.now()

    def change(current):
        current.answer = answer
        current.answered_by = answered_by.strip() or current.answered_by
        current.answered_at = answered_at
        if not html_to_text(clean_html(answer)):
            raise ValidationError({"answer": "Hãy viết nội dung trả lời."})

    current = perform(
        ANSWER, question=question, actor=actor, at=answered_at, change=change, **options
    )
    if notify:
        emails.send_answer(current)
    return current


@transaction.atomic
def decline_question(
    *,
    question: Question,
    actor: Actor | None,
    referral: str,
    notify: bool = True,
    **options: Unpack[StepOptions],
) -> Question:
    """open → out of scope, telling the asker where to turn (the referral is the note)."""
    current = perform(
        DECLINE,
        question=question,
        actor=actor,
        note=referral,
        change=_set(referral=referral.strip()),
        **options,
    )
    if notify:
        emails.send_referral(current)
    return current


def mark_duplicate(
    *,
    question: Question,
    actor: Actor | None,
    duplicate_of: Question | None = None,
    note: str = "",
    **options: Unpack[StepOptions],
) -> Question:
    """open → duplicate (of another question, when known)."""
    if duplicate_of is not None and duplicate_of.pk == question.pk:
        raise ValidationError({"duplicate_of": "Câu hỏi không thể trùng với chính nó."})
    note = note or (f"Trùng với {duplicate_of.code}." if duplicate_of else "")
    change = _set(duplicate_of=duplicate_of)
    return perform(DUPLICATE, question=question, actor=actor, note=note, change=change, **options)


def mark_spam(
    *, question: Question, actor: Actor | None, **options: Unpack[StepOptions]
) -> Question:
    """open → spam. Nothing is sent."""
    return perform(SPAM, question=question, actor=actor, **options)


def publish_question(
    *, question: Question, actor: Actor | None, **options: Unpack[StepOptions]
) -> Question:
    """An answer of general interest goes to /hoi-dap/ (asker shown as initials only)."""
    at = options.pop("at", None) or timezone.now()
    change = _set(is_published=True, published_at=at)
    return perform(PUBLISH_STEP, question=question, actor=actor, at=at, change=change, **options)


def unpublish_question(
    *, question: Question, actor: Actor | None, **options: Unpack[StepOptions]
) -> Question:
    """Off the public pages, kept in the record (never deleted)."""
    change = _set(is_published=False)
    return perform(UNPUBLISH, question=question, actor=actor, change=change, **options)


def _set(**values) -> Callable[[Question], None]:
    """A step's `change` that only sets `values` on the locked row."""

    def change(current: Question) -> None:
        for name, value in values.items():
            setattr(current, name, value)

    return change


@transaction.atomic
def save_question(
    *, question: Question, actor: Actor, changed_fields=(), skip_permission_checks: bool = False
) -> Question:
    """An edit by a keeper in the admin: topic, title, department, answer text, referral.

    A new department is recorded as an "assign" step; an edit to a published answer
    makes the public pages fresh at once.
    """
    if not skip_permission_checks and not can_handle(actor):
        raise PermissionDenied(f"Bạn không có quyền sửa câu hỏi {question.code}.")
    current = _lock(question)
    old_department = current.department_id
    for name in EDITABLE_FIELDS:
        setattr(current, name, getattr(question, name))
    current.full_clean()
    current.save(update_fields=[*EDITABLE_FIELDS, "search_text", "updated_at"])
    if current.department_id != old_department:
        _record(
            "assign",
            current,
            actor,
            note=f"Giao cho {current.department}." if current.department else "Bỏ giao ban.",
            from_status=current.status,
        )
    if current.is_published:
        pagecache.content_changed()
    stored_on(question, current, (*EDITABLE_FIELDS, *CHANGED_FIELDS))
    return current


EDITABLE_FIELDS = ("topic", "title", "body", "department", "answer", "answered_by", "referral")


ANONYMOUS_FIELDS = dict.fromkeys(Question.CONTACT_FIELDS, "")


@transaction.atomic
def anonymise_due() -> int:
    """`anonymise_questions` with QUESTION_RETENTION_MONTHS (a `run_periodic` job)."""
    return anonymise_questions(months=settings.QUESTION_RETENTION_MONTHS)


def anonymise_questions(*, months: int, now: datetime | None = None) -> int:
    """Clear the askers' contact data of questions closed more than `months` ago.

    The question, the answer, the initials and the organization type stay.
    """
    now = now or timezone.now()
    cutoff = subtract_months(now, months)
    due = Question.objects.closed_before(cutoff).filter(anonymised_at__isnull=True)
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    Question.objects.filter(pk__in=ids).update(
        **ANONYMOUS_FIELDS, anonymised_at=now, updated_at=now
    )
    statuses = dict(Question.objects.filter(pk__in=ids).values_list("pk", "status"))
    QuestionTransition.objects.bulk_create(
        QuestionTransition(
            question_id=pk,
            action="anonymise",
            from_status=statuses[pk],
            to_status=statuses[pk],
            note=f"Xóa thông tin liên hệ của người hỏi sau {months} tháng.",
            created_at=now,
        )
        for pk in ids
    )
    return len(ids)


def subtract_months(moment: datetime, months: int) -> datetime:
    local = timezone.localtime(moment)
    index = local.year * 12 + local.month - 1 - months
    year, month = divmod(index, 12)
    day = min(local.day, calendar.monthrange(year, month + 1)[1])
    return local.replace(year=year, month=month + 1, day=day)
