"""Admin for the "Quản trị tổ chức" group: the tree, its history, terms, cadres, positions.

The shape of the tree (founding, name, kind, parent, ending) changes only through the
history operations of `organizations.workflow`, each behind an intermediate form that
asks for the date and the decision. The change form leaves those fields read-only, the
add form is the "establish" operation, and django-tree-queries' move view is replaced
by one that goes through `workflow.move`. Its English interface strings are replaced
here too (the package ships no Vietnamese locale).
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from tree_queries.admin import TreeAdmin

from netguard import INVALID_IDS_MESSAGE, object_ids
from organizations import forms as operation_forms
from organizations import workflow
from organizations.models import Cadre, Organization, OrganizationEvent, Position, Term
from pagecache.admin import PageCacheAdminMixin

DATE_WIDGETS = {models.DateField: {"widget": operation_forms.NativeDateInput}}
KIND_ABBREVIATIONS = {
    Organization.Kind.BLOC: "ĐBK",
    Organization.Kind.GRASSROOTS_COMMITTEE: "ĐBCS",
    Organization.Kind.GRASSROOTS_CELL: "CBCS",
    Organization.Kind.INTERMEDIATE_COMMITTEE: "ĐBBP",
    Organization.Kind.SUBORDINATE_CELL: "CBTT",
}


class Operation:
    """One history operation as the admin offers it: name, path, button label, form."""

    def __init__(self, name, slug, label, form_class, *, applies):
        self.name, self.slug, self.label = name, slug, label
        self.form_class, self.applies = form_class, applies

    @property
    def url_name(self):
        return f"organizations_organization_{self.name}"


OPERATIONS = [
    Operation("rename", "doi-ten", "Đổi tên", operation_forms.RenameForm, applies=lambda org: True),
    Operation(
        "upgrade",
        "nang-cap",
        "Nâng cấp",
        operation_forms.UpgradeForm,
        applies=lambda org: org.upgrade_kind is not None,
    ),
    Operation(
        "move",
        "chuyen",
        "Chuyển trực thuộc",
        operation_forms.MoveForm,
        applies=lambda org: org.kind != Organization.Kind.BLOC,
    ),
    Operation(
        "merge",
        "hop-nhat",
        "Hợp nhất vào tổ chức khác",
        operation_forms.MergeForm,
        applies=lambda org: org.kind != Organization.Kind.BLOC,
    ),
    # Not the Đảng bộ Khối: with its sub-organizations that would end the whole tree.
    # `workflow.dissolve` refuses it too unless a script passes allow_root=True.
    Operation(
        "dissolve",
        "giai-the",
        "Giải thể",
        operation_forms.DissolveForm,
        applies=lambda org: org.kind != Organization.Kind.BLOC,
    ),
]
ENDED_ON_HELP = (
    "Khi thôi giữ chức vụ, nhập ngày kết thúc thay vì xóa: chức vụ đã kết thúc vẫn hiện "
    "trong «Lãnh đạo qua các thời kỳ»."
)


class SuperuserDeletesOnly:
    """Nothing leaves the public record (docs/architecture.md, "Roles"): organizations end by dissolution or
    merger, positions get an end date. Only a superuser may remove a row entered by
    mistake; the "Quản trị tổ chức" group holds no delete permission (migration 0004)."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class TermInline(SuperuserDeletesOnly, admin.TabularInline):
    model = Term
    extra = 0
    fields = ["start_year", "end_year", "congress_number", "congress_date", "note"]
    formfield_overrides = {
        **DATE_WIDGETS,
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 30})},
    }


class BasePositionInline(SuperuserDeletesOnly, admin.TabularInline):
    """Positions are ended, not deleted: the end date says how."""

    model = Position
    extra = 0
    formfield_overrides = DATE_WIDGETS

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "ended_on":
            field.help_text = ENDED_ON_HELP
        return field


