"""Sources of the portal itself: the admin's log (adds, changes, deletions) and logins."""

from axes.models import AccessLog
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.db.models import CharField, F, Func, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, Concat

from audittrail import Source, choice_label, register, text


def rows():
    return LogEntry.objects.annotate(
        at=F("action_time"),
        who=F("user_id"),
        what=Concat(
            choice_label("action_flag", [(ADDITION, "Thêm"), (CHANGE, "Sửa"), (DELETION, "Xóa")]),
            text(" trong quản trị"),
            output_field=CharField(),
        ),
        target=F("object_repr"),
        target_ref=Concat(
            F("content_type__app_label"),
            text("."),
            F("content_type__model"),
            text(":"),
            F("object_id"),
            output_field=CharField(),
        ),
        detail=F("change_message"),
    )


register(Source("admin", "Thao tác trong trang quản trị", rows))


class AddressText(Func):
    """An IP address column as plain text: PostgreSQL's `inet` cast would add "/32"."""

    template = "%(expressions)s"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="HOST(%(expressions)s)", **extra_context)


def logins():
    """Successful logins to the admin, as django-axes records them (netguard, docs/security.md)."""
    user = get_user_model().objects.filter(username=OuterRef("username")).values("pk")[:1]
    return AccessLog.objects.annotate(
        at=F("attempt_time"),
        who=Subquery(user),
        what=Concat(
            text("Đăng nhập từ "),
            Coalesce(AddressText("ip_address"), text("?")),
            output_field=CharField(),
        ),
        target=Coalesce("username", text("")),
        target_ref=Concat(text("auth.user:"), Cast(Subquery(user), CharField())),
        detail=F("user_agent"),
    )


register(Source("login", "Đăng nhập", logins))
