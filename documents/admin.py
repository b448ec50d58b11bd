"""The documents' admin, for the văn thư: register, attach files, publish, withdraw.

Permissions follow `documents.workflow`: "Quản trị văn bản" keeps documents and their
tables; publishing and withdrawing go through the workflow functions (with who and why);
nothing is deleted but by a superuser. docs/documents.md, "Admin".
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from documents import codes, workflow
from documents.models import Document, DocumentFile, Issuer, Kind, ReplacedFile, Subject
from pagecache import content_changed
from pagecache.admin import PageCacheAdminMixin
from recording.admin import SaveAndPublishMixin


class ArchiveAdminMixin(PageCacheAdminMixin):
    """Nothing is deleted but by a superuser; every change refreshes the cached pages."""

    def has_delete_permission(self, request, obj=None):
        return workflow.can_delete(request.user)


@admin.register(Kind)
class KindAdmin(ArchiveAdminMixin, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "order"]
    list_editable = ["order"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Subject)
class SubjectAdmin(ArchiveAdminMixin, admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Issuer)
class IssuerAdmin(ArchiveAdminMixin, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "level", "organization", "order"]
    list_filter = ["level"]
    list_editable = ["order"]
    list_select_related = ["organization"]
    search_fields = ["name", "abbreviation"]
    autocomplete_fields = ["organization"]
    prepopulated_fields = {"slug": ["name"]}


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 1
    fields = ["file", "label", "order", "type_and_size", "is_scan"]
    readonly_fields = ["type_and_size", "is_scan"]
    ordering = ["order", "pk"]

    @admin.display(description="định dạng, dung lượng")
    def type_and_size(self, obj):
        if not obj.pk:
            return "—"
        pages = f", {obj.pages} trang" if obj.pages else ""
        return f"{obj.type_label}, {filesizeformat(obj.size)}{pages}"

    def has_delete_permission(self, request, obj=None):
        # A published document's file is replaced (the old one kept), not removed.
        if obj is not None and obj.status != Document.Status.DRAFT:
            return workflow.can_delete(request.user)
        return super().has_delete_permission(request, obj)


class ValidityFilter(admin.SimpleListFilter):
    title = "tình trạng hiệu lực"
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return Document.Validity.choices

    def queryset(self, request, queryset):
        if self.value() in Document.Validity.values:
            return queryset.with_validity_code(self.value())
        return queryset


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


@admin.register(Document)
class DocumentAdmin(SaveAndPublishMixin, ArchiveAdminMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "title_short",
        "kind",
        "issuer",
        "issued_on",
        "validity_badge",
        "visibility",
        "status",
    ]
    list_display_links = ["code", "title_short"]
    list_filter = [
        "status",
        "visibility",
        ValidityFilter,
        "kind",
        "issuer__level",
        "issuer",
        "subjects",
        "issued_year",
    ]
    list_select_related = ["kind", "issuer"]
    list_per_page = 50
    search_fields = ["code", "title"]
    search_help_text = (
        "Tìm theo số ký hiệu (05-CT/TW, 5 ct tw...) hoặc trích yếu, có dấu hay không."
    )
    date_hierarchy = "issued_on"
    autocomplete_fields = ["replaces", "amends", "related_documents", "issuer", "kind"]
    filter_horizontal = []
    inlines = [DocumentFileInline]
    readonly_fields = [
        "status",
        "validity_badge",
        "withdrawal",
        "file_history",
        "download_count",
        "created_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "title",
                    ("kind", "issuer"),
                    "subjects",
                    ("signer_name", "signer_title"),
                    ("issued_on", "effective_from", "effective_until"),
                    "summary",
                    "visibility",
                ]
            },
        ),
        ("Liên kết", {"fields": ["replaces", "amends", "related_documents"]}),
        (
            "Trạng thái",
            {
                "fields": [
                    ("status", "validity_badge"),
                    "withdrawal",
                    "file_history",
                    "download_count",
                    ("created_by", "created_at", "updated_at"),
                ]
            },
        ),
    ]
    actions = ["publish_selected", "withdraw_selected"]
    save_on_top = True

    def get_queryset(self, request):
        return super().get_queryset(request).with_validity()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "subjects":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.can_publish(request.user):
            actions.pop("publish_selected", None)
            actions.pop("withdraw_selected", None)
        return actions

    def get_search_results(self, request, queryset, search_term):
        matches, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = codes.fold_words(search_term)
        if words:
            # "05 ct tw", "5/CT-TW", "ĐUK" or "DUK": the folded code and title, as the public search.
            matches = matches | queryset.filter(
                Q(code_key__contains=words) | Q(search_head__contains=words)
            )
        return matches, may_have_duplicates

    # --- columns and read-only fields ------------------------------------------------

    @admin.display(description="trích yếu", ordering="title")
    def title_short(self, obj):
        return obj.title if len(obj.title) <= 90 else obj.title[:88] + "…"

    @admin.display(description="hiệu lực")
    def validity_badge(self, obj):
        if obj.pk is None:
            return "—"
        code = getattr(obj, "validity_code", None) or obj.validity()
        label = Document.Validity(code).label
        return format_html('<span class="validity validity--{}">{}</span>', code, label)

    @admin.display(description="thu hồi")
    def withdrawal(self, obj):
        if obj.status != Document.Status.WITHDRAWN:
            return "—"
        when = obj.withdrawn_at.strftime("%d/%m/%Y %H:%M") if obj.withdrawn_at else ""
        return f"{obj.withdrawn_by or 'không rõ'}, {when}: {obj.withdrawal_reason}"

    @admin.display(description="tệp cũ đã thay")
    def file_history(self, obj):
        if obj.pk is None:
            return "—"
        history = ReplacedFile.objects.filter(document_file__document=obj).select_related(
            "replaced_by"
        )
        if not history:
            return "—"
        return format_html_join(
            "",
            "<div>{} ({}, {}) – thay lúc {} bởi {}</div>",
            (
                (
                    item.original_name,
                    item.file_type.upper(),
                    filesizeformat(item.size),
                    item.replaced_at.strftime("%d/%m/%Y %H:%M"),
                    item.replaced_by or "không rõ",
                )
                for item in history
            ),
        )

    # --- saving ----------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not codes.is_well_formed(obj.code):
            self.message_user(
                request,
                f"Số ký hiệu «{obj.code}» không giống mẫu thường gặp (ví dụ 05-CT/TW, "
                "149-KH/ĐUK). Văn bản vẫn được lưu: hãy kiểm tra lại cho đúng bản gốc.",
                messages.WARNING,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is DocumentFile:
            for file_form in formset.forms:
                if file_form.instance.pk and "file" in file_form.changed_data:
                    workflow.keep_replaced_file(
                        document_file=file_form.instance, actor=request.user
                    )
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_file_text()
        content_changed()

    def publish_after_save(self, request, obj):
        try:
            workflow.publish_document(document=obj, actor=request.user)
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, f"Đã lưu, nhưng chưa công bố: {error}", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:documents_document_change", args=[obj.pk]))
        self.message_user(request, f"Đã lưu và công bố văn bản «{obj}».", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:documents_document_changelist"))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = workflow.can_publish(request.user) and (
            obj is None or obj.status != Document.Status.PUBLISHED
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_view_on_site_url(self, obj=None):
        if obj is not None and obj.is_public():
            return obj.get_absolute_url()
        return None

    # --- actions ---------------------------------------------------------------------

    @admin.action(description="Công bố các văn bản đã chọn")
    def publish_selected(self, request, queryset):
        done = 0
        for document in queryset:
            try:
                workflow.publish_document(document=document, actor=request.user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{document.code}: {error}", messages.ERROR)
                continue
            done += 1
        if done:
            self.message_user(request, f"Đã công bố {done} văn bản.", messages.SUCCESS)

    @admin.action(description="Thu hồi các văn bản đã chọn (ghi lý do)…")
    def withdraw_selected(self, request, queryset):
        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            for document in queryset:
                try:
                    workflow.withdraw_document(
                        document=document, actor=request.user, reason=form.cleaned_data["reason"]
                    )
                except (PermissionDenied, ValidationError) as error:
                    self.message_user(request, f"{document.code}: {error}", messages.ERROR)
                    return None
            self.message_user(request, f"Đã thu hồi {queryset.count()} văn bản.", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/documents/document/withdraw.html",
            {
                **self.admin_site.each_context(request),
                "title": "Thu hồi văn bản",
                "documents": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