class PositionInline(BasePositionInline):
    fields = ["cadre", "body", "title", "term", "started_on", "ended_on", "method", "order"]
    autocomplete_fields = ["cadre"]
    verbose_name_plural = "chức vụ (đang đảm nhiệm trước, theo thứ tự)"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("cadre", "term")
            .order_by(F("ended_on").desc(nulls_first=True), "order", "pk")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "term":
            # Only the terms of the organization being edited.
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Term.objects.filter(organization_id=object_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Organization)
class OrganizationAdmin(PageCacheAdminMixin, SuperuserDeletesOnly, TreeAdmin):
    list_display = [
        "collapse_column",
        "indented_title",
        "kind_column",
        "members_column",
        "move_column",
    ]
    list_filter = ["kind", "status"]
    show_facets = admin.ShowFacets.NEVER
    search_fields = ["name", "short_name", "host_unit", "slug"]
    list_per_page = 1000  # the whole tree on one page: collapsing needs every row
    inlines = [TermInline, PositionInline]
    actions = ["merge_selected"]
    formfield_overrides = DATE_WIDGETS
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "parent", "host_unit"]}),
        ("Liên hệ", {"fields": ["address", "phone", "email"]}),
        ("Đảng viên, thứ tự", {"fields": ["member_count", "order", "description"]}),
        (
            "Tình trạng",
            {
                "fields": ["established_on", "status", "ended_on", "merged_into"],
                "description": "Thành lập, đổi tên, nâng cấp, chuyển, hợp nhất, giải thể: "
                "dùng các nút ở đầu trang để ghi kèm quyết định.",
            },
        ),
    ]
    # Changed only by the history operations, never by editing the form.
    WORKFLOW_FIELDS = [
        "name",
        "short_name",
        "slug",
        "kind",
        "parent",
        "status",
        "ended_on",
        "merged_into",
    ]

    class Media:
        css = {"all": ["organizations/admin/organizations.css"]}

    # -- the tree ----------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).order_siblings_by("order", "name")

    @admin.display(description="")
    def collapse_column(self, instance):
        return format_html(
            '<button type="button" class="collapse-toggle collapse-hide" data-pk="{}" '
            'data-tree-depth="{}" aria-expanded="true" aria-label="Thu gọn, mở rộng «{}»">'
            "</button>",
            instance.pk,
            instance.tree_depth,
            instance.name,
        )

    @admin.display(description="Tên tổ chức")
    def indented_title(self, instance, *, ellipsize=True):
        drawing = '<i class="l"></i>' * max(instance.tree_depth - 1, 0)
        if instance.tree_depth > 0:
            drawing += '<i class="a"></i>'
        ended = (
            format_html(' <span class="org-ended-mark">{}</span>', instance.ended_label())
            if not instance.is_active()
            else ""
        )
        return format_html(
            '<div class="box"><div class="box-drawing">{}</div>'
            '<div class="box-text{}" style="text-indent:{}px">{}{}</div></div>',
            mark_safe(drawing),  # fixed markup, no data
            " ellipsize" if ellipsize else "",
            instance.tree_depth * 30,
            instance.name,
            ended,
        )

    @admin.display(description="Loại", ordering="kind")
    def kind_column(self, instance):
        """The abbreviations party offices use (ĐBCS, CBCS…), spelt out on hover."""
        return format_html(
            '<abbr title="{}">{}</abbr>',
            instance.get_kind_display(),
            KIND_ABBREVIATIONS[instance.kind],
        )

    @admin.display(description="Đảng viên", ordering="member_count")
    def members_column(self, instance):
        """Direct members (the chart shows subtree totals)."""
        return instance.member_count

    @admin.display(description="Chuyển")
    def move_column(self, instance):
        """A "cut" button on organizations that can move; "paste" targets on possible parents.

        Choosing a target opens the move form (date and decision) with it filled in.
        """
        controls = []
        if instance.is_active() and instance.kind != Organization.Kind.BLOC:
            controls.append(
                format_html(
                    '<button class="move-cut" type="button" data-pk="{}" data-kind="{}" '
                    'title="Chuyển «{}» sang tổ chức khác" aria-label="Chuyển «{}»">'
                    '<span class="tree-icon"></span></button>',
                    instance.pk,
                    instance.kind,
                    instance.name,
                    instance.name,
                )
            )
        if instance.is_active() and instance.can_have_children:
            controls.append(
                format_html(
                    '<select class="move-paste" data-pk="{}" data-kind="{}" '
                    'aria-label="Chuyển vào «{}»" title="Chọn nơi chuyển đến">'
                    '<option value="">---</option><option value="child">vào đây</option>'
                    "</select>",
                    instance.pk,
                    instance.kind,
                    instance.name,
                )
            )
        return format_html(
            '<div class="move-controls">{}</div>',
            format_html_join("", "{}", ((control,) for control in controls)),
        )

    def tree_admin_context(self, request):
        return {
            "initiallyCollapseDepth": 1,
            "moveUrl": reverse("admin:organizations_organization_move", args=[0]),
            "allowedParents": {
                kind: sorted(parents) for kind, parents in Organization.ALLOWED_PARENT_KINDS.items()
            },
            "strings": {
                "moving": "Đang chuyển «{name}». Chọn «vào đây» ở tổ chức cấp trên mới.",
                "cancel": "Hủy",
                "collapse": "Thu gọn",
                "expand": "Mở rộng",
            },
        }

    def changelist_view(self, request, extra_context=None):
        # TreeAdmin's own changelist_view adds its English script; ours replaces it.
        response = admin.ModelAdmin.changelist_view(self, request, extra_context)
        if hasattr(response, "context_data"):
            response.context_data["media"] += forms.Media(
                css={"all": ["tree_queries/tree_admin.css"]},
                js=["organizations/admin/tree.js"],
            )
            response.context_data["tree_context"] = self.tree_admin_context(request)
        return response

    def move_node_view(self, request):
        """django-tree-queries' move endpoint, through `workflow.move` and its event.

        Answers "ok" or "error" as the package's script expects; the reason is in the
        messages. The date is today unless the request gives `date` (ISO), and the
        decision fields may be posted as on the move form.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        form = MoveNodeForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Yêu cầu chuyển tổ chức không hợp lệ.")
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponse("error")
        org = form.cleaned_data["move"]
        if not self.has_change_permission(request, org):
            raise PermissionDenied
        parent = form.new_parent()
        try:
            workflow.move(
                organization=org,
                parent=parent,
                change=workflow.Change(
                    date=form.cleaned_data["date"] or timezone.localdate(),
                    decision=operation_forms.decision_of(form.cleaned_data),
                    actor=request.user,
                    note="Chuyển trong cây tổ chức.",
                ),
            )
        except ValidationError as error:
            messages.error(request, f"Không thể chuyển «{org.name}»: {' '.join(error.messages)}")
            return HttpResponse("error")
        self.log_change(request, org, f"Chuyển về trực thuộc {parent.name}")
        messages.success(request, f"Đã chuyển «{org.name}» về trực thuộc «{parent.name}».")
        return HttpResponse("ok")

    # -- the forms -----------------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fields = list(self.WORKFLOW_FIELDS)
        if obj.events.exists():
            fields.append("established_on")  # its "established" event owns the date
        return fields

    def add_view(self, request, form_url="", extra_context=None):
        """Adding an organization is the "establish" operation, with its decision.

        Opened from a "+" beside an organization field elsewhere in the admin (a popup),
        it answers as Django's add form does: the new organization goes back to that field.
        """
        if not self.has_add_permission(request):
            raise PermissionDenied
        to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if to_field and not self.to_field_allowed(request, to_field):
            raise DisallowedModelAdminToField(f"The field {to_field} cannot be referenced.")
        return self.operation_view(
            request,
            None,
            operation_forms.EstablishForm,
            is_popup=IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET,
            to_field=to_field,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        org = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if org is not None:
            extra_context["events"] = org.events.select_related("related", "created_by").order_by(
                "-date", "-pk"
            )
            if org.is_active() and self.has_change_permission(request, org):
                extra_context["operations"] = [
                    (reverse(f"admin:{op.url_name}", args=[org.pk]), op.label, op.name)
                    for op in OPERATIONS
                    if op.applies(org)
                ]
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        def wrap(view, **kwargs):
            return self.admin_site.admin_view(lambda request, **kw: view(request, **kw, **kwargs))

        urls = [
            path(
                f"<path:object_id>/{op.slug}/",
                wrap(self.object_operation_view, operation=op),
                name=op.url_name,
            )
            for op in OPERATIONS
        ]
        urls.append(
            path(
                "hop-nhat/",
                wrap(self.merge_selected_view),
                name="organizations_organization_merge_selected",
            )
        )
        # TreeAdmin adds "move-node/", served by our move_node_view below.
        return urls + super().get_urls()

    def object_operation_view(self, request, object_id, operation):
        org = self.get_object(request, object_id)
        if org is None:  # as Django's own change view answers, with public parts
            self.message_user(
                request,
                f"Không có tổ chức với mã «{object_id}»; có thể đã bị xóa.",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:organizations_organization_changelist"))
        if not self.has_change_permission(request, org):
            raise PermissionDenied
        if not org.is_active() or not operation.applies(org):
            self.message_user(
                request, f"Không thể {operation.label.lower()} «{org.name}».", messages.ERROR
            )
            return HttpResponseRedirect(self._change_url(org))
        initial = {}
        if operation.name == "move" and request.GET.get("parent", "").isdigit():
            initial["parent"] = int(request.GET["parent"])
        return self.operation_view(request, org, operation.form_class, initial=initial)

    def merge_selected_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = object_ids(Organization, [pk for pk in request.GET.get("ids", "").split(",") if pk])
        if ids is None:
            self.message_user(request, INVALID_IDS_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:organizations_organization_changelist"))
        sources = list(Organization.objects.filter(pk__in=ids))
        return self.operation_view(request, None, operation_forms.MergeForm, sources=sources)

    def operation_view(
        self, request, org, form_class, initial=None, is_popup=False, to_field=None, **form_kwargs
    ):
        """The intermediate form of an operation; `is_popup` only for the add form."""
        form = form_class(
            request.POST if request.method == "POST" else None,
            organization=org,
            initial=initial,
            **form_kwargs,
        )
        if request.method == "POST" and form.is_valid():
            try:
                result = form.perform(actor=request.user)
            except ValidationError as error:
                form.add_workflow_error(error)
            else:
                if org is None and form_class is operation_forms.EstablishForm:
                    self.log_addition(request, result, form.title)
                else:
                    self.log_change(request, result, f"{form.title}: {result.name}")
                if is_popup:
                    return self._popup_response(request, result, to_field)
                self.message_user(request, form.success_message(result), messages.SUCCESS)
                return HttpResponseRedirect(self._change_url(result))
        context = {
            **self.admin_site.each_context(request),
            "is_popup": is_popup,
            "is_popup_var": IS_POPUP_VAR,
            "to_field": to_field,
            "to_field_var": TO_FIELD_VAR,
            "title": f"{form.title}: {org.name}" if org else form.title,
            "form": form,
            "organization": org,
            "opts": self.opts,
            "media": self.media + form.media,
            "cancel_url": self._change_url(org)
            if org
            else reverse("admin:organizations_organization_changelist"),
        }
        return TemplateResponse(
            request, "admin/organizations/organization/operation_form.html", context
        )

    @admin.action(description="Hợp nhất các tổ chức đã chọn…", permissions=["change"])
    def merge_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return HttpResponseRedirect(
            f"{reverse('admin:organizations_organization_merge_selected')}?ids={ids}"
        )

    def _change_url(self, org):
        return reverse("admin:organizations_organization_change", args=[org.pk])

    def _popup_response(self, request, org, to_field):
        """What `ModelAdmin.response_add` answers a popup: the page that hands the new row
        to the field that opened it. Here the popup marker may come in the query string
        as well as in the form (response_add reads only the form)."""
        value = org.serializable_value(to_field or org._meta.pk.attname)
        opts = self.opts
        return TemplateResponse(
            request,
            self.popup_response_template
            or [
                f"admin/{opts.app_label}/{opts.model_name}/popup_response.html",
                f"admin/{opts.app_label}/popup_response.html",
                "admin/popup_response.html",
            ],
            {"popup_response_data": json.dumps({"value": str(value), "obj": str(org)})},
        )


class MoveNodeForm(forms.Form):
    """What django-tree-queries' script posts, plus the optional date and decision."""

    POSITIONS = {"child": "làm tổ chức trực thuộc", "root": "lên cấp cao nhất"}

    move = forms.ModelChoiceField(queryset=Organization.objects.all())
    relative_to = forms.ModelChoiceField(queryset=Organization.objects.all(), required=False)
    position = forms.ChoiceField(
        choices=[
            *POSITIONS.items(),
            ("first-child", "đầu danh sách trực thuộc"),
            ("last-child", "cuối danh sách trực thuộc"),
            ("before", "trước"),
            ("after", "sau"),
        ]
    )
    date = forms.DateField(required=False)
    decision_number = forms.CharField(max_length=100, required=False)
    decision_date = forms.DateField(required=False)
    decision_issuer = forms.CharField(max_length=200, required=False)

    def clean(self):
        data = super().clean()
        position, relative_to = data.get("position"), data.get("relative_to")
        if position == "root":
            raise ValidationError("Chỉ Đảng bộ Khối ở cấp cao nhất; không thể chuyển lên đó.")
        if position and relative_to is None:
            raise ValidationError("Cần chọn tổ chức làm mốc để chuyển đến.")
        return data

    def new_parent(self):
        relative_to = self.cleaned_data["relative_to"]
        if self.cleaned_data["position"] in {"before", "after"}:
            return relative_to.parent
        return relative_to


