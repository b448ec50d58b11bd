"""Admin for the Văn phòng: a week with its entries inline, published as a whole."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms import Textarea

from pagecache.admin import PageCacheAdminMixin
from schedule import workflow
from schedule.models import Entry, Week


class EntryInline(admin.StackedInline):
    model = Entry
    extra = 1
    autocomplete_fields = ["presiding_cadre"]
    readonly_fields = ["adjusted_at"]
    fields = [
        ("day", "start_time"),
        "content",
        ("presiding_cadre", "presiding_text"),
        "participants",
        ("place", "preparing_department"),
        "adjusted_at",
    ]
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 80})}}


@admin.register(Week)
class WeekAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "status", "entry_count", "published_at"]
    list_filter = ["status"]
    date_hierarchy = "monday"
    inlines = [EntryInline]
    readonly_fields = ["status", "published_at", "published_by"]
    fields = ["monday", "note", "status", "published_at", "published_by"]
    actions = ["publish", "unpublish"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_total=models.Count("entries"))

    @admin.display(description="số mục", ordering="entry_total")
    def entry_count(self, obj):
        return obj.entry_total

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.can_publish(request.user):
            actions.pop("publish", None)
            actions.pop("unpublish", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # A published week is part of the public record: withdraw it instead.
        if obj is not None and obj.is_published():
            return False
        return super().has_delete_permission(request, obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Entry:
            return super().save_formset(request, form, formset, change)
        entries = formset.save(commit=False)
        for entry in formset.deleted_objects:
            entry.delete()
        workflow.save_entries(week=form.instance, entries=entries)
        formset.save_m2m()
        return None

    @admin.action(description="Công bố lịch các tuần đã chọn")
    def publish(self, request, queryset):
        try:
            for week in queryset:
                workflow.publish_week(week=week, actor=request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, f"Đã công bố {len(queryset)} tuần.", messages.SUCCESS)

    @admin.action(description="Gỡ công bố các tuần đã chọn")
    def unpublish(self, request, queryset):
        try:
            for week in queryset:
                workflow.unpublish_week(week=week, actor=request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, f"Đã gỡ công bố {len(queryset)} tuần.", messages.SUCCESS)
