"""Admin forms for the history operations: each asks for the date and the decision, plus
the operation's own inputs, and hands everything to `organizations.workflow`.

`perform(actor=...)` runs the operation; a ValidationError it raises is put back on the
form by `add_workflow_error()`, so the user sees why, in Vietnamese, and nothing changed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from tree_queries.forms import TreeNodeChoiceField, TreeNodeMultipleChoiceField

from organizations import workflow
from organizations.models import Organization

DEFAULT_ISSUER = "Ban Thường vụ Đảng ủy Khối"
DECISION_FIELDS = ("date", "decision_number", "decision_date", "decision_issuer", "note")


class NativeDateInput(forms.DateInput):
    """The browser's own date picker: it shows the reader's format (dd/mm/yyyy in
    Vietnamese) and always sends ISO dates, so 05/10 can never be read as May 10."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=NativeDateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
    )


def decision_of(data) -> workflow.Decision:
    """The decision posted in a form's `decision_number`, `decision_date` and
    `decision_issuer` fields (the operation forms, the tree's move endpoint)."""
    return workflow.Decision(
        number=data["decision_number"],
        signed_on=data["decision_date"],
        issuer=data["decision_issuer"],
    )


def organization_label(org):
    depth = getattr(org, "tree_depth", 0)
    return f"{'— ' * depth}{org.name} ({org.get_kind_display()})"


class OperationForm(forms.Form):
    """Date and decision: what every history operation asks for."""

    title = ""
    submit_label = "Thực hiện"
    # The workflow's error keys that this form shows on one of its own fields.
    error_fields = {}

    date = date_field("Ngày hiệu lực", help_text="Ngày thay đổi có hiệu lực (không sau hôm nay).")
    decision_number = forms.CharField(
        label="Số quyết định",
        max_length=100,
        required=False,
        help_text="Ví dụ: 1405-QĐ/ĐUK.",
    )
    decision_date = date_field("Ngày ký quyết định", required=False)
    decision_issuer = forms.CharField(
        label="Cơ quan ban hành", max_length=200, required=False, initial=DEFAULT_ISSUER
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )

    def __init__(self, *args, organization=None, **kwargs):
        self.organization = organization
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def operation_fields(self):
        """The operation's own inputs, shown before the decision."""
        return [self[name] for name in self.fields if name not in {*DECISION_FIELDS, "confirm"}]

    def decision_fields(self):
        return [self[name] for name in DECISION_FIELDS]

    def confirm_field(self):
        return self["confirm"] if "confirm" in self.fields else None

    def change(self, actor) -> workflow.Change:
        """The date, decision, actor and note every operation records."""
        data = self.cleaned_data
        return workflow.Change(
            date=data["date"],
            decision=decision_of(data),
            actor=actor,
            note=data["note"],
        )

    def perform(self, *, actor):
        raise NotImplementedError

    def add_workflow_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.message_dict.items():
            field = self.error_fields.get(key, key)
            self.add_error(field if field in self.fields else None, errors)


class EstablishForm(OperationForm):
    title = "Thành lập tổ chức đảng"
    submit_label = "Thành lập"
    error_fields = {"date": "date"}

    name = forms.CharField(label="Tên tổ chức", max_length=255)
    short_name = forms.CharField(label="Tên viết tắt", max_length=120, required=False)
    kind = forms.ChoiceField(label="Loại hình", choices=Organization.Kind.choices)
    parent = TreeNodeChoiceField(
        label="Trực thuộc",
        queryset=Organization.objects.none(),
        required=False,
        label_from_instance=organization_label,
        help_text="Để trống chỉ khi thành lập Đảng bộ Khối.",
    )
    host_unit = forms.CharField(label="Cơ quan, đơn vị", max_length=255, required=False)
    member_count = forms.IntegerField(label="Số đảng viên trực tiếp", min_value=0, initial=0)
    field_order = ["name", "short_name", "kind", "parent", "host_unit", "member_count"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].label = "Ngày thành lập"
        self.fields["parent"].queryset = (
            Organization.objects.active()
            .filter(kind__in=Organization.PARENT_KINDS)
            .order_siblings_by("order", "name")
        )

    def perform(self, *, actor):
        data = self.cleaned_data
        return workflow.establish(
            name=data["name"],
            short_name=data["short_name"],
            kind=data["kind"],
            parent=data["parent"],
            host_unit=data["host_unit"],
            member_count=data["member_count"],
            change=self.change(actor),
        )

    def success_message(self, organization):
        return f"Đã thành lập «{organization.name}»."