class OrganizationEventForm(forms.ModelForm):
    """The decision details of an event, checked as the history operations check them."""

    class Meta:
        model = OrganizationEvent
        fields = ["decision_number", "decision_date", "decision_issuer", "note"]

    def clean(self):
        data = super().clean()
        workflow.check_decision_date(data.get("decision_date"))
        return data


@admin.register(OrganizationEvent)
class OrganizationEventAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    """The history, read-only but for the decision details and the note.

    Nobody deletes an event, not even a superuser: it would silently rewrite the charts
    of the past, and the event is the record of a numbered decision.
    """

    def has_delete_permission(self, request, obj=None):
        return False

    form = OrganizationEventForm

    list_display = ["date", "organization", "kind", "decision_number", "related", "created_by"]
    list_filter = ["kind"]
    list_select_related = ["organization", "related", "created_by"]
    search_fields = ["organization__name", "decision_number", "note"]
    date_hierarchy = "date"
    fields = [
        "organization",
        "kind",
        "date",
        "related",
        "description",
        "decision_number",
        "decision_date",
        "decision_issuer",
        "note",
        "created_by",
        "created_at",
    ]
    readonly_fields = [
        "organization",
        "kind",
        "date",
        "related",
        "description",
        "created_by",
        "created_at",
    ]
    formfield_overrides = DATE_WIDGETS

    @admin.display(description="Nội dung")
    def description(self, event):
        return event.describe()

    def has_add_permission(self, request):
        return False  # events are written by the history operations


