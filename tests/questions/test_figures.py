"""Monthly figures: received, answered on time, answered late, open — and as CSV."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from questions import figures, workflow
from tests.questions.factories import answered, ask, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(keeper):
    with time_machine.travel(at(2026, 9, 7, 9), tick=False):  # due 28 Sep 2026
        answered(at_time=at(2026, 9, 20, 9))  # on time
        answered(at_time=at(2026, 10, 5, 9))  # late
        ask()  # still open, overdue on 20 Oct
        workflow.mark_spam(question=ask(), actor=keeper)
    with time_machine.travel(at(2026, 10, 1, 9), tick=False):
        ask()


def test_monthly_figures(history):
    rows = figures.monthly(today=at(2026, 10, 20).date())
    assert [row.as_list() for row in rows] == [
        ["10/2026", 1, 0, 0, 1, 0, 0],
        ["09/2026", 4, 1, 1, 1, 1, 1],
    ]


@time_machine.travel(at(2026, 10, 20, 9), tick=False)
def test_figures_page_and_csv_in_the_admin(history, client, keeper):
    client.force_login(keeper)
    url = reverse("admin:questions_question_figures")
    page = client.get(url).content.decode()
    assert "09/2026" in page
    assert "Trả lời trễ hạn" in page
    response = client.get(url, {"dinh-dang": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Tháng", "Đã nhận", "Trả lời đúng hạn", "Trả lời trễ hạn", "Đang mở"]
    assert rows[2] == ["09/2026", "4", "1", "1", "1", "1", "1"]


def test_figures_need_the_role(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("admin:questions_question_figures")).status_code == 403
