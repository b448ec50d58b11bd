"""The demo's questions: about 40, every state, some overdue, some published, no e-mail."""

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from questions.models import Question
from tests.questions.factories import at

pytestmark = pytest.mark.django_db


@time_machine.travel(at(2026, 11, 27, 10), tick=False)
def test_demo_questions_in_every_state(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--anchor", "2026-11-27", "--articles", "3", stdout=None)
    assert 35 <= Question.objects.count() <= 45
    assert set(Question.objects.values_list("status", flat=True)) == set(Question.Status.values)
    assert Question.objects.published().count() >= 10
    assert Question.objects.overdue().exists()
    assert Question.objects.due_soon().exists()
    answered = Question.objects.filter(status=Question.Status.ANSWERED)
    assert any(q.answered_on_time() is False for q in answered)
    assert mail.outbox == []
    # Every question's history starts with its submission and ends in its status.
    for question in Question.objects.prefetch_related("transitions"):
        steps = list(question.transitions.all())
        assert steps[-1].action == "submit"
        assert steps[0].to_status == question.status
