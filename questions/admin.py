"""The back office of Hỏi – đáp: the inbox with its deadlines, the steps, the figures."""

import csv
import threading

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from pagecache.admin import PageCacheAdminMixin
from questions import figures, workflow
from questions.forms import CODE
from questions.models import Department, Question, QuestionTransition, Topic
from richtext.fields import RichTextField
from vntext.workdays import WorkCalendar

Status = Question.Status


@admin.register(Topic)
class TopicAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return workflow.can_delete(request.user)


@admin.register(Department)
class DepartmentAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "email", "phone", "order"]
    list_editable = ["order"]
    search_fields = ["name", "short_name"]

    def has_delete_permission(self, request, obj=None):
        return workflow.can_delete(request.user)


class DeadlineFilter(admin.SimpleListFilter):
    title = "hạn trả lời"
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [("qua-han", "Quá hạn"), ("sap-den-han", "Còn ≤ 3 ngày làm việc"), ("mo", "Đang mở")]

    def queryset(self, request, queryset):
        if self.value() == "qua-han":
            return queryset.overdue()
        if self.value() == "sap-den-han":
            return queryset.due_soon()
        if self.value() == "mo":
            return queryset.open()
        return queryset


class PublishedFilter(admin.SimpleListFilter):
    title = "công khai"
    parameter_name = "cong-khai"

    def lookups(self, request, model_admin):
        return [("co", "Đang công khai"), ("chua", "Đã trả lời, chưa công khai")]

    def queryset(self, request, queryset):
        if self.value() == "co":
            return queryset.filter(is_published=True)
        if self.value() == "chua":
            return queryset.filter(status=Status.ANSWERED, is_published=False)
        return queryset


def deadline_badge(question: Question, today, calendar=None) -> str:
    days = question.days_left(today, calendar)
    if days is None:
        on_time = question.answered_on_time()
        if on_time is None:
            return "—"
        return "Đúng hạn" if on_time else "Trễ hạn"
    if days < 0:
        return format_html('<span class="q-due q-due--late">Quá hạn {} ngày</span>', -days)
    if days == 0:
        return format_html('<span class="q-due q-due--soon">{}</span>', "Hạn hôm nay")
    if days <= 3:
        return format_html('<span class="q-due q-due--soon">Còn {} ngày</span>', days)
    return format_html('<span class="q-due">Còn {} ngày</span>', days)


