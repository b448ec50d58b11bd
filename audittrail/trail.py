"""The merged, filtered, paginated list behind the admin page."""

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import F
from django.urls import NoReverseMatch, reverse

from audittrail import COLUMNS, sources, text

PAGE_SIZE = 50


class TrailFilter(forms.Form):
    who = forms.ModelChoiceField(
        label="Người thực hiện", queryset=None, required=False, empty_label="Mọi người"
    )
    source = forms.ChoiceField(label="Loại", required=False)
    since = forms.DateField(
        label="Từ ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="Đến ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    target = forms.CharField(label="Đối tượng", required=False, max_length=200)
    ref = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].queryset = (
            get_user_model().objects.filter(is_staff=True).order_by("username")
        )
        self.fields["source"].choices = [("", "Mọi loại")] + [
            (source.name, source.label) for source in sources()
        ]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("«Từ ngày» phải trước «Đến ngày».")
        return data


def entries(filters: dict):
    """One queryset: the UNION of every source's rows that match, newest first."""
    parts = []
    for source in sources():
        if filters.get("source") and filters["source"] != source.name:
            continue
        rows = source.rows()
        if filters.get("who"):
            rows = rows.filter(who=filters["who"].pk)
        if filters.get("since"):
            rows = rows.filter(at__date__gte=filters["since"])
        if filters.get("until"):
            rows = rows.filter(at__date__lte=filters["until"])
        if filters.get("target"):
            rows = rows.filter(target__icontains=filters["target"])
        if filters.get("ref"):
            rows = rows.filter(target_ref=filters["ref"])
        rows = rows.annotate(source=text(source.name), row_id=F("pk"))
        parts.append(rows.values(*COLUMNS).order_by())
    if not parts:
        return LogEntry.objects.none().values()
    first, *rest = parts
    merged = first.union(*rest, all=True) if rest else first
    return merged.order_by(F("at").desc(), "source", F("row_id").desc())


def page(filters: dict, number):
    """The page of entries, each with the actor's name, the source label and a link."""
    paginator = Paginator(entries(filters), PAGE_SIZE)
    page_obj = paginator.get_page(number)
    rows = list(page_obj.object_list)
    users = get_user_model().objects.in_bulk({row["who"] for row in rows if row["who"]})
    labels = {source.name: source.label for source in sources()}
    for row in rows:
        user = users.get(row["who"])
        row["who_name"] = (user.get_full_name() or user.get_username()) if user else "(không rõ)"
        row["source_label"] = labels.get(row["source"], row["source"])
        row["target_url"] = _admin_url(row["target_ref"])
        if row["source"] == "admin":
            row["detail"] = LogEntry(change_message=row["detail"]).get_change_message()
    page_obj.object_list = rows
    return page_obj


def _admin_url(target_ref: str) -> str | None:
    label, _, pk = (target_ref or "").partition(":")
    app_label, _, model = label.partition(".")
    try:
        return reverse(f"admin:{app_label}_{model}_change", args=[pk])
    except NoReverseMatch:
        return None
