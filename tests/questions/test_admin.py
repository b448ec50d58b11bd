"""The inbox in the admin: deadlines highlighted, filters, steps, no hard delete."""

import pytest
import time_machine
from django.urls import reverse

from questions import workflow
from questions.models import Question
from tests.questions.factories import answered, ask, at, department

pytestmark = pytest.mark.django_db
TODAY = at(2026, 11, 19, 10)


@pytest.fixture
def inbox(keeper):
    with time_machine.travel(at(2026, 10, 26, 9), tick=False):  # due 16 Nov: overdue
        late = ask(title="Câu hỏi quá hạn Zyx-late")
    with time_machine.travel(at(2026, 10, 29, 9), tick=False):  # due 19 Nov: due today
        ask(title="Câu hỏi đến hạn hôm nay Zyx-today")
    with time_machine.travel(at(2026, 11, 3, 9), tick=False):  # due 25 Nov: 3 days left
        ask(title="Câu hỏi còn ba ngày Zyx-three")
    with time_machine.travel(at(2026, 11, 4, 9), tick=False):  # due 26 Nov: 4 days left
        ask(title="Câu hỏi còn bốn ngày Zyx-four")
    with time_machine.travel(at(2026, 10, 30, 9), tick=False):  # due 20 Nov: 1 day left
        soon = ask(title="Câu hỏi sắp đến hạn Zyx-soon")
        workflow.accept_question(question=soon, actor=keeper, department=department())
    with time_machine.travel(at(2026, 11, 18, 9), tick=False):  # due 10 Dec (24 Nov is a holiday)
        fresh = ask(title="Câu hỏi mới Zyx-fresh")
    return late, soon, fresh


@time_machine.travel(TODAY, tick=False)
def test_inbox_highlights_deadlines(client, keeper, inbox):
    client.force_login(keeper)
    content = client.get(reverse("admin:questions_question_changelist")).content.decode()
    assert 'q-due--late">Quá hạn 3 ngày' in content
    assert 'q-due--soon">Còn 1 ngày' in content
    assert 'q-due--soon">Hạn hôm nay' in content
    assert 'q-due--soon">Còn 3 ngày' in content
    assert '<span class="q-due">Còn 4 ngày' in content
    assert '<span class="q-due">Còn 14 ngày' in content


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"han": "qua-han"}, {"Zyx-late"}),
        ({"han": "sap-den-han"}, {"Zyx-soon", "Zyx-today", "Zyx-three"}),
        ({"department__id__exact": "DEPT"}, {"Zyx-soon"}),
    ],
)
def test_inbox_filters(client, keeper, inbox, params, shown):
    client.force_login(keeper)
    params = {k: str(department().pk) if v == "DEPT" else v for k, v in params.items()}
    content = client.get(reverse("admin:questions_question_changelist"), params).content.decode()
    tags = ("Zyx-late", "Zyx-soon", "Zyx-fresh", "Zyx-today", "Zyx-three", "Zyx-four")
    assert {tag for tag in tags if tag in content} == shown


def test_step_page_answers_and_records(client, keeper, django_capture_on_commit_callbacks):
    question = ask()
    workflow.accept_question(question=question, actor=keeper)
    client.force_login(keeper)
    url = reverse("admin:questions_question_step", args=[question.pk, "answer"])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": "<p>Trả lời qua trang quản trị.</p>", "note": ""})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert question.transitions.first().actor == keeper


def test_step_refused_for_staff_without_the_role(client, outsider):
    question = ask()
    client.force_login(outsider)
    url = reverse("admin:questions_question_step", args=[question.pk, "spam"])
    assert client.post(url, {"note": ""}).status_code in {302, 403, 404}
    assert Question.objects.get(pk=question.pk).status == Question.Status.NEW


def test_change_page_shows_steps_and_history(client, keeper):
    question = ask()
    client.force_login(keeper)
    content = client.get(
        reverse("admin:questions_question_change", args=[question.pk])
    ).content.decode()
    assert "q-step--accept" in content
    assert "q-step--spam" in content
    assert "Gửi câu hỏi" in content  # the first recorded step


def test_list_actions_publish(client, keeper):
    done = answered()
    client.force_login(keeper)
    client.post(
        reverse("admin:questions_question_changelist"),
        {"action": "publish_selected", "_selected_action": [done.pk]},
    )
    assert Question.objects.get(pk=done.pk).is_published


def test_only_superusers_delete(client, keeper, superuser):
    question = ask()
    client.force_login(keeper)
    url = reverse("admin:questions_question_delete", args=[question.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Question.objects.filter(pk=question.pk).exists()
    client.force_login(superuser)
    client.post(url, {"post": "yes"})
    assert not Question.objects.filter(pk=question.pk).exists()


def test_no_adding_questions_in_the_admin(client, keeper):
    client.force_login(keeper)
    assert client.get(reverse("admin:questions_question_add")).status_code == 403


def test_inbox_query_count_constant(client, keeper):
    """The inbox costs the same queries for 2 and for 22 questions (one calendar load)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(keeper)
    url = reverse("admin:questions_question_changelist")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _ in range(2):
        workflow.accept_question(question=ask(), actor=keeper, department=department())
    few = count()
    for _ in range(20):
        workflow.accept_question(question=ask(), actor=keeper, department=department())
    # session, user, the calendar, counts and page, the filters' departments and topics…
    assert count() == few == 12
