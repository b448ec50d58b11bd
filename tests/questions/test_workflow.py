"""Every step of a question, who may take it, and what it records."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from questions import workflow
from questions.models import Question, QuestionTransition
from tests.questions.factories import answered, ask, at, department, make_user

Status = Question.Status
pytestmark = pytest.mark.django_db


@time_machine.travel(at(2026, 3, 2, 9), tick=False)
def test_submit_numbers_per_year_and_records_the_receipt():
    """HD-YYYY-NNNNN, counted per year of receipt; the first step is recorded."""
    first, second = ask(), ask()
    with time_machine.travel(at(2027, 1, 4, 9), tick=False):
        next_year = ask()
    assert [first.code, second.code, next_year.code] == [
        "HD-2026-00001",
        "HD-2026-00002",
        "HD-2027-00001",
    ]
    assert first.status == Status.NEW
    assert first.asker_initials == "H.T.Q.Z."
    assert first.consent_at == at(2026, 3, 2, 9)
    step = first.transitions.get()
    assert (step.action, step.from_status, step.to_status) == ("submit", "", Status.NEW)


def test_full_path_records_every_step(keeper):
    """new → received → in progress → answered → published → unpublished, one record each."""
    question = ask()
    workflow.accept_question(question=question, actor=keeper, department=department())
    assert question.status == Status.RECEIVED
    assert question.department == department()
    workflow.start_question(question=question, actor=keeper, note="Đang xin ý kiến.")
    assert question.status == Status.IN_PROGRESS
    workflow.answer_question(
        question=question, actor=keeper, answer="<p>Trả lời.</p><script>x()</script>"
    )
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    assert question.answer == "<p>Trả lời.</p>"  # sanitized like an article's body
    assert question.answered_at is not None
    assert question.closed_at is not None
    workflow.publish_question(question=question, actor=keeper)
    assert question.is_published
    workflow.unpublish_question(question=question, actor=keeper)
    assert not Question.objects.get(pk=question.pk).is_published
    steps = list(question.transitions.order_by("pk").values_list("action", "to_status", "actor"))
    assert steps == [
        ("submit", Status.NEW, None),
        ("accept", Status.RECEIVED, keeper.pk),
        ("start", Status.IN_PROGRESS, keeper.pk),
        ("answer", Status.ANSWERED, keeper.pk),
        ("publish", Status.ANSWERED, keeper.pk),
        ("unpublish", Status.ANSWERED, keeper.pk),
    ]


@pytest.mark.parametrize(
    ("step", "kwargs", "target"),
    [
        (
            workflow.decline_question,
            {"referral": "Sở Nội vụ tỉnh, số 1 Lê Lợi."},
            Status.OUT_OF_SCOPE,
        ),
        (workflow.mark_duplicate, {}, Status.DUPLICATE),
        (workflow.mark_spam, {}, Status.SPAM),
    ],
)
def test_closing_steps_from_any_open_status(keeper, step, kwargs, target):
    """A new, received or in-progress question can be declined, marked duplicate or spam."""
    for prepare in (None, workflow.accept_question, workflow.start_question):
        question = ask()
        if prepare is workflow.start_question:
            workflow.accept_question(question=question, actor=keeper)
        if prepare is not None:
            prepare(question=question, actor=keeper)
        step(question=question, actor=keeper, **kwargs)
        assert Question.objects.get(pk=question.pk).status == target
        assert question.closed_at is not None


def test_decline_needs_where_to_turn(keeper):
    question = ask()
    with pytest.raises(ValidationError, match="cơ quan có thẩm quyền"):
        workflow.decline_question(question=question, actor=keeper, referral="  ")
    assert Question.objects.get(pk=question.pk).status == Status.NEW
    workflow.decline_question(question=question, actor=keeper, referral="Sở Nội vụ tỉnh")
    assert Question.objects.get(pk=question.pk).referral == "Sở Nội vụ tỉnh"


def test_duplicate_points_to_the_original(keeper):
    original, copy = ask(), ask()
    workflow.mark_duplicate(question=copy, actor=keeper, duplicate_of=original)
    assert copy.duplicate_of_id == original.pk  # the caller's instance, as stored
    copy.refresh_from_db()
    assert copy.duplicate_of == original
    assert copy.transitions.first().note == f"Trùng với {original.code}."
    with pytest.raises(ValidationError):
        workflow.mark_duplicate(question=original, actor=keeper, duplicate_of=original)


def test_answer_needs_text(keeper):
    question = ask()
    workflow.accept_question(question=question, actor=keeper)
    with pytest.raises(ValidationError, match="nội dung trả lời"):
        workflow.answer_question(question=question, actor=keeper, answer="<p> </p>")
    assert Question.objects.get(pk=question.pk).status == Status.RECEIVED


@pytest.mark.parametrize(
    "run",
    [
        lambda q, u: workflow.accept_question(question=q, actor=u),
        lambda q, u: workflow.mark_spam(question=q, actor=u),
        lambda q, u: workflow.decline_question(question=q, actor=u, referral="Sở Nội vụ"),
        lambda q, u: workflow.mark_duplicate(question=q, actor=u),
    ],
)
def test_staff_without_the_role_is_refused(outsider, run):
    """A reporter (staff, no Q&A rights) can take no step; nothing is recorded."""
    question = ask()
    with pytest.raises(PermissionDenied):
        run(question, outsider)
    assert Question.objects.get(pk=question.pk).status == Status.NEW
    assert question.transitions.count() == 1


def test_answer_and_publish_refused_without_the_role(outsider, keeper):
    question = ask()
    workflow.accept_question(question=question, actor=keeper)
    with pytest.raises(PermissionDenied):
        workflow.answer_question(question=question, actor=outsider, answer="<p>Trả lời.</p>")
    done = answered()
    with pytest.raises(PermissionDenied):
        workflow.publish_question(question=done, actor=outsider)
    assert not Question.objects.get(pk=done.pk).is_published


def test_publisher_only_may_publish_but_not_answer(keeper):
    """The two rights are separate: publishing does not let anyone answer."""
    from django.contrib.auth.models import Permission

    publisher = make_user("bientap")
    publisher.user_permissions.add(Permission.objects.get(codename="publish_question"))
    done = answered()
    workflow.publish_question(question=done, actor=publisher)
    open_question = ask()
    workflow.accept_question(question=open_question, actor=keeper)
    with pytest.raises(PermissionDenied):
        workflow.answer_question(question=open_question, actor=publisher, answer="<p>x</p>")


def test_anonymous_visitor_is_refused():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        workflow.accept_question(question=ask(), actor=AnonymousUser())


@pytest.mark.parametrize(
    ("prepare", "step"),
    [
        ("new", lambda q, u: workflow.start_question(question=q, actor=u)),
        ("new", lambda q, u: workflow.answer_question(question=q, actor=u, answer="<p>x</p>")),
        ("new", lambda q, u: workflow.publish_question(question=q, actor=u)),
        ("new", lambda q, u: workflow.unpublish_question(question=q, actor=u)),
        ("answered", lambda q, u: workflow.accept_question(question=q, actor=u)),
        ("answered", lambda q, u: workflow.mark_spam(question=q, actor=u)),
        ("spam", lambda q, u: workflow.accept_question(question=q, actor=u)),
        ("published", lambda q, u: workflow.publish_question(question=q, actor=u)),
    ],
)
def test_steps_refused_from_the_wrong_status(keeper, prepare, step):
    question = {"new": ask, "answered": answered, "published": lambda: answered(publish=True)}.get(
        prepare, ask
    )()
    if prepare == "spam":
        workflow.mark_spam(question=question, actor=keeper)
    before = question.transitions.count()
    with pytest.raises(workflow.TransitionNotAllowed):
        step(question, keeper)
    assert question.transitions.count() == before


def test_demo_skips_permission_checks_by_name():
    """No actor only with skip_permission_checks=True, as the demo builder does."""
    question = ask()
    with pytest.raises(PermissionDenied):
        workflow.accept_question(question=question, actor=make_user("nobody"))
    workflow.accept_question(question=question, actor=None, skip_permission_checks=True)
    assert question.status == Status.RECEIVED


def test_assigning_a_department_in_the_admin_is_recorded(keeper):
    question = ask()
    question.department = department()
    workflow.save_question(question=question, actor=keeper)
    step = QuestionTransition.objects.filter(question=question, action="assign").get()
    assert step.note == f"Giao cho {department()}."


def test_an_edit_never_changes_the_status(keeper):
    """A form opened before a step cannot put the old status back."""
    question = ask()
    stale = Question.objects.get(pk=question.pk)
    workflow.mark_spam(question=question, actor=keeper)
    stale.title = "Tiêu đề sửa"
    workflow.save_question(question=stale, actor=keeper)
    fresh = Question.objects.get(pk=question.pk)
    assert (fresh.status, fresh.title) == (Status.SPAM, "Tiêu đề sửa")


def test_published_only_when_answered_in_the_database():
    """The constraint holds even for a plain ORM write."""
    from django.db import IntegrityError, transaction

    question = ask()
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(pk=question.pk).update(is_published=True)
