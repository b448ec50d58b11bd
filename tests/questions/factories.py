"""Small factories for the Q&A tests: keepers, topics, questions in any state."""

import importlib
from datetime import datetime
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth.models import Group, User

from questions import workflow
from questions.models import Department, Question, Topic

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
KEEPER = workflow.GROUP
PASSWORD = "mat-khau-thu-2026"
# Distinctive contact data: none of it may appear on a public page, feed or sitemap.
PRIVATE = {
    "name": "Hoàng Thị Quỳnh Zyxwa",
    "email": "zyxwa.private@example.org",
    "phone": "0909 771 551",
    "organization": "Công ty Zyxwa Bí Mật",
}

_group_migration = importlib.import_module(
    "questions.migrations.0002_keeper_group_topics_departments"
)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


def keeper_group() -> Group:
    if not Group.objects.filter(name=KEEPER).exists():
        _group_migration.create(apps, None)
    return Group.objects.get(name=KEEPER)


def make_user(username: str, *, keeper: bool = False, **fields) -> User:
    fields.setdefault("is_staff", True)
    fields.setdefault("email", f"{username}@dangbokhoi.example.vn")
    user = User.objects.create_user(username, password=PASSWORD, **fields)
    if keeper:
        user.groups.add(keeper_group())
    return user


def topic() -> Topic:
    found = Topic.objects.first()
    if found is None:
        _group_migration.create(apps, None)
        found = Topic.objects.first()
    return found


def department() -> Department:
    return Department.objects.first() or Department.objects.create(name="Ban Tổ chức")


def ask(**fields) -> Question:
    values = {
        **PRIVATE,
        "organization_type": Question.OrganizationType.ENTERPRISE,
        "topic": topic(),
        "title": "Thủ tục chuyển sinh hoạt đảng chính thức",
        "body": "Tôi chuyển công tác sang doanh nghiệp khác thì chuyển sinh hoạt đảng thế nào?",
        **fields,
    }
    return workflow.submit_question(**values)


def answered(*, publish: bool = False, at_time=None, **fields) -> Question:
    question = ask(**fields)
    skip = {"actor": None, "skip_permission_checks": True}
    workflow.accept_question(question=question, **skip, at=at_time)
    workflow.answer_question(
        question=question,
        answer="<p>Đồng chí liên hệ <strong>Ban Tổ chức</strong> để được hướng dẫn.</p>",
        answered_by="Ban Tổ chức Đảng ủy Khối",
        **skip,
        at=at_time,
    )
    if publish:
        workflow.publish_question(question=question, **skip, at=at_time)
    return question
