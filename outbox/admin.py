"""The outbox for superusers: what was sent, what waits, why it failed; "Gửi lại ngay"."""

from django.contrib import admin, messages
from django.utils import formats, timezone

from netguard.readonly import SuperuserReadOnlyAdminMixin, is_superuser
from outbox import delivery
from outbox.models import Message


def _short(value):
    """The locale's short form ("08:43 18/10/2021"): the list keeps room for the error."""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else "–"


@admin.register(Message)
class MessageAdmin(SuperuserReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created", "to", "status", "attempts", "subject", "error", "sent"]
    list_filter = ["status", "topic"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["retry_selected"]
    fields = [
        "to", "from_email", "reply_to", "subject", "topic", "status", "attempts",
        "last_error", "next_attempt_at", "created_at", "sent_at", "body",
    ]  # fmt: skip
    readonly_fields = fields

    def has_retry_permission(self, request):
        return is_superuser(request)

    @admin.display(description="tạo lúc", ordering="created_at")
    def created(self, obj):
        return _short(obj.created_at)

    @admin.display(description="gửi lúc", ordering="sent_at")
    def sent(self, obj):
        return _short(obj.sent_at)

    @admin.display(description="lỗi gần nhất")
    def error(self, obj):
        return obj.last_error[:80]

    @admin.action(description="Gửi lại ngay các thư đã chọn", permissions=["retry"])
    def retry_selected(self, request, queryset):
        waiting = queryset.exclude(status=Message.Status.SENT).count()
        sent = delivery.retry_now(queryset)
        if sent:
            self.message_user(request, f"Đã gửi {sent} thư.", messages.SUCCESS)
        if waiting > sent:
            self.message_user(
                request,
                f"{waiting - sent} thư chưa gửi được; xem cột “lỗi gần nhất”. "
                "Hệ thống sẽ tự thử lại.",
                messages.WARNING,
            )
        if not waiting:
            self.message_user(request, "Các thư đã chọn đều đã được gửi.", messages.INFO)