@admin.register(Question)
class QuestionAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    list_display = [
        "code_display",
        "title",
        "department",
        "status_display",
        "deadline",
    ]
    list_display_links = ["code_display", "title"]
    list_filter = [DeadlineFilter, "status", "department", "topic", PublishedFilter]
    list_select_related = ["topic", "department"]
    search_fields = ["title", "search_text", "asker_email"]
    date_hierarchy = "received_at"
    list_per_page = 50
    actions = ["accept_selected", "spam_selected", "publish_selected", "unpublish_selected"]
    readonly_fields = [
        "code_display",
        "status_display",
        "received_display",
        "due_on",
        "deadline",
        "asker_name",
        "asker_email",
        "asker_phone",
        "asker_organization",
        "organization_type",
        "asker_initials",
        "answered_at",
        "is_published",
        "anonymised_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code_display",
                    "status_display",
                    "received_display",
                    "due_on",
                    "deadline",
                ]
            },
        ),
        (
            "Người hỏi (không công khai)",
            {
                "fields": [
                    "asker_name",
                    "asker_email",
                    "asker_phone",
                    "asker_organization",
                    "organization_type",
                    "asker_initials",
                    "anonymised_at",
                ]
            },
        ),
        ("Câu hỏi", {"fields": ["topic", "title", "body", "department"]}),
        (
            "Trả lời",
            {"fields": ["answer", "answered_by", "answered_at", "referral", "is_published"]},
        ),
    ]
    change_form_template = "admin/questions/question/change_form.html"
    _request_state = threading.local()
    change_list_template = "admin/questions/question/change_list.html"

    class Media:
        css = {"all": ["questions/admin.css"]}

    def has_add_permission(self, request):
        return False  # questions come from the public form

    def has_view_permission(self, request, obj=None):
        user = request.user
        return (
            workflow.can_handle(user)
            or workflow.can_publish(user)
            or super().has_view_permission(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return workflow.can_handle(request.user)

    def has_delete_permission(self, request, obj=None):
        return workflow.can_delete(request.user)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def has_handle_permission(self, request):
        return workflow.can_handle(request.user)

    @admin.display(description="mã", ordering="code_number")
    def code_display(self, obj):
        return format_html('<span class="q-code">{}</span>', obj.code)

    @admin.display(description="trạng thái", ordering="status")
    def status_display(self, obj):
        return format_html(
            '<span class="q-status q-status--{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description="nhận lúc", ordering="received_at")
    def received_display(self, obj):
        return f"{timezone.localtime(obj.received_at):%H:%M %d/%m/%Y}"

    @admin.display(description="hạn trả lời", ordering="due_on")
    def deadline(self, obj):
        calendar = getattr(self._request_state, "calendar", None)
        return format_html(
            '<span class="q-date">{}</span> {}',
            f"{obj.due_on:%d/%m/%Y}",
            deadline_badge(obj, timezone.localdate(), calendar),
        )

    def changelist_view(self, request, extra_context=None):
        # One working-day calendar for every row of the page (one query, not one per row);
        # kept per thread, as the admin instance serves every request.
        self._request_state.calendar = WorkCalendar.load()
        try:
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render"):
                response.render()
            return response
        finally:
            self._request_state.calendar = None

    def save_model(self, request, obj, form, change):
        workflow.save_question(question=obj, actor=request.user)

    def delete_model(self, request, obj):
        if not workflow.can_delete(request.user):
            raise PermissionDenied
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if not workflow.can_delete(request.user):
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(
                question=obj,
                history=obj.transitions.select_related("actor")[:50],
                step_links=[
                    (step, reverse("admin:questions_question_step", args=[obj.pk, step.name]))
                    for step in workflow.available_steps(request.user, obj)
                ],
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- list actions ------------------------------------------------------------------

    def _bulk(self, request, queryset, step, function):
        done, refused = 0, []
        for question in queryset:
            try:
                function(question=question, actor=request.user)
            except (PermissionDenied, workflow.TransitionNotAllowed, ValidationError) as error:
                refused.append(_message(error))
            else:
                done += 1
        if done:
            self.message_user(request, f"{step.label}: {done} câu hỏi.", messages.SUCCESS)
        for message in refused[:10]:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description="Tiếp nhận", permissions=["handle"])
    def accept_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.ACCEPT, workflow.accept_question)

    @admin.action(description="Đánh dấu spam", permissions=["handle"])
    def spam_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.SPAM, workflow.mark_spam)

    @admin.action(description="Công khai trên trang Hỏi – đáp", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.PUBLISH_STEP, workflow.publish_question)

    @admin.action(description="Gỡ khỏi trang công khai", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.UNPUBLISH, workflow.unpublish_question)

    # --- step pages and figures --------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("so-lieu/", view(self.figures_view), name="questions_question_figures"),
            path(
                "<path:object_id>/buoc/<slug:name>/",
                view(self.step_view),
                name="questions_question_step",
            ),
            *super().get_urls(),
        ]

    def step_view(self, request, object_id, name):
        question = self.get_object(request, unquote(object_id))
        step = workflow.STEPS.get(name)
        if question is None or step is None or not self.has_view_permission(request, question):
            raise Http404("Không tìm thấy câu hỏi.")
        change_url = reverse("admin:questions_question_change", args=[question.pk])
        if not step.is_available(request.user, question):
            self.message_user(
                request,
                f"Không thể “{step.label.lower()}” câu hỏi này (trạng thái "
                f"“{question.get_status_display()}” hoặc bạn không có quyền).",
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        form = StepForm(request.POST or None, step=step, question=question)
        if request.method == "POST" and form.is_valid():
            try:
                form.perform(actor=request.user)
            except (PermissionDenied, workflow.TransitionNotAllowed, ValidationError) as error:
                self.message_user(request, _message(error), messages.ERROR)
            else:
                self.message_user(
                    request, f"{step.label}: {question.code} — xong.", messages.SUCCESS
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{step.label}: {question.code}",
            "opts": self.model._meta,
            "question": question,
            "step": step,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/questions/question/step.html", context)

    def figures_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = figures.monthly(today=timezone.localdate())
        if request.GET.get("dinh-dang") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="hoi-dap-so-lieu.csv"'
            response.write("\ufeff")  # Excel reads UTF-8 only with the BOM
            writer = csv.writer(response)
            writer.writerow(figures.HEADERS)
            for row in rows:
                writer.writerow(row.as_list())
            return response
        context = {
            **self.admin_site.each_context(request),
            "title": "Số liệu hỏi đáp theo tháng",
            "opts": self.model._meta,
            "rows": rows,
            "headers": figures.HEADERS,
        }
        return TemplateResponse(request, "admin/questions/question/figures.html", context)


class StepForm(forms.Form):
    """The fields one step asks for: a note; the answer; where to turn; a department."""

    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, step, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.step, self.question = step, question
        if step is workflow.ANSWER:
            self.fields["answer"] = RichTextField().formfield(
                label="Nội dung trả lời", initial=question.answer
            )
            self.fields["answered_by"] = forms.CharField(
                label="Đơn vị trả lời",
                required=False,
                max_length=200,
                initial=question.answered_by
                or (question.department.name if question.department else ""),
            )
        if step is workflow.DECLINE:
            del self.fields["note"]
            self.fields["referral"] = forms.CharField(
                label="Nơi có thẩm quyền",
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=question.referral,
                help_text="Gửi cho người hỏi, ví dụ «Sở Lao động – Thương binh và Xã hội, số ...».",
            )
        if step is workflow.ACCEPT:
            self.fields["department"] = forms.ModelChoiceField(
                label="Giao cho ban",
                queryset=Department.objects.all(),
                required=False,
                initial=question.department_id,
            )
        if step is workflow.DUPLICATE:
            self.fields["duplicate_code"] = forms.CharField(
                label="Trùng với câu hỏi (mã)", required=False, max_length=20
            )

    def clean_duplicate_code(self):
        value = self.cleaned_data["duplicate_code"].strip()
        if not value:
            return None
        match = CODE.match(value)
        original = (
            Question.objects.filter(code_year=int(match[1]), code_number=int(match[2])).first()
            if match
            else None
        )
        if original is None:
            raise forms.ValidationError("Không có câu hỏi với mã này.")
        return original

    def perform(self, *, actor):
        data, question, step = self.cleaned_data, self.question, self.step
        if step is workflow.ANSWER:
            return workflow.answer_question(
                question=question,
                actor=actor,
                answer=data["answer"],
                answered_by=data["answered_by"],
                note=data["note"],
            )
        if step is workflow.DECLINE:
            return workflow.decline_question(
                question=question, actor=actor, referral=data["referral"]
            )
        if step is workflow.ACCEPT:
            return workflow.accept_question(
                question=question, actor=actor, department=data["department"], note=data["note"]
            )
        if step is workflow.DUPLICATE:
            return workflow.mark_duplicate(
                question=question,
                actor=actor,
                duplicate_of=data["duplicate_code"],
                note=data["note"],
            )
        functions = {
            workflow.START: workflow.start_question,
            workflow.SPAM: workflow.mark_spam,
            workflow.PUBLISH_STEP: workflow.publish_question,
            workflow.UNPUBLISH: workflow.unpublish_question,
        }
        return functions[step](question=question, actor=actor, note=data["note"])


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@admin.register(QuestionTransition)
class QuestionTransitionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "question", "action", "from_status", "to_status", "actor"]
    list_select_related = ["question", "actor"]
    list_filter = ["action", "to_status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return workflow.can_delete(request.user)  # with its question, by a superuser