class RenameForm(OperationForm):
    title = "Đổi tên"
    submit_label = "Đổi tên"

    name = forms.CharField(label="Tên mới", max_length=255)
    short_name = forms.CharField(label="Tên viết tắt mới", max_length=120, required=False)
    field_order = ["name", "short_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].initial = self.organization.name
        self.fields["short_name"].initial = self.organization.short_name

    def perform(self, *, actor):
        return workflow.rename(
            organization=self.organization,
            name=self.cleaned_data["name"],
            short_name=self.cleaned_data["short_name"],
            change=self.change(actor),
        )

    def success_message(self, organization):
        return f"Đã đổi tên thành «{organization.name}»."


class NewCellForm(forms.Form):
    name = forms.CharField(label="Tên chi bộ trực thuộc", max_length=255)
    short_name = forms.CharField(label="Tên viết tắt", max_length=120, required=False)
    member_count = forms.IntegerField(label="Số đảng viên", min_value=0, initial=0)


NewCellFormSet = forms.formset_factory(NewCellForm, extra=4, max_num=30, validate_max=True)


class UpgradeForm(OperationForm):
    title = "Nâng cấp"
    submit_label = "Nâng cấp"

    name = forms.CharField(
        label="Tên sau khi nâng cấp",
        max_length=255,
        help_text="Ví dụ: «Chi bộ Sở Tài chính» thành «Đảng bộ Sở Tài chính».",
    )
    short_name = forms.CharField(label="Tên viết tắt", max_length=120, required=False)
    field_order = ["name", "short_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        org = self.organization
        self.fields["name"].initial = _upgraded_name(org.name)
        self.fields["short_name"].initial = org.short_name
        self.cells = NewCellFormSet(self.data or None, prefix="chi-bo")

    def is_valid(self):
        # Both, always: the formset's own errors must show even when the form has some.
        return all([super().is_valid(), self.cells.is_valid()])

    @property
    def media(self):
        return super().media + self.cells.media

    def perform(self, *, actor):
        new_cells = [
            workflow.NewCell(
                name=cell["name"], short_name=cell["short_name"], member_count=cell["member_count"]
            )
            for cell in self.cells.cleaned_data
            if cell and cell.get("name")
        ]
        return workflow.upgrade(
            organization=self.organization,
            name=self.cleaned_data["name"],
            short_name=self.cleaned_data["short_name"],
            new_cells=new_cells,
            change=self.change(actor),
        )

    def success_message(self, organization):
        return f"Đã nâng cấp thành {organization.get_kind_display()} «{organization.name}»."


class MoveForm(OperationForm):
    title = "Chuyển trực thuộc"
    submit_label = "Chuyển"

    parent = TreeNodeChoiceField(
        label="Chuyển về trực thuộc",
        queryset=Organization.objects.none(),
        label_from_instance=organization_label,
    )
    field_order = ["parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        org = self.organization
        allowed = Organization.ALLOWED_PARENT_KINDS.get(org.kind, frozenset())
        self.fields["parent"].queryset = (
            Organization.objects.active()
            .filter(kind__in=allowed)
            .exclude(pk__in=[org.pk, org.parent_id or 0])
            .order_siblings_by("order", "name")
        )

    def perform(self, *, actor):
        return workflow.move(
            organization=self.organization,
            parent=self.cleaned_data["parent"],
            change=self.change(actor),
        )

    def success_message(self, organization):
        return f"Đã chuyển «{organization.name}» về trực thuộc «{organization.parent.name}»."


class MergeForm(OperationForm):
    """Several organizations into one: an existing one (sáp nhập) or a new one (hợp nhất)."""

    title = "Hợp nhất, sáp nhập"
    submit_label = "Hợp nhất"
    error_fields = {"name": "new_name", "kind": "new_kind", "parent": "new_parent"}

    INTO_EXISTING = "existing"
    INTO_NEW = "new"

    sources = TreeNodeMultipleChoiceField(
        label="Các tổ chức được hợp nhất",
        queryset=Organization.objects.none(),
        label_from_instance=organization_label,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    mode = forms.ChoiceField(
        label="Hợp nhất vào",
        choices=[
            (INTO_EXISTING, "Một tổ chức đang hoạt động (sáp nhập)"),
            (INTO_NEW, "Một tổ chức mới thành lập (hợp nhất)"),
        ],
        widget=forms.RadioSelect,
        initial=INTO_EXISTING,
    )
    into = TreeNodeChoiceField(
        label="Tổ chức tiếp nhận",
        queryset=Organization.objects.none(),
        required=False,
        label_from_instance=organization_label,
    )
    new_name = forms.CharField(label="Tên tổ chức mới", max_length=255, required=False)
    new_short_name = forms.CharField(label="Tên viết tắt", max_length=120, required=False)
    new_kind = forms.ChoiceField(
        label="Loại hình tổ chức mới",
        choices=[("", "---------"), *Organization.Kind.choices],
        required=False,
    )
    new_parent = TreeNodeChoiceField(
        label="Tổ chức mới trực thuộc",
        queryset=Organization.objects.none(),
        required=False,
        label_from_instance=organization_label,
    )
    field_order = [
        "sources",
        "mode",
        "into",
        "new_name",
        "new_short_name",
        "new_kind",
        "new_parent",
    ]

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        active = Organization.objects.active().order_siblings_by("order", "name")
        self.fields["sources"].queryset = active.exclude(kind=Organization.Kind.BLOC)
        self.fields["into"].queryset = active.exclude(kind=Organization.Kind.BLOC)
        self.fields["new_parent"].queryset = active.filter(kind__in=Organization.PARENT_KINDS)
        initial = [org.pk for org in sources] or (
            [self.organization.pk] if self.organization else []
        )
        self.fields["sources"].initial = initial

    def clean(self):
        data = super().clean()
        if data.get("mode") == self.INTO_EXISTING and not data.get("into"):
            self.add_error("into", "Chọn tổ chức tiếp nhận.")
        if data.get("mode") == self.INTO_NEW:
            for field in ("new_name", "new_kind", "new_parent"):
                if not data.get(field):
                    self.add_error(field, "Cần cho tổ chức mới.")
        return data

    def perform(self, *, actor):
        data = self.cleaned_data
        if data["mode"] == self.INTO_EXISTING:
            return workflow.merge(
                sources=list(data["sources"]), into=data["into"], change=self.change(actor)
            )
        return workflow.merge(
            sources=list(data["sources"]),
            name=data["new_name"],
            short_name=data["new_short_name"],
            kind=data["new_kind"],
            parent=data["new_parent"],
            change=self.change(actor),
        )

    def success_message(self, organization):
        names = ", ".join(f"«{org.name}»" for org in self.cleaned_data["sources"])
        return f"Đã hợp nhất {names} vào «{organization.name}»."


class DissolveForm(OperationForm):
    title = "Giải thể"
    submit_label = "Giải thể"

    cascade = forms.BooleanField(
        label="Giải thể cả các tổ chức trực thuộc đang hoạt động",
        required=False,
        help_text="Không chọn: nếu còn tổ chức trực thuộc, việc giải thể bị từ chối.",
    )
    confirm = forms.BooleanField(
        label="Tôi xác nhận giải thể tổ chức này",
        help_text="Tổ chức đã giải thể vẫn được lưu và xem được, nhưng không thể hoạt động lại.",
        error_messages={"required": "Hãy đánh dấu ô này để xác nhận giải thể."},
    )

    def perform(self, *, actor):
        return workflow.dissolve(
            organization=self.organization,
            cascade=self.cleaned_data["cascade"],
            change=self.change(actor),
        )

    def success_message(self, organization):
        return f"Đã giải thể «{organization.name}» từ {organization.ended_on:%d/%m/%Y}."


def _upgraded_name(name: str) -> str:
    """The usual name after an upgrade: "Chi bộ X" → "Đảng bộ X"."""
    for prefix in ("Chi bộ cơ sở ", "Chi bộ "):
        if name.startswith(prefix):
            return "Đảng bộ " + name[len(prefix) :]
    return name
