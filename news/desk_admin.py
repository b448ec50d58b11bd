"""The editors' desks in the admin: assignments, “Việc cần làm” and the calendar.

`news/admin.py` routes the two pages under the articles' admin; who sees what is still
decided by `news.workflow` (docs/editors.md).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from news import calendar, inbox, workflow
from news.editors import EditorProfile, category_scope
from news.models import Category


class ScopedCategoryFilter(admin.RelatedFieldListFilter):
    """The list's category filter offers a limited editor only their categories."""

    def field_choices(self, field, request, model_admin):
        choices = super().field_choices(field, request, model_admin)
        scope = category_scope(request.user)
        if scope is None or not workflow.is_editor(request.user):
            return choices
        return [(pk, label) for pk, label in choices if pk in scope]


@admin.register(EditorProfile)
class EditorProfileAdmin(admin.ModelAdmin):
    """Who edits which categories; kept by those who manage accounts (superusers)."""

    list_display = ["__str__", "user", "desk", "notify"]
    list_filter = ["notify", "categories"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["categories"]
    fields = ["user", "categories", "notify"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories")

    @admin.display(description="chuyên mục phụ trách")
    def desk(self, obj):
        names = [category.name for category in obj.categories.all()]
        return ", ".join(names) if names else "Mọi chuyên mục"


class NotifyForm(forms.ModelForm):
    class Meta:
        model = EditorProfile
        fields = ["notify"]
        widgets = {"notify": forms.RadioSelect}


def inbox_view(model_admin, request):
    """“Việc cần làm”: what waits for the signed-in user, and how they hear of it."""
    user = request.user
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    reviewer = workflow.can_review(user)
    notify_form = None
    if reviewer:
        profile = getattr(user, "editor_profile", None) or EditorProfile(user=user)
        notify_form = NotifyForm(request.POST or None, instance=profile)
        if request.method == "POST" and notify_form.is_valid():
            notify_form.save()
            model_admin.message_user(request, "Đã lưu cách nhận thư báo.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:news_article_inbox"))
    scope = category_scope(user)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Việc cần làm",
        "opts": model_admin.model._meta,
        "reviewer": reviewer,
        "waiting": list(inbox.waiting_for_review(user)),
        "sent_back": list(inbox.sent_back_to(user)),
        "desk": None
        if scope is None
        else sorted(Category.objects.filter(pk__in=scope), key=calendar.tree_key),
        "notify_form": notify_form,
        "media": model_admin.media,
    }
    return TemplateResponse(request, "admin/news/article/inbox.html", context)


def calendar_view(model_admin, request):
    """The month (`?thang=2026-11`) or week (`?tuan=2026-11-30`) of publications."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    today = timezone.localdate()
    categories = calendar.desk_categories(request.user)
    chosen = request.GET.get("chuyen-muc", "")
    category = next((c for c in categories if str(c.pk) == chosen), None)
    if "tuan" in request.GET:
        day = calendar.parse_day(request.GET["tuan"]) or today
        period = calendar.week(request.user, day, today=today, category=category)
    else:
        first = calendar.parse_month(request.GET.get("thang", "")) or today.replace(day=1)
        period = calendar.month(request.user, first, today=today, category=category)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Lịch biên tập",
        "opts": model_admin.model._meta,
        "is_nav_sidebar_enabled": False,  # the calendar needs the width
        "period": period,
        "categories": categories,
        "category": category,
        "today": today,
        "media": model_admin.media,
    }
    return TemplateResponse(request, "admin/news/article/calendar.html", context)