class CadreForm(forms.ModelForm):
    class Meta:
        model = Cadre
        fields = [
            "full_name",
            "slug",
            "photo",
            "biography",
            "birth_date",
            "phone",
            "email",
            "party_joined_on",
        ]


class CadrePositionInline(BasePositionInline):
    fields = ["organization", "body", "title", "term", "started_on", "ended_on", "method", "order"]
    autocomplete_fields = ["organization"]


@admin.register(Cadre)
class CadreAdmin(PageCacheAdminMixin, SuperuserDeletesOnly, admin.ModelAdmin):
    form = CadreForm
    list_display = ["full_name", "slug", "updated_at"]
    search_fields = ["full_name", "slug"]
    inlines = [CadrePositionInline]
    formfield_overrides = DATE_WIDGETS
    fieldsets = [
        ("Công khai", {"fields": ["full_name", "slug", "photo", "biography"]}),
        (
            "Không công khai",
            {
                "fields": ["birth_date", "phone", "email", "party_joined_on"],
                "description": "Chỉ dùng nội bộ: không bao giờ hiển thị trên trang công khai.",
            },
        ),
    ]


@admin.register(Position)
class PositionAdmin(PageCacheAdminMixin, SuperuserDeletesOnly, admin.ModelAdmin):
    list_display = ["cadre", "title", "body", "organization", "term", "started_on", "ended_on"]
    list_filter = ["body", "title", "method"]
    list_select_related = ["cadre", "organization", "term"]
    search_fields = ["cadre__full_name", "organization__name"]
    autocomplete_fields = ["cadre", "organization"]
    formfield_overrides = DATE_WIDGETS


@admin.register(Term)
class TermAdmin(PageCacheAdminMixin, SuperuserDeletesOnly, admin.ModelAdmin):
    list_display = ["__str__", "organization", "congress_number", "congress_date"]
    list_select_related = ["organization"]
    search_fields = ["organization__name"]
    autocomplete_fields = ["organization"]
    formfield_overrides = DATE_WIDGETS
