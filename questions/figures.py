"""Monthly figures the rules ask for: received, answered on time, answered late, open.

Counted by the month a question was received (Asia/Ho_Chi_Minh). "On time" means the
answer was sent by its deadline (15 working days); "open" means still waiting today.
Questions closed otherwise (out of scope, duplicate, spam) are counted apart.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from questions.models import Question

HEADERS = [
    "Tháng",
    "Đã nhận",
    "Trả lời đúng hạn",
    "Trả lời trễ hạn",
    "Đang mở",
    "Trong đó quá hạn",
    "Đóng khác (không thuộc thẩm quyền, trùng, spam)",
]


@dataclass
class Month:
    month: date
    received: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    other: int = 0

    @property
    def label(self) -> str:
        return f"{self.month:%m/%Y}"

    def as_list(self) -> list:
        return [
            self.label,
            self.received,
            self.on_time,
            self.late,
            self.open,
            self.overdue,
            self.other,
        ]


def monthly(*, today: date, queryset=None) -> list[Month]:
    """One row per month with questions, newest first. One query."""
    queryset = Question.objects.all() if queryset is None else queryset
    months: dict[date, Month] = {}
    rows = queryset.values_list("received_at", "status", "due_on", "answered_at")
    for received_at, status, due_on, answered_at in rows.iterator():
        local = timezone.localtime(received_at)
        key = date(local.year, local.month, 1)
        month = months.setdefault(key, Month(key))
        month.received += 1
        if status == Question.Status.ANSWERED:
            if timezone.localdate(answered_at) <= due_on:
                month.on_time += 1
            else:
                month.late += 1
        elif status in Question.OPEN_STATUSES:
            month.open += 1
            month.overdue += due_on < today
        else:
            month.other += 1
    return [months[key] for key in sorted(months, reverse=True)]
